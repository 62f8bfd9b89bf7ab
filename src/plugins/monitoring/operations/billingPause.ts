import { sql } from '@payloadcms/db-postgres'

/**
 * The rule that pauses isolir and payment reminders, as SQL over a customers alias `c`: the
 * customer is in a network incident that is open, or was open at any time on WIB day `day`
 * ('YYYY-MM-DD'). A customer cut off by our network is not treated as at fault that day.
 */
export const customerInIncidentCondition = (day: string) => sql`EXISTS (
  SELECT 1 FROM network_incidents_rels r JOIN network_incidents ni ON ni.id = r.parent_id
   WHERE r.path = 'affectedCustomers' AND r.customers_id = c.id
     AND (ni.status = 'open' OR (ni.resolved_at AT TIME ZONE 'Asia/Jakarta')::date >= ${day}::date))`
