import { wibIsoDay } from '../../../lib/wib'

/** A WIB calendar month, `YYYY-MM`. */
export type Month = string

export type AnalyticsFilters = {
  /** First month shown (WIB), inclusive. */
  from: Month
  /** Last month shown (WIB), inclusive; the current month counts up to today. */
  to: Month
  area?: string
  /** Package id. */
  packageId?: number
}

export class FilterError extends Error {
  readonly status = 400
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
/** Longest range one view covers; cohorts and monthly tables stay readable. */
export const MAX_MONTHS = 60

export const currentMonth = (now: Date = new Date()): Month => wibIsoDay(now).slice(0, 7)

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function monthsBetween(from: Month, to: Month): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  return (ty - fy) * 12 + (tm - fm)
}

export const monthStartDay = (month: Month): string => `${month}-01`

type Query = { get: (name: string) => string | null }

/**
 * `from`, `to` (YYYY-MM, default: the 12 months ending this WIB month), `area`, `package` (id).
 * Throws FilterError with an Indonesian message on anything malformed.
 */
export function parseAnalyticsFilters(query: Query, now: Date = new Date()): AnalyticsFilters {
  const today = currentMonth(now)
  const to = query.get('to')?.trim() || today
  const from = query.get('from')?.trim() || addMonths(to, -11)
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!MONTH.test(value)) throw new FilterError(`Parameter "${name}" harus berformat YYYY-MM (misalnya 2026-01).`)
  if (from > to) throw new FilterError('Bulan awal ("from") tidak boleh sesudah bulan akhir ("to").')
  if (to > today) throw new FilterError('Bulan akhir ("to") tidak boleh melewati bulan ini.')
  if (monthsBetween(from, to) + 1 > MAX_MONTHS) throw new FilterError(`Rentang paling panjang ${MAX_MONTHS} bulan.`)
  const area = query.get('area')?.trim() || undefined
  if (area && area.length > 80) throw new FilterError('Nama wilayah terlalu panjang (maksimal 80 karakter).')
  const rawPackage = query.get('package')?.trim()
  let packageId: number | undefined
  if (rawPackage) {
    packageId = Number(rawPackage)
    if (!Number.isInteger(packageId) || packageId <= 0 || packageId > 2_147_483_647)
      throw new FilterError('Parameter "package" harus nomor paket.')
  }
  return { from, to, area, packageId }
}

export function filtersToQuery(filters: AnalyticsFilters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to })
  if (filters.area) params.set('area', filters.area)
  if (filters.packageId) params.set('package', String(filters.packageId))
  return params.toString()
}
