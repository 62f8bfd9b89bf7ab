import { sql } from '@payloadcms/db-postgres'

import type { AnalyticsFilters, Month } from './filters'
import { addMonths } from './filters'

export type SQL = ReturnType<typeof sql>

export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value)

/** Conditions on an `mrr_snapshots` alias `s`: the area and package the customer had that day. */
export function snapshotFilter(filters: Pick<AnalyticsFilters, 'area' | 'packageId'>): SQL {
  return sql`${filters.area ? sql` AND s.area = ${filters.area}` : sql``}${
    filters.packageId ? sql` AND s.package_id = ${filters.packageId}` : sql``
  }`
}

/** Conditions on a `customers` alias `c`: the customer's area and package now. */
export function customerFilter(filters: Pick<AnalyticsFilters, 'area' | 'packageId'>): SQL {
  return sql`${filters.area ? sql` AND c.area = ${filters.area}` : sql``}${
    filters.packageId ? sql` AND c.package_id = ${filters.packageId}` : sql``
  }`
}

/** First instant (WIB) of a month, as an ISO string PostgreSQL reads as timestamptz. */
export const monthStartInstant = (month: Month): string => `${month}-01T00:00:00+07:00`
/** First instant (WIB) after a month. */
export const monthEndInstant = (month: Month): string => monthStartInstant(addMonths(month, 1))

/**
 * The closing day of every month from `first` to `last`: the last WIB day of the month that has
 * snapshots (today for the current month). A month without snapshots has a null day. Each lookup
 * is one index probe on `mrr_snapshots.day`, however many rows the table holds.
 */
export function closingDaysCte(first: Month, last: Month): SQL {
  return sql`months AS (
      SELECT to_char(m, 'YYYY-MM') AS month
        FROM generate_series(${`${first}-01`}::date, ${`${last}-01`}::date, interval '1 month') AS m
    ), closing AS (
      SELECT mo.month,
             (SELECT max(x.day) FROM mrr_snapshots x WHERE x.day >= mo.month || '-01' AND x.day <= mo.month || '-31') AS day
        FROM months mo
    )`
}
