/**
 * The monitoring seam read by the portal and analytics: network incidents, customer outages, daily
 * usage and the customer's connection state, each read with the reader's own access (Local API,
 * `overrideAccess: false`). A customer sees only their own rows and never who else is affected.
 */
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { renderToStaticMarkup } from 'react-dom/server'

import { IncidentAffectedCustomers } from '../../src/plugins/monitoring/components/IncidentAffectedCustomers'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let A: Awaited<ReturnType<typeof createCustomer>>['customer']
let B: Awaited<ReturnType<typeof createCustomer>>['customer']
let C: Awaited<ReturnType<typeof createCustomer>>['customer']
let incidentAB: number
let incidentC: number

const as = (user: unknown) => ({ user, overrideAccess: false, depth: 0 }) as const
const ids = (docs: { id: number }[]) => docs.map((d) => d.id).sort((x, y) => x - y)
const exec = (query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle.execute(query)

beforeAll(async () => {
  payload = await testPayload()
  // Who an incident affects is derived: customers under its node with an outage since it began.
  const node = (kind: 'router' | 'odp', parent?: number) =>
    payload.create({
      collection: 'network-nodes',
      data: { name: unique(`SEAM-${kind.toUpperCase()}-`), kind, parent },
      overrideAccess: true,
    })
  const router = await node('router')
  const odp1 = await node('odp', router.id)
  const odp2 = await node('odp', router.id)
  A = (await createCustomer(payload, { area: 'Seam-1', odp: odp1.name })).customer
  B = (await createCustomer(payload, { area: 'Seam-1', odp: odp1.name })).customer
  C = (await createCustomer(payload, { area: 'Seam-2', odp: odp2.name })).customer
  const started = new Date(Date.now() - 3600_000).toISOString()
  const incident = async (title: string, nodeId: number, affected: number) => {
    const { rows } = await exec(
      sql`INSERT INTO network_incidents (title, status, started_at, area, affected_count, customer_message, cause, node_id)
          VALUES (${title}, 'open', ${started}, 'Seam-1', ${affected}, 'Sedang diperbaiki', 'ODP rusak', ${nodeId}) RETURNING id`,
    )
    return rows[0].id as number
  }
  incidentAB = await incident('Gangguan ODP Seam-1', odp1.id, 2)
  incidentC = await incident('Gangguan ODP Seam-2', odp2.id, 1)
  for (const c of [A, B, C]) {
    await exec(sql`INSERT INTO customer_outages (customer_id, started_at, source) VALUES (${c.id}, ${started}, 'test')`)
    await exec(
      sql`INSERT INTO usage_daily (customer_id, day, rx_bytes, tx_bytes) VALUES (${c.id}, '2026-12-01', 1000, 100)`,
    )
  }
  await exec(
    sql`UPDATE customers SET network_status_online = false, network_status_since = ${started}, network_status_last_seen_at = ${started} WHERE id IN (${A.id}, ${B.id}, ${C.id})`,
  )
})

describe('monitoring seam', () => {
  it('a customer reads only the incidents that affect them, without the list of affected customers', async () => {
    const seen = await payload.find({ collection: 'network-incidents', ...as({ ...A, collection: 'customers' }) })
    expect(ids(seen.docs)).toEqual([incidentAB])
    const incident = seen.docs[0] as unknown as Record<string, unknown>
    expect(incident.title).toBe('Gangguan ODP Seam-1')
    expect(incident.customerMessage).toBe('Sedang diperbaiki')
    expect(incident.affectedCount).toBe(2)
    expect(incident.affectedCustomers).toBeUndefined()
    expect(incident.cause).toBeUndefined()
    const other = await payload
      .findByID({ collection: 'network-incidents', id: incidentC, ...as({ ...A, collection: 'customers' }) })
      .catch((e: Error) => e)
    expect(other).toBeInstanceOf(Error)
  })

  it('a customer reads only their own outages and usage', async () => {
    const user = { ...A, collection: 'customers' }
    const outages = await payload.find({ collection: 'customer-outages', ...as(user) })
    expect(outages.docs.map((o) => o.customer)).toEqual([A.id])
    const usage = await payload.find({ collection: 'usage-daily', ...as(user) })
    expect(usage.docs.map((u) => [u.customer, u.day, u.rxBytes])).toEqual([[A.id, '2026-12-01', 1000]])
    const self = await payload.findByID({ collection: 'customers', id: A.id, ...as(user) })
    expect(self.networkStatus?.online).toBe(false)
    expect(self.networkStatus?.lastSeenAt).toBeTruthy()
  })

  it('staff on the network see every affected customer; a content editor sees nothing', async () => {
    const technician = (await createStaff(payload, 'technician')).user
    const found = await payload.find({
      collection: 'network-incidents',
      where: { id: { in: [incidentAB, incidentC] } },
      ...as({ ...technician, collection: 'users' }),
    })
    expect(ids(found.docs)).toEqual([incidentAB, incidentC].sort((x, y) => x - y))
    // The incident page lists who it affects, for network staff only.
    const render = async (user: unknown) => {
      const element = await IncidentAffectedCustomers({ data: { id: incidentAB }, payload, user: user as never })
      return element ? renderToStaticMarkup(element) : ''
    }
    const html = await render({ ...technician, collection: 'users' })
    expect(html).toContain('Pelanggan terdampak (2)')
    for (const c of [A, B]) expect(html).toContain(`/admin/collections/customers/${c.id}`)
    expect(html).not.toContain(`/admin/collections/customers/${C.id}`)
    expect(await render({ ...A, collection: 'customers' })).toBe('')
    const editor = (await createStaff(payload, 'content_editor')).user
    for (const collection of ['network-incidents', 'customer-outages', 'usage-daily'] as const)
      await expect(payload.find({ collection, ...as({ ...editor, collection: 'users' }) })).rejects.toThrow()
  })

  it('nobody writes the rows or the connection state by hand', async () => {
    const user = { ...A, collection: 'customers' }
    const cs = (await createStaff(payload, 'customer_service')).user
    await expect(
      payload.create({
        collection: 'customer-outages',
        data: { customer: A.id, startedAt: new Date().toISOString() },
        ...as({ ...cs, collection: 'users' }),
      }),
    ).rejects.toThrow()
    await expect(
      payload.create({
        collection: 'usage-daily',
        data: { customer: A.id, day: '2026-12-02', rxBytes: 1, txBytes: 1 },
        ...as(user),
      }),
    ).rejects.toThrow()
    await payload.update({
      collection: 'customers',
      id: A.id,
      data: { networkStatus: { online: true } },
      ...as(user),
    })
    const { rows } = await exec(sql`SELECT network_status_online FROM customers WHERE id = ${A.id}`)
    expect(rows[0].network_status_online).toBe(false)
  })

  it('the database keeps one usage row per customer and day, and one open outage per customer', async () => {
    await expect(
      exec(sql`INSERT INTO usage_daily (customer_id, day, rx_bytes, tx_bytes) VALUES (${A.id}, '2026-12-01', 1, 1)`),
    ).rejects.toThrow()
    await expect(
      exec(sql`INSERT INTO customer_outages (customer_id, started_at) VALUES (${A.id}, now())`),
    ).rejects.toThrow()
  })
})
