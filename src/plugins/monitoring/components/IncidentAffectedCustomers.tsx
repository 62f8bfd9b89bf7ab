import type { Payload, TypedUser } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { hasRole } from '../../../access/roles'
import { executeSqlOutsideTransaction } from '../../../db/sql'
import { NETWORK_STAFF_ROLES } from '../access/monitoringAccess'
import { incidentCustomers } from '../operations/affected'

/** How many affected customers the page lists by name; the count covers them all. */
const LISTED = 200

/**
 * On an incident's page: the customers it affects, derived (`incidentOutages`), not stored. Network
 * staff only: a customer never learns who else is affected.
 */
export async function IncidentAffectedCustomers({
  data,
  payload,
  user,
}: {
  data?: { id?: number | string | null }
  payload: Payload
  user?: TypedUser | null
}) {
  const id = Number(data?.id)
  if (!Number.isInteger(id) || !hasRole(user ?? null, ...NETWORK_STAFF_ROLES)) return null
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT c.id, c.number, c.name, count(*) OVER ()::int AS total
          FROM ${incidentCustomers({ incidents: sql`i.id = ${id}` })} m JOIN customers c ON c.id = m.customer_id
         ORDER BY c.number LIMIT ${LISTED}`,
  )
  const total = Number(rows[0]?.total ?? 0)
  return (
    <div data-testid="incident-affected-customers" style={{ marginBottom: 'var(--base)', fontSize: 14 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>Pelanggan terdampak ({total})</div>
      {total === 0 ? (
        'Belum ada pelanggan terdampak.'
      ) : (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {rows.map((r) => (
            <li key={String(r.id)}>
              <a href={`/admin/collections/customers/${r.id}`}>
                {String(r.number)} · {String(r.name)}
              </a>
            </li>
          ))}
          {total > rows.length ? <li>… dan {total - rows.length} lainnya</li> : null}
        </ul>
      )}
    </div>
  )
}
