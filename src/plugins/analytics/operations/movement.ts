import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { addMonths, type AnalyticsFilters, type Month } from './filters'
import { closingDaysCte, num, numOrNull, snapshotFilter, type SQL } from './sqlKit'

/**
 * One month of MRR movement and customer growth, from the snapshots on the closing days of the
 * month before and of the month itself. A customer counts as active in a month when their
 * snapshot on its closing day carries MRR.
 */
export type MonthMovement = {
  month: Month
  /** False when the month or the one before has no snapshot: the numbers would be meaningless. */
  complete: boolean
  startMrr: number
  newMrr: number
  expansionMrr: number
  contractionMrr: number
  churnedMrr: number
  endMrr: number
  netMrr: number
  startCustomers: number
  gainedCustomers: number
  lostCustomers: number
  endCustomers: number
  netCustomers: number
  /** Percent, 2 decimals: lost ÷ active at the start. Null when nobody was active at the start. */
  logoChurn: number | null
  /** Percent: (churned + contraction) ÷ start MRR. */
  revenueChurn: number | null
  /** Percent: (start − churned − contraction) ÷ start MRR. */
  grossRetention: number | null
  /** Percent: (start − churned − contraction + expansion) ÷ start MRR. */
  netRetention: number | null
  /** Rupiah: end MRR ÷ active customers at the end. */
  arpu: number | null
}

export type BreakdownRow = {
  /** Area name or package id (null: none). */
  key: string | null
  label: string
  startCustomers: number
  gainedCustomers: number
  lostCustomers: number
  netCustomers: number
  endCustomers: number
  endMrr: number
}

/**
 * The per-customer start/end pairs for each month of the range, with the area and package the
 * customer had (at the end of the month, else at its start). Shared by the monthly view and the
 * area/package breakdowns so both count the same customers.
 */
function pairsCte(filters: AnalyticsFilters): SQL {
  const { from, to } = filters
  return sql`${closingDaysCte(addMonths(from, -1), to)},
    vals AS (
      -- The closing days as an array: the planner probes the day index once per month instead of
      -- merging the whole table against a CTE it cannot size.
      SELECT c.month, s.customer_id, s.mrr, s.area, s.package_id
        FROM mrr_snapshots s JOIN closing c ON c.day = s.day
       WHERE s.day = ANY (ARRAY(SELECT day FROM closing WHERE day IS NOT NULL)) AND s.mrr > 0${snapshotFilter(filters)}
    ), cur AS (
      SELECT c.month, to_char(to_date(c.month, 'YYYY-MM') - interval '1 month', 'YYYY-MM') AS prev,
             c.day IS NOT NULL AND p.day IS NOT NULL AS complete
        FROM closing c
        JOIN closing p ON p.month = to_char(to_date(c.month, 'YYYY-MM') - interval '1 month', 'YYYY-MM')
    ), seq AS (
      -- Each customer's month ends in order: the one before (when it is the previous month) is
      -- this month's start; a month end with no next one is churned the month after. One sort,
      -- no grouping per customer and month.
      SELECT v.*, v.mi - lag(v.mi) OVER w = 1 AS follows, lag(v.mrr) OVER w AS prev_mrr, lead(v.mi) OVER w AS next_mi
        FROM (SELECT x.*, substr(x.month, 1, 4)::int * 12 + substr(x.month, 6, 2)::int AS mi FROM vals x) v
      WINDOW w AS (PARTITION BY v.customer_id ORDER BY v.mi)
    ), pairs AS (
      SELECT x.month, x.customer_id, x.start_mrr, x.end_mrr, x.area, x.package_id
        FROM (
          SELECT q.month, q.customer_id, CASE WHEN q.follows THEN q.prev_mrr ELSE 0 END AS start_mrr, q.mrr AS end_mrr,
                 q.area, q.package_id
            FROM seq q
          UNION ALL
          SELECT to_char(to_date(q.month, 'YYYY-MM') + interval '1 month', 'YYYY-MM'), q.customer_id, q.mrr, 0::numeric,
                 q.area, q.package_id
            FROM seq q WHERE q.next_mi IS DISTINCT FROM q.mi + 1
        ) x JOIN cur ON cur.month = x.month AND cur.complete
    )`
}

