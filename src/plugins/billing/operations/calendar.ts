import { wibIsoDay } from '../../../lib/wib'

/** A WIB calendar day as `YYYY-MM-DD`. */
export type WibDay = string
/** A billing period (a WIB calendar month) as `YYYY-MM`. */
export type Period = string

export const wibDay = (at: Date = new Date()): WibDay => wibIsoDay(at)
export const periodOf = (day: WibDay): Period => day.slice(0, 7)

/** The instant a WIB day starts (00:00 WIB = 17:00 UTC the day before). */
export const wibDayStart = (day: WibDay): Date => new Date(`${day}T00:00:00+07:00`)

export function addDays(day: WibDay, days: number): WibDay {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: WibDay, to: WibDay): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function daysInPeriod(period: Period): number {
  const [year, month] = period.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function isValidDay(value: unknown): value is WibDay {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  // Days the product works with; year 0 or 9999 are typing errors, and PostgreSQL refuses some.
  const year = Number(value.slice(0, 4))
  if (year < 2000 || year > 2100) return false
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
}

const monthNames = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
]

/** `November 2026` for `2026-11`. */
export function periodLabel(period: Period): string {
  const [year, month] = period.split('-').map(Number) as [number, number]
  return `${monthNames[month - 1]} ${year}`
}
