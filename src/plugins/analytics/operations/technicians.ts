import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { DEFAULT_SLA_HOURS, type SlaHours } from '../vocabulary'
import type { AnalyticsFilters, Month } from './filters'
import { customerFilter, monthEndInstant, monthStartInstant, num, numOrNull } from './sqlKit'

/** Days after a job within which a new ticket of the same type for the same customer is a revisit. */
export const FIRST_TIME_FIX_DAYS = 30

export type TechnicianRow = {
  technicianId: number
  name: string
  rank: number
  jobs: number
  /** Jobs by ticket type, the mix the score is adjusted for. */
  mix: Record<string, number>
  /** Percent of jobs with no new ticket of the same type for the customer within 30 days. */
  firstTimeFix: number | null
  /** Hours from ticket opened to resolved, mean. */
  meanHoursToResolve: number | null
  /** Percent resolved within the SLA hours of their priority. */
  withinSla: number | null
  averageRating: number | null
  ratings: number
  /** 100 = the team average for the same job mix; above is better. */
  score: number | null
}

/**
 * Finished jobs (tickets resolved or closed, resolved in the range, WIB) per assigned technician.
 * The score compares each technician with the team on the same kinds of job: for every ticket the
 * team's average first-time-fix, within-SLA share and hours to resolve for that ticket type are the
 * expectation; the score is 100 × the mean of (FTF ÷ expected FTF, SLA ÷ expected SLA, expected
 * hours ÷ hours). One query.
 */
export async function technicianRanking(
  req: PayloadRequest,
  filters: AnalyticsFilters,
  slaHours: SlaHours = DEFAULT_SLA_HOURS,
): Promise<TechnicianRow[]> {
  const { rows } = await executeSql(
    req,
    sql`WITH jobs AS (
          SELECT t.id, t.assigned_technician_id AS technician_id, t.type, t.rating,
                 extract(epoch FROM t.resolved_at - t.created_at) / 3600.0 AS hours,
                 (extract(epoch FROM t.resolved_at - t.created_at) / 3600.0 <= CASE t.priority
                    WHEN 'urgent' THEN ${slaHours.urgent}::numeric WHEN 'high' THEN ${slaHours.high}::numeric
                    WHEN 'low' THEN ${slaHours.low}::numeric ELSE ${slaHours.normal}::numeric END)::int AS in_sla,
                 (NOT EXISTS (
                    SELECT 1 FROM tickets r
                     WHERE r.customer_id = t.customer_id AND r.type = t.type AND r.id <> t.id
                       AND r.created_at > t.resolved_at
                       AND r.created_at <= t.resolved_at + ${`${FIRST_TIME_FIX_DAYS} days`}::interval))::int AS fixed
            FROM tickets t JOIN customers c ON c.id = t.customer_id
           WHERE t.status IN ('resolved', 'closed') AND t.assigned_technician_id IS NOT NULL
             AND t.resolved_at >= ${monthStartInstant(filters.from)} AND t.resolved_at < ${monthEndInstant(filters.to)}${customerFilter(filters)}
        ), baseline AS (
          SELECT type, avg(fixed) AS fixed, avg(in_sla) AS in_sla, avg(hours) AS hours FROM jobs GROUP BY type
        ), per_tech AS (
          SELECT j.technician_id, count(*) AS jobs,
                 round(100.0 * avg(j.fixed), 2) AS first_time_fix,
                 round(avg(j.hours), 1) AS mean_hours,
                 round(100.0 * avg(j.in_sla), 2) AS within_sla,
                 round(avg(j.rating), 2) AS average_rating,
                 count(j.rating) AS ratings,
                 round(100.0 * (
                   coalesce(avg(j.fixed) / NULLIF(avg(b.fixed), 0), 1)
                   + coalesce(avg(j.in_sla) / NULLIF(avg(b.in_sla), 0), 1)
                   + coalesce(avg(b.hours) / NULLIF(avg(j.hours), 0), 1)
                 ) / 3, 1) AS score
            FROM jobs j JOIN baseline b ON b.type = j.type
           GROUP BY j.technician_id
        ), mix AS (
          SELECT technician_id, jsonb_object_agg(type, n) AS mix
            FROM (SELECT technician_id, type, count(*) AS n FROM jobs GROUP BY 1, 2) x GROUP BY technician_id
        )
        SELECT p.*, m.mix, coalesce(u.name, u.email) AS name, rank() OVER (ORDER BY p.score DESC NULLS LAST) AS rank
          FROM per_tech p JOIN mix m USING (technician_id) LEFT JOIN users u ON u.id = p.technician_id
         ORDER BY rank, name`,
  )
  return rows.map((r) => ({
    technicianId: num(r.technician_id),
    name: (r.name as string) ?? `#${String(r.technician_id)}`,
    rank: num(r.rank),
    jobs: num(r.jobs),
    mix: Object.fromEntries(Object.entries((r.mix as Record<string, unknown>) ?? {}).map(([k, v]) => [k, num(v)])),
    firstTimeFix: numOrNull(r.first_time_fix),
    meanHoursToResolve: numOrNull(r.mean_hours),
    withinSla: numOrNull(r.within_sla),
    averageRating: numOrNull(r.average_rating),
    ratings: num(r.ratings),
    score: numOrNull(r.score),
  }))
}

