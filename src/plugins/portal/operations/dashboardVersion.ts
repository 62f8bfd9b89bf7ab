import type { Payload } from 'payload'

import { pgPool } from '../../../db/pool'
import { wibIsoDay } from '../../../lib/wib'

/**
 * A fingerprint of everything the portal dashboard (src/app/(portal)/portal/(app)/page.tsx) can
 * show a customer, in one statement: when it is unchanged, the page rendered last time for that
 * customer is still the page they would get now.
 *
 * It reads rows, never returns them: whatever is shown is still read by the page through the
 * collections' access rules. Each part covers at least the rows that rule can let the customer see
 * (their own rows; every active notice; every open incident on their node or above it, placed as
 * `placeCustomer` in src/plugins/monitoring/operations/topology.ts places them, which is wider than
 * the incidents that affect them), as whole rows where they are small, so a change made by any path
 * (Payload, raw SQL, another server) shows:
 *
 * - the customer's own record (status, isolir cause, credit, package, area, network status) and
 *   their package;
 * - their unpaid invoices, with whether each is past due *now* (the isolir text turns on that);
 * - their open tickets, pending transfer proofs, outages, and the last 30 WIB days of usage;
 * - the notices and the incidents above them shown now (the time window is judged at this moment, so a notice
 *   that starts at 08:00 changes the fingerprint at 08:00), and today's WIB date.
 */
const VERSION_SQL = `
SELECT md5(concat_ws('|',
  (SELECT c::text FROM customers c WHERE c.id = $1),
  (SELECT p::text FROM packages p JOIN customers c ON c.package_id = p.id WHERE c.id = $1),
  (SELECT string_agg(i::text || (i.due_date < now())::text, ',' ORDER BY i.id)
     FROM invoices i WHERE i.customer_id = $1 AND i.status IN ('unpaid', 'partially_paid')),
  (SELECT string_agg(t::text, ',' ORDER BY t.id)
     FROM tickets t WHERE t.customer_id = $1 AND t.status IN ('open', 'assigned', 'in_progress')),
  (SELECT count(*) || ':' || coalesce(max(p.updated_at)::text, '')
     FROM payments p WHERE p.customer_id = $1 AND p.status = 'pending'),
  (SELECT count(*) || ':' || coalesce(max(o.updated_at)::text, '') || ':' || coalesce(max(o.ended_at)::text, '')
     FROM customer_outages o WHERE o.customer_id = $1),
  (SELECT string_agg(u.day || ':' || u.rx_bytes || ':' || u.tx_bytes, ',' ORDER BY u.day)
     FROM usage_daily u WHERE u.customer_id = $1 AND u.day >= $2),
  (SELECT string_agg(n.id || ':' || n.updated_at || ':' || (n.active_from <= now())::text
                     || ':' || (n.active_until IS NULL OR n.active_until > now())::text, ',' ORDER BY n.id)
     FROM portal_notices n WHERE n.active_until IS NULL OR n.active_until > now() - interval '30 days'),
  (WITH RECURSIVE up(id, parent_id, depth) AS (
     SELECT n.id, n.parent_id, 0 FROM network_nodes n WHERE n.id = (SELECT coalesce(
       (SELECT o.id FROM network_nodes o WHERE o.kind = 'odp' AND lower(o.name) = lower(c.odp) ORDER BY o.id LIMIT 1),
       (SELECT r.id FROM network_nodes r WHERE r.kind = 'router' AND r.router_id = c.router_id ORDER BY r.id LIMIT 1))
       FROM customers c WHERE c.id = $1)
     UNION ALL
     SELECT n.id, n.parent_id, up.depth + 1 FROM up JOIN network_nodes n ON n.id = up.parent_id WHERE up.depth < 12)
   SELECT string_agg(ni::text, ',' ORDER BY ni.id) FROM network_incidents ni
    WHERE ni.status = 'open' AND ni.node_id IN (SELECT id FROM up)),
  $3::text
)) AS version`

/** The dashboard's fingerprint for one customer, now (see VERSION_SQL). */
export async function dashboardVersion(payload: Payload, customerId: number | string): Promise<string> {
  const now = new Date()
  const since = wibIsoDay(new Date(now.getTime() - 29 * 24 * 60 * 60 * 1000))
  const { rows } = await pgPool(payload).query<{ version: string }>({
    name: 'portal-dashboard-version',
    text: VERSION_SQL,
    values: [Number(customerId), since, wibIsoDay(now)],
  })
  return rows[0]!.version
}
