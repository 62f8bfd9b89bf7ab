import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { TERMINATION_REASON_LABELS, type TerminationReason } from '../vocabulary'
import { addMonths, type AnalyticsFilters, currentMonth, type Month, monthsBetween } from './filters'
import { customerFilter, monthEndInstant, monthStartInstant, num, numOrNull } from './sqlKit'

export type ReasonRow = {
  reason: TerminationReason | null
  label: string
  customers: number
  share: number
  mrr: number
}

/**
 * Customers who left in the range (WIB, by termination date) by reason, with their share and the
 * monthly price of the package they had. Area and package are the customer's last.
 */
export async function terminationReasons(req: PayloadRequest, filters: AnalyticsFilters): Promise<ReasonRow[]> {
  const { rows } = await executeSql(
    req,
    sql`SELECT c.termination_reason AS reason, count(*) AS customers,
               round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS share,
               coalesce(sum(p.monthly_price), 0) AS mrr
          FROM customers c LEFT JOIN packages p ON p.id = c.package_id
         WHERE c.status = 'terminated'
           AND coalesce(c.terminated_at, c.updated_at) >= ${monthStartInstant(filters.from)}
           AND coalesce(c.terminated_at, c.updated_at) < ${monthEndInstant(filters.to)}${customerFilter(filters)}
         GROUP BY c.termination_reason
         ORDER BY customers DESC`,
  )
  return rows.map((r) => ({
    reason: (r.reason as TerminationReason) ?? null,
    label: r.reason ? TERMINATION_REASON_LABELS[r.reason as TerminationReason].id : 'Tanpa alasan',
    customers: num(r.customers),
    share: num(r.share),
    mrr: num(r.mrr),
  }))
}

export type CohortRow = {
  cohort: Month
  size: number
  /** Percent still active n months after activation (index n = 0..11); null where not yet reached. */
  retained: (number | null)[]
}

/** Months after activation the cohort table follows. */
export const COHORT_MONTHS = 12

/**
 * Cohort retention: customers grouped by activation month (WIB); for month n after it, the share
 * still subscribed at that month's end (or now, for the current month). Terminated customers
 * without a termination date count from their last change.
 */
export async function cohortRetention(
  req: PayloadRequest,
  filters: AnalyticsFilters,
  now: Date = new Date(),
): Promise<CohortRow[]> {
  const today = currentMonth(now)
  const { rows } = await executeSql(
    req,
    sql`WITH members AS (
          SELECT to_char(c.activation_date AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS cohort,
                 CASE WHEN c.status = 'terminated' THEN coalesce(c.terminated_at, c.updated_at) END AS left_at
            FROM customers c
           WHERE c.activation_date IS NOT NULL AND c.status <> 'prospect'
             AND c.activation_date >= ${monthStartInstant(filters.from)}
             AND c.activation_date < ${monthEndInstant(filters.to)}${customerFilter(filters)}
        ), steps AS (
          SELECT n FROM generate_series(0, ${COHORT_MONTHS - 1}) AS n
        )
        SELECT m.cohort, s.n, count(*) AS size,
               round(100.0 * count(*) FILTER (
                 WHERE m.left_at IS NULL
                    OR m.left_at >= least(((to_date(m.cohort, 'YYYY-MM') + (s.n + 1) * interval '1 month')::timestamp AT TIME ZONE 'Asia/Jakarta'), now())
               ) / count(*), 2) AS retained
          FROM members m CROSS JOIN steps s
         WHERE to_char(to_date(m.cohort, 'YYYY-MM') + s.n * interval '1 month', 'YYYY-MM') <= ${today}
         GROUP BY m.cohort, s.n
         ORDER BY m.cohort, s.n`,
  )
  const byCohort = new Map<Month, CohortRow>()
  for (const r of rows) {
    const cohort = r.cohort as string
    let row = byCohort.get(cohort)
    if (!row) {
      row = { cohort, size: num(r.size), retained: Array(COHORT_MONTHS).fill(null) }
      byCohort.set(cohort, row)
    }
    row.retained[num(r.n)] = numOrNull(r.retained)
  }
  return [...byCohort.values()]
}

/**
 * Total MRR on the closing day of each month up to `to` (at most 60 months back), the series the
 * forecast learns from. Months without snapshots are left out.
 */
export async function mrrHistory(
  req: PayloadRequest,
  filters: Pick<AnalyticsFilters, 'to' | 'area' | 'packageId'>,
): Promise<{ month: Month; mrr: number }[]> {
  const first = addMonths(filters.to, -59)
  const { rows } = await executeSql(
    req,
    sql`WITH months AS (
          SELECT to_char(m, 'YYYY-MM') AS month
            FROM generate_series(${`${first}-01`}::date, ${`${filters.to}-01`}::date, interval '1 month') AS m
        ), closing AS (
          SELECT mo.month,
                 (SELECT max(x.day) FROM mrr_snapshots x WHERE x.day >= mo.month || '-01' AND x.day <= mo.month || '-31') AS day
            FROM months mo
        )
        SELECT c.month, coalesce(sum(s.mrr), 0) AS mrr
          FROM closing c JOIN mrr_snapshots s ON s.day = c.day
         WHERE s.day = ANY (ARRAY(SELECT day FROM closing WHERE day IS NOT NULL)) AND s.mrr > 0${filters.area ? sql` AND s.area = ${filters.area}` : sql``}${
           filters.packageId ? sql` AND s.package_id = ${filters.packageId}` : sql``
         }
         GROUP BY c.month ORDER BY c.month`,
  )
  const series = rows.map((r) => ({ month: r.month as string, mrr: num(r.mrr) }))
  // Only the unbroken run of months ending last: a gap would shift the seasons.
  let start = series.length - 1
  while (start > 0 && monthsBetween(series[start - 1]!.month, series[start]!.month) === 1) start--
  return series.slice(Math.max(0, start))
}