export type CsatRow = { key: string; label: string; ratings: number; csat: number | null; average: number | null }

/**
 * CSAT from ticket ratings (1–5) given on tickets resolved in the range: the share of 4 and 5, and
 * the mean; by month (WIB), by the customer's area and by technician (one query).
 */
export async function csat(
  req: PayloadRequest,
  filters: AnalyticsFilters,
): Promise<{ byMonth: (CsatRow & { month: Month })[]; byArea: CsatRow[]; byTechnician: CsatRow[] }> {
  const { rows } = await executeSql(
    req,
    sql`WITH rated AS (
          SELECT to_char(t.resolved_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month, c.area,
                 t.assigned_technician_id AS technician_id, t.rating
            FROM tickets t JOIN customers c ON c.id = t.customer_id
           WHERE t.rating IS NOT NULL AND t.resolved_at >= ${monthStartInstant(filters.from)}
             AND t.resolved_at < ${monthEndInstant(filters.to)}${customerFilter(filters)}
        )
        SELECT CASE WHEN GROUPING(r.month) = 0 THEN 'month' WHEN GROUPING(r.area) = 0 THEN 'area' ELSE 'technician' END AS dim,
               r.month, r.area, r.technician_id, max(coalesce(u.name, u.email)) AS technician_name,
               count(*) AS ratings,
               round(100.0 * count(*) FILTER (WHERE r.rating >= 4) / count(*), 2) AS csat,
               round(avg(r.rating), 2) AS average
          FROM rated r LEFT JOIN users u ON u.id = r.technician_id
         GROUP BY GROUPING SETS ((r.month), (r.area), (r.technician_id))
         ORDER BY dim, r.month, ratings DESC`,
  )
  const byMonth: (CsatRow & { month: Month })[] = []
  const byArea: CsatRow[] = []
  const byTechnician: CsatRow[] = []
  for (const r of rows) {
    const values = { ratings: num(r.ratings), csat: numOrNull(r.csat), average: numOrNull(r.average) }
    if (r.dim === 'month')
      byMonth.push({ key: r.month as string, label: r.month as string, month: r.month as string, ...values })
    else if (r.dim === 'area')
      byArea.push({ key: (r.area as string) ?? '', label: (r.area as string) ?? 'Tanpa wilayah', ...values })
    else
      byTechnician.push({
        key: r.technician_id === null ? '' : String(r.technician_id),
        label: (r.technician_name as string) ?? 'Belum ditugaskan',
        ...values,
      })
  }
  return { byMonth, byArea, byTechnician }
}
