import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { addMonths, currentMonth, type Month } from './filters'
import { customerFilter, num, type SQL } from './sqlKit'

/** Complete months the network table compares; "worsening" = up in each step between them. */
export const NETWORK_MONTHS = 4

export type NetworkNodeRow = {
  area: string | null
  /** Null on the area's own row. */
  odp: string | null
  customers: number
  /** Per month, oldest first: repair and complaint tickets per 100 customers. */
  ticketsPer100: number[]
  /** Per month: offline minutes per customer (monitoring data). */
  offlineMinutesPerCustomer: number[]
  /** Per month: outages (network incidents) started in the area; area rows only. */
  incidents: number[]
  /** Per month: tickets per 100 customers + offline hours per customer. */
  index: number[]
  /** The index rose in each of the last three steps: a node to inspect before it fails. */
  worsening: boolean
}

/**
 * Network health per area and per ODP over the last 4 complete WIB months (one query): tickets per
 * 100 customers, offline minutes per customer and incidents. Customers are counted as the node has
 * them today (active and isolir). `worsening` is the predictive-maintenance flag.
 */
export async function networkHealth(
  req: PayloadRequest,
  filters: { area?: string; packageId?: number },
  now: Date = new Date(),
): Promise<{ months: Month[]; nodes: NetworkNodeRow[] }> {
  const last = addMonths(currentMonth(now), -1)
  const first = addMonths(last, -(NETWORK_MONTHS - 1))
  const months = Array.from({ length: NETWORK_MONTHS }, (_, i) => addMonths(first, i))
  const { rows: present } = await executeSql(
    req,
    sql`SELECT to_regclass('public.customer_outages') IS NOT NULL AND to_regclass('public.network_incidents') IS NOT NULL AS present`,
  )
  const monitoring = Boolean(present[0]?.present)
  const offline: SQL = monitoring
    ? sql`SELECT o.customer_id, mo.month,
                 sum(extract(epoch FROM least(coalesce(o.ended_at, now()), mo.stop) - greatest(o.started_at, mo.start)) / 60.0) AS minutes
            FROM customer_outages o JOIN mo ON o.started_at < mo.stop AND coalesce(o.ended_at, now()) > mo.start
           GROUP BY 1, 2`
    : sql`SELECT NULL::int AS customer_id, NULL::text AS month, NULL::numeric AS minutes WHERE false`
  const incidents: SQL = monitoring
    ? sql`SELECT i.area, mo.month, count(*) AS n FROM network_incidents i JOIN mo ON i.started_at >= mo.start AND i.started_at < mo.stop GROUP BY 1, 2`
    : sql`SELECT NULL::text AS area, NULL::text AS month, 0::bigint AS n WHERE false`
  const { rows } = await executeSql(
    req,
    sql`WITH mo AS (
          SELECT to_char(m, 'YYYY-MM') AS month, (m::timestamp AT TIME ZONE 'Asia/Jakarta') AS start,
                 ((m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Jakarta') AS stop
            FROM generate_series(${`${first}-01`}::date, ${`${last}-01`}::date, interval '1 month') AS m
        ), base AS (
          SELECT c.id, c.area, c.odp FROM customers c WHERE c.status IN ('active', 'suspended')${customerFilter(filters)}
        ), tickets AS (
          SELECT t.customer_id, mo.month, count(*) AS n
            FROM tickets t JOIN mo ON t.created_at >= mo.start AND t.created_at < mo.stop
           WHERE t.type IN ('repair', 'complaint') GROUP BY 1, 2
        ), offline AS (${offline}), incidents AS (${incidents}),
        per_node AS (
          SELECT b.area, b.odp, GROUPING(b.odp) AS area_row, mo.month, count(DISTINCT b.id) AS customers,
                 coalesce(sum(t.n), 0) AS tickets, coalesce(sum(o.minutes), 0) AS minutes
            FROM base b CROSS JOIN mo
            LEFT JOIN tickets t ON t.customer_id = b.id AND t.month = mo.month
            LEFT JOIN offline o ON o.customer_id = b.id AND o.month = mo.month
           GROUP BY GROUPING SETS ((b.area, mo.month), (b.area, b.odp, mo.month))
        ), rated AS (
          SELECT p.*, round(100.0 * p.tickets / NULLIF(p.customers, 0), 2) AS tickets_per_100,
                 round(p.minutes / NULLIF(p.customers, 0), 1) AS offline_per_customer,
                 round(100.0 * p.tickets / NULLIF(p.customers, 0) + p.minutes / NULLIF(p.customers, 0) / 60.0, 2) AS health_index
            FROM per_node p
        )
        SELECT r.*, CASE WHEN r.area_row = 1 THEN coalesce(i.n, 0) ELSE 0 END AS incidents,
               r.health_index > lag(r.health_index) OVER (PARTITION BY r.area, r.odp, r.area_row ORDER BY r.month) AS rose
          FROM rated r
          LEFT JOIN incidents i ON i.area IS NOT DISTINCT FROM r.area AND i.month = r.month
         ORDER BY r.area NULLS LAST, r.odp NULLS FIRST, r.month`,
  )
  const nodes = new Map<string, NetworkNodeRow>()
  for (const r of rows) {
    const key = JSON.stringify([r.area, num(r.area_row) ? null : r.odp, num(r.area_row)])
    let node = nodes.get(key)
    if (!node) {
      node = {
        area: (r.area as string) ?? null,
        odp: num(r.area_row) ? null : ((r.odp as string) ?? 'Tanpa ODP'),
        customers: 0,
        ticketsPer100: Array(NETWORK_MONTHS).fill(0),
        offlineMinutesPerCustomer: Array(NETWORK_MONTHS).fill(0),
        incidents: Array(NETWORK_MONTHS).fill(0),
        index: Array(NETWORK_MONTHS).fill(0),
        worsening: true,
      }
      nodes.set(key, node)
    }
    const i = months.indexOf(r.month as string)
    if (i < 0) continue
    node.customers = num(r.customers)
    node.ticketsPer100[i] = num(r.tickets_per_100)
    node.offlineMinutesPerCustomer[i] = num(r.offline_per_customer)
    node.incidents[i] = num(r.incidents)
    node.index[i] = num(r.health_index)
    // Worsening only when every month after the first rose over the one before.
    if (i > 0 && r.rose !== true) node.worsening = false
  }
  return { months, nodes: [...nodes.values()] }
}
