import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import type { AnalyticsFilters } from './filters'
import { customerFilter, num, numOrNull, type SQL } from './sqlKit'

/** Below this score a customer is listed as at risk. */
export const AT_RISK_BELOW = 60
const LISTED = 200

/** Points taken off 100 for each part (the cap of each in brackets), written on the page as is. */
export const HEALTH_RULES = [
  {
    part: 'daysLate',
    label: 'Hari terlambat bayar',
    rule: '1 poin per hari tagihan tertua lewat jatuh tempo (maks. 30)',
  },
  { part: 'isolir90', label: 'Isolir 90 hari', rule: '10 poin per isolir dalam 90 hari terakhir (maks. 20)' },
  {
    part: 'repeatTickets',
    label: 'Tiket berulang',
    rule: '5 poin per tiket setelah yang pertama dalam 90 hari (maks. 15)',
  },
  {
    part: 'offlineMinutes',
    label: 'Menit offline (30 hari)',
    rule: '1 poin per jam offline dalam 30 hari (maks. 15), bila data monitoring ada',
  },
  {
    part: 'usageTrend',
    label: 'Tren pemakaian',
    rule: '1 poin per 5% penurunan pemakaian 14 hari terakhir dibanding 14 hari sebelumnya (maks. 10), bila data monitoring ada',
  },
  {
    part: 'downgrades',
    label: 'Turun paket',
    rule: '5 poin per turun paket (ke paket lebih murah) dalam 90 hari (maks. 10)',
  },
] as const

export type HealthRow = {
  customerId: number
  number: string
  name: string
  area: string | null
  score: number
  daysLate: number
  isolir90: number
  repeatTickets: number
  offlineMinutes: number | null
  /** Percent change in bytes, last 14 days vs the 14 before; null without usage data. */
  usageChange: number | null
  downgrades: number
  /** Indonesian reasons, the parts that cost points. */
  reasons: string[]
}

export type HealthReport = {
  customers: number
  averageScore: number | null
  buckets: { label: string; customers: number }[]
  atRisk: HealthRow[]
  monitoring: boolean
}

async function monitoringTables(req: PayloadRequest): Promise<boolean> {
  const { rows } = await executeSql(
    req,
    sql`SELECT to_regclass('public.customer_outages') IS NOT NULL AND to_regclass('public.usage_daily') IS NOT NULL AS present`,
  )
  return Boolean(rows[0]?.present)
}

/**
 * The health score of every active or isolir customer (within the filters) as SQL: a WITH whose
 * last part, `scored`, holds one row per customer with its parts and `score`. Shared by the health
 * view and the coverage map, so both colour a customer the same.
 */
export async function healthScoresCte(
  req: PayloadRequest,
  filters: Pick<AnalyticsFilters, 'area' | 'packageId'>,
): Promise<{ cte: SQL; monitoring: boolean }> {
  const monitoring = await monitoringTables(req)
  const offline = monitoring
    ? sql`SELECT o.customer_id,
                 sum(extract(epoch FROM least(coalesce(o.ended_at, now()), now()) - greatest(o.started_at, now() - interval '30 days')) / 60.0) AS minutes
            FROM customer_outages o
           WHERE o.started_at < now() AND coalesce(o.ended_at, now()) > now() - interval '30 days'
           GROUP BY o.customer_id`
    : sql`SELECT NULL::int AS customer_id, NULL::numeric AS minutes WHERE false`
  const usage = monitoring
    ? sql`SELECT u.customer_id,
                 sum(u.rx_bytes + u.tx_bytes) FILTER (WHERE u.day > to_char(now() AT TIME ZONE 'Asia/Jakarta' - interval '14 days', 'YYYY-MM-DD')) AS recent,
                 sum(u.rx_bytes + u.tx_bytes) FILTER (WHERE u.day <= to_char(now() AT TIME ZONE 'Asia/Jakarta' - interval '14 days', 'YYYY-MM-DD')) AS before
            FROM usage_daily u
           WHERE u.day > to_char(now() AT TIME ZONE 'Asia/Jakarta' - interval '28 days', 'YYYY-MM-DD')
           GROUP BY u.customer_id`
    : sql`SELECT NULL::int AS customer_id, NULL::numeric AS recent, NULL::numeric AS before WHERE false`
  const cte = sql`WITH base AS (
          SELECT c.id, c.number, c.name, c.area, c.status, c.odp, c.latitude, c.longitude FROM customers c
           WHERE c.status IN ('active', 'suspended')${customerFilter(filters)}
        ), late AS (
          SELECT i.customer_id, max(floor(extract(epoch FROM now() - i.due_date) / 86400)) AS days
            FROM invoices i
           WHERE i.status IN ('unpaid', 'partially_paid') AND i.balance_due > 0 AND i.due_date < now()
           GROUP BY i.customer_id
        ), isolir AS (
          SELECT h.customer_id, count(*) AS n FROM service_history h
           WHERE h.type = 'suspension' AND h.occurred_at >= now() - interval '90 days' GROUP BY h.customer_id
        ), repeats AS (
          SELECT t.customer_id, count(*) - 1 AS n FROM tickets t
           WHERE t.created_at >= now() - interval '90 days' GROUP BY t.customer_id HAVING count(*) > 1
        ), downgrades AS (
          SELECT h.customer_id, count(*) AS n
            FROM service_history h
            JOIN packages f ON f.id = CASE WHEN jsonb_typeof(h.details->'fromPackage') = 'number' THEN (h.details->>'fromPackage')::int END
            JOIN packages t ON t.id = CASE WHEN jsonb_typeof(h.details->'toPackage') = 'number' THEN (h.details->>'toPackage')::int END
           WHERE h.type = 'package_change' AND h.occurred_at >= now() - interval '90 days'
             AND t.monthly_price < f.monthly_price
           GROUP BY h.customer_id
        ), offline AS (${offline}), usage AS (${usage}),
        parts AS (
          SELECT b.*, coalesce(l.days, 0) AS days_late, coalesce(i.n, 0) AS isolir90, coalesce(r.n, 0) AS repeat_tickets,
                 round(o.minutes) AS offline_minutes,
                 round(100.0 * (u.recent - u.before) / NULLIF(u.before, 0), 1) AS usage_change,
                 coalesce(d.n, 0) AS downgrades
            FROM base b
            LEFT JOIN late l ON l.customer_id = b.id LEFT JOIN isolir i ON i.customer_id = b.id
            LEFT JOIN repeats r ON r.customer_id = b.id LEFT JOIN downgrades d ON d.customer_id = b.id
            LEFT JOIN offline o ON o.customer_id = b.id LEFT JOIN usage u ON u.customer_id = b.id
        ), scored AS (
          SELECT p.*, greatest(0, 100
                   - least(30, p.days_late)
                   - least(20, 10 * p.isolir90)
                   - least(15, 5 * p.repeat_tickets)
                   - least(15, floor(coalesce(p.offline_minutes, 0) / 60))
                   - least(10, greatest(0, floor(-coalesce(p.usage_change, 0) / 5)))
                   - least(10, 5 * p.downgrades))::int AS score
            FROM parts p
        )`
  return { cte, monitoring }
}

