import type pg from 'pg'

import { addDays } from '../../billing/operations/calendar'
import { wibIsoDay } from '../../../lib/wib'

/** Months of month-end MRR snapshots the generator writes behind the generated customers. */
export const HISTORY_MONTHS = 24
/** Days of daily snapshots up to today. */
export const HISTORY_DAYS = 30

/** The snapshot days of the generated history: month ends of the last 24 months, then daily. */
export function historyDays(now: Date): string[] {
  const today = wibIsoDay(now)
  const days = new Set<string>()
  let monthStart = `${today.slice(0, 7)}-01`
  for (let i = 0; i < HISTORY_MONTHS; i++) {
    const lastDay = addDays(monthStart, -1)
    days.add(lastDay)
    monthStart = `${lastDay.slice(0, 7)}-01`
  }
  for (let i = 0; i <= HISTORY_DAYS; i++) days.add(addDays(today, -i))
  return [...days].sort()
}

/**
 * MRR snapshots for the given customers as the daily job would have written them: on each
 * history day, every customer activated by then and not yet terminated, at the price of the
 * package they had that day (the one before a later package change). One INSERT … SELECT,
 * computed in PostgreSQL; days already written are left as they are.
 */
export async function writeSnapshotHistory(client: pg.ClientBase, customerIds: number[], now: Date): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO mrr_snapshots (customer_id, day, mrr, package_id, area, customer_status)
     SELECT c.id, d.day, p.monthly_price, p.id, c.area,
            CASE WHEN c.status = 'suspended' AND d.day >= $3 THEN 'suspended' ELSE 'active' END
       FROM unnest($2::text[]) AS d(day)
       JOIN customers c ON c.id = ANY($1::int[])
       CROSS JOIN LATERAL (
         SELECT coalesce(
           (SELECT (h.details->>'fromPackage')::int FROM service_history h
             WHERE h.customer_id = c.id AND h.type = 'package_change'
               AND h.occurred_at >= (d.day::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'
             ORDER BY h.occurred_at LIMIT 1),
           c.package_id) AS package_id
       ) at_day
       JOIN packages p ON p.id = at_day.package_id
      WHERE c.activation_date IS NOT NULL AND c.status <> 'prospect'
        AND c.activation_date < (d.day::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'
        AND (c.terminated_at IS NULL OR c.terminated_at >= (d.day::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
     ON CONFLICT (customer_id, day) DO NOTHING`,
    [customerIds, historyDays(now), addDays(wibIsoDay(now), -20)],
  )
  return rowCount ?? 0
}