const pct = (numerator: string, denominator: string) =>
  sql.raw(`round(100.0 * (${numerator}) / NULLIF(${denominator}, 0), 2)`)

/**
 * Monthly movement and the area/package breakdown in one statement: the per-customer pairs are
 * computed once (a CTE read twice is materialised) and both results come back as JSON.
 */
export async function movementAndGrowth(
  req: PayloadRequest,
  filters: AnalyticsFilters,
): Promise<{ months: MonthMovement[]; byArea: BreakdownRow[]; byPackage: BreakdownRow[] }> {
  const { rows } = await executeSql(
    req,
    sql`WITH ${pairsCte(filters)},
    agg AS (
      SELECT month,
             sum(start_mrr) AS start_mrr,
             sum(end_mrr) AS end_mrr,
             sum(end_mrr) FILTER (WHERE start_mrr = 0) AS new_mrr,
             sum(end_mrr - start_mrr) FILTER (WHERE start_mrr > 0 AND end_mrr > start_mrr) AS expansion_mrr,
             sum(start_mrr - end_mrr) FILTER (WHERE end_mrr > 0 AND end_mrr < start_mrr) AS contraction_mrr,
             sum(start_mrr) FILTER (WHERE end_mrr = 0) AS churned_mrr,
             count(*) FILTER (WHERE start_mrr > 0) AS start_customers,
             count(*) FILTER (WHERE start_mrr = 0) AS gained_customers,
             count(*) FILTER (WHERE end_mrr = 0) AS lost_customers,
             count(*) FILTER (WHERE end_mrr > 0) AS end_customers
        FROM pairs GROUP BY month
    ), monthly AS (
    SELECT cur.month, cur.complete,
           coalesce(a.start_mrr, 0) AS start_mrr, coalesce(a.new_mrr, 0) AS new_mrr,
           coalesce(a.expansion_mrr, 0) AS expansion_mrr, coalesce(a.contraction_mrr, 0) AS contraction_mrr,
           coalesce(a.churned_mrr, 0) AS churned_mrr, coalesce(a.end_mrr, 0) AS end_mrr,
           coalesce(a.start_customers, 0) AS start_customers, coalesce(a.gained_customers, 0) AS gained_customers,
           coalesce(a.lost_customers, 0) AS lost_customers, coalesce(a.end_customers, 0) AS end_customers,
           ${pct('a.lost_customers', 'a.start_customers')} AS logo_churn,
           ${pct('coalesce(a.churned_mrr, 0) + coalesce(a.contraction_mrr, 0)', 'a.start_mrr')} AS revenue_churn,
           ${pct('a.start_mrr - coalesce(a.churned_mrr, 0) - coalesce(a.contraction_mrr, 0)', 'a.start_mrr')} AS gross_retention,
           ${pct('a.start_mrr - coalesce(a.churned_mrr, 0) - coalesce(a.contraction_mrr, 0) + coalesce(a.expansion_mrr, 0)', 'a.start_mrr')} AS net_retention,
           round(a.end_mrr / NULLIF(a.end_customers, 0)) AS arpu
      FROM cur LEFT JOIN agg a ON a.month = cur.month
     WHERE cur.month >= ${filters.from}
    ), breakdown AS (
    SELECT GROUPING(p.area) = 0 AS is_area, p.area, p.package_id, max(pk.name) AS package_name,
           count(*) FILTER (WHERE p.month = ${filters.from} AND p.start_mrr > 0) AS start_customers,
           count(*) FILTER (WHERE p.month >= ${filters.from} AND p.start_mrr = 0) AS gained_customers,
           count(*) FILTER (WHERE p.month >= ${filters.from} AND p.end_mrr = 0) AS lost_customers,
           count(*) FILTER (WHERE p.month = ${filters.to} AND p.end_mrr > 0) AS end_customers,
           coalesce(sum(p.end_mrr) FILTER (WHERE p.month = ${filters.to}), 0) AS end_mrr
      FROM pairs p LEFT JOIN packages pk ON pk.id = p.package_id
     WHERE p.month >= ${filters.from}
     GROUP BY GROUPING SETS ((p.area), (p.package_id))
    )
    SELECT (SELECT json_agg(m ORDER BY m.month) FROM monthly m) AS months,
           (SELECT json_agg(b ORDER BY b.is_area DESC, b.end_customers DESC, b.area, b.package_id) FROM breakdown b) AS breakdown`,
  )
  const months = ((rows[0]?.months as Record<string, unknown>[] | null) ?? []).map(toMonth)
  return { months, ...toBreakdown((rows[0]?.breakdown as Record<string, unknown>[] | null) ?? []) }
}