/**
 * Health score 0–100 of every active or isolir customer (one query): 100 minus the points of each
 * part in HEALTH_RULES. Offline minutes and usage trend come from the monitoring plugin's tables
 * when they exist and hold data. Returns the distribution and the lowest-scoring customers.
 */
export async function customerHealth(
  req: PayloadRequest,
  filters: Pick<AnalyticsFilters, 'area' | 'packageId'>,
): Promise<HealthReport> {
  const { cte, monitoring } = await healthScoresCte(req, filters)
  const { rows } = await executeSql(
    req,
    sql`${cte}, summary AS (
          SELECT s.*, count(*) OVER () AS total, round(avg(s.score) OVER (), 1) AS average,
                 count(*) FILTER (WHERE s.score < 40) OVER () AS b0,
                 count(*) FILTER (WHERE s.score >= 40 AND s.score < 60) OVER () AS b1,
                 count(*) FILTER (WHERE s.score >= 60 AND s.score < 80) OVER () AS b2,
                 count(*) FILTER (WHERE s.score >= 80) OVER () AS b3,
                 row_number() OVER (ORDER BY s.score, s.id) AS position
            FROM scored s
        )
        SELECT * FROM summary WHERE position = 1 OR (score < ${AT_RISK_BELOW} AND position <= ${LISTED}) ORDER BY position`,
  )
  const first = rows[0]
  const atRisk = rows
    .filter((r) => num(r.score) < AT_RISK_BELOW)
    .map((r): HealthRow => {
      const row: HealthRow = {
        customerId: num(r.id),
        number: (r.number as string) ?? '',
        name: (r.name as string) ?? '',
        area: (r.area as string) ?? null,
        score: num(r.score),
        daysLate: num(r.days_late),
        isolir90: num(r.isolir90),
        repeatTickets: num(r.repeat_tickets),
        offlineMinutes: numOrNull(r.offline_minutes),
        usageChange: numOrNull(r.usage_change),
        downgrades: num(r.downgrades),
        reasons: [],
      }
      if (row.daysLate > 0) row.reasons.push(`terlambat bayar ${row.daysLate} hari`)
      if (row.isolir90 > 0) row.reasons.push(`${row.isolir90}× isolir dalam 90 hari`)
      if (row.repeatTickets > 0) row.reasons.push(`${row.repeatTickets + 1} tiket dalam 90 hari`)
      if ((row.offlineMinutes ?? 0) >= 60)
        row.reasons.push(`offline ${Math.round(row.offlineMinutes! / 60)} jam dalam 30 hari`)
      if ((row.usageChange ?? 0) <= -5) row.reasons.push(`pemakaian turun ${Math.abs(row.usageChange!)}%`)
      if (row.downgrades > 0) row.reasons.push(`${row.downgrades}× turun paket`)
      return row
    })
  return {
    customers: num(first?.total),
    averageScore: numOrNull(first?.average),
    buckets: [
      { label: '0–39', customers: num(first?.b0) },
      { label: '40–59', customers: num(first?.b1) },
      { label: '60–79', customers: num(first?.b2) },
      { label: '80–100', customers: num(first?.b3) },
    ],
    atRisk,
    monitoring,
  }
}
