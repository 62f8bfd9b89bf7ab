import { sql } from '@payloadcms/db-postgres'

import { incidentCustomers } from './affected'

/** Incidents (alias `i`) that pause billing on WIB day `day`: open, or open at any time that day. */
const pausingIncidents = (day: string) =>
  sql`(i.status = 'open' OR (i.resolved_at AT TIME ZONE 'Asia/Jakarta')::date >= ${day}::date)`

/**
 * The rule that pauses isolir and payment reminders, as SQL over a customers alias `c`: the
 * customer is affected (`incidentOutages`) by a network incident that is open, or was open at any
 * time on WIB day `day` ('YYYY-MM-DD'). A customer cut off by our network is not treated as at fault
 * that day.
 */
export const customerInIncidentCondition = (day: string) =>
  sql`c.id IN (SELECT customer_id FROM ${incidentCustomers({ incidents: pausingIncidents(day) })} paused)`

/**
 * The incident that holds each customer on `day` by the same rule, one per customer (an open one
 * first, then the latest): (customer_id, id, title, status), to LEFT JOIN on `customer_id`.
 */
export const incidentHoldingCustomers = (day: string) => sql`(
  SELECT DISTINCT ON (m.customer_id) m.customer_id, ni.id, ni.title, ni.status
    FROM ${incidentCustomers({ incidents: pausingIncidents(day) })} m JOIN network_incidents ni ON ni.id = m.incident_id
   ORDER BY m.customer_id, ni.status = 'open' DESC, ni.started_at DESC)`