/** MRR movement, growth and churn for every month of the range. */
export async function monthlyMovement(req: PayloadRequest, filters: AnalyticsFilters): Promise<MonthMovement[]> {
  return (await movementAndGrowth(req, filters)).months
}

function toMonth(r: Record<string, unknown>): MonthMovement {
  const startMrr = num(r.start_mrr)
  const endMrr = num(r.end_mrr)
  const gained = num(r.gained_customers)
  const lost = num(r.lost_customers)
  return {
    month: r.month as string,
    complete: Boolean(r.complete),
    startMrr,
    newMrr: num(r.new_mrr),
    expansionMrr: num(r.expansion_mrr),
    contractionMrr: num(r.contraction_mrr),
    churnedMrr: num(r.churned_mrr),
    endMrr,
    netMrr: endMrr - startMrr,
    startCustomers: num(r.start_customers),
    gainedCustomers: gained,
    lostCustomers: lost,
    endCustomers: num(r.end_customers),
    netCustomers: gained - lost,
    logoChurn: numOrNull(r.logo_churn),
    revenueChurn: numOrNull(r.revenue_churn),
    grossRetention: numOrNull(r.gross_retention),
    netRetention: numOrNull(r.net_retention),
    arpu: numOrNull(r.arpu),
  }
}

/**
 * Growth over the whole range by area and by package: active at the start of the range, gained
 * and lost in its months, net, active and MRR at its end. A customer is counted under the
 * area/package they had at the time.
 */
export async function growthBreakdown(
  req: PayloadRequest,
  filters: AnalyticsFilters,
): Promise<{ byArea: BreakdownRow[]; byPackage: BreakdownRow[] }> {
  const { byArea, byPackage } = await movementAndGrowth(req, filters)
  return { byArea, byPackage }
}

function toBreakdown(rows: Record<string, unknown>[]): { byArea: BreakdownRow[]; byPackage: BreakdownRow[] } {
  const byArea: BreakdownRow[] = []
  const byPackage: BreakdownRow[] = []
  for (const r of rows) {
    const gained = num(r.gained_customers)
    const lost = num(r.lost_customers)
    const base = {
      startCustomers: num(r.start_customers),
      gainedCustomers: gained,
      lostCustomers: lost,
      netCustomers: gained - lost,
      endCustomers: num(r.end_customers),
      endMrr: num(r.end_mrr),
    }
    if (r.is_area)
      byArea.push({ key: (r.area as string) ?? null, label: (r.area as string) ?? 'Tanpa wilayah', ...base })
    else
      byPackage.push({
        key: r.package_id === null ? null : String(r.package_id),
        label: (r.package_name as string) ?? 'Tanpa paket',
        ...base,
      })
  }
  return { byArea, byPackage }
}
