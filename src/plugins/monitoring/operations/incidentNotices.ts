import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { QueuedTask } from '../../../jobs/queueTasks'
import { queueNotificationsBulk } from '../../notifications/operations/queueBulk'
import { incidentOutages } from './affected'

export type IncidentNotices = {
  /** Incidents whose offline customers should hear of them (`outage_notice`). */
  notice: number[]
  /** Incidents just resolved: their customers already back hear it (`outage_resolved`). */
  resolved: number[]
}

const intArray = (ids: number[]) => `{${ids.join(',')}}`

/** The template variables of a notice, over `i` (the incident) and `c` (the customer). */
const variables = sql`jsonb_build_object('nama', c.name, 'nomor_pelanggan', c.number, 'gangguan', i.title,
  'pesan', coalesce(i.customer_message, ''),
  'sejak', to_char(i.started_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') || ' WIB',
  'perkiraan_pulih', coalesce(to_char(i.estimated_restore_at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') || ' WIB', '-'))`

/**
 * The one job of a correlator pass that tells customers about its incidents, queued in the pass's
 * transaction with its other jobs (none when there is nothing to say).
 */
export function incidentNoticesTask(incidents: IncidentNotices): QueuedTask | undefined {
  if (!incidents.notice.length && !incidents.resolved.length) return undefined
  return { task: 'noticeIncidentCustomers', input: incidents }
}

/**
 * Sends the WhatsApp notices of incidents to the customers they affect, derived here with the
 * definition (`incidentOutages`). Each message once: the dedupe keys
 * (`outage_notice:<incident>:<customer>`, `outage_resolved:<incident>:<customer>`) settle repeats
 * and races, and a customer who already heard of their current outage (under an incident since
 * folded into this one) does not hear of it again.
 */
export async function sendIncidentNotices({ req, notice, resolved }: IncidentNotices & { req: PayloadRequest }) {
  if (notice.length)
    await queueNotificationsBulk({
      req,
      trigger: 'outage_notice',
      source: sql`
        SELECT DISTINCT ON (m.customer_id) m.customer_id, 'outage_notice:' || i.id || ':' || c.id AS dedupe_key, ${variables} AS variables
          FROM ${incidentOutages({ incidents: sql`i.status = 'open' AND i.id = ANY(${intArray(notice)}::int[])`, outages: sql`o.ended_at IS NULL` })} m
          JOIN network_incidents i ON i.id = m.incident_id
          JOIN customers c ON c.id = m.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM messages x WHERE x.customer_id = m.customer_id AND x.trigger = 'outage_notice' AND x.created_at >= m.started_at)
         ORDER BY m.customer_id, i.id`,
    })
  if (resolved.length)
    await queueNotificationsBulk({
      req,
      trigger: 'outage_resolved',
      // Only those already back hear that it is over; the others are still offline.
      source: sql`
        SELECT DISTINCT m.customer_id, 'outage_resolved:' || i.id || ':' || c.id AS dedupe_key, ${variables} AS variables
          FROM ${incidentOutages({ incidents: sql`i.status = 'resolved' AND i.id = ANY(${intArray(resolved)}::int[])` })} m
          JOIN network_incidents i ON i.id = m.incident_id
          JOIN customers c ON c.id = m.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM customer_outages o2 WHERE o2.customer_id = m.customer_id AND o2.ended_at IS NULL)`,
    })
}
