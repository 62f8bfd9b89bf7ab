/**
 * Checks for what callers send to the custom endpoints, in one place: ids, text, dates and the
 * NUL character PostgreSQL cannot store. Each refusal is an EndpointError(400) (404 for an id in
 * the path) with an Indonesian message saying what to send instead, raised before anything is
 * written. Values are never coerced: `true`, `[1]` or `"1.5"` are not the id 1.
 */
import { EndpointError } from './endpointKit'

/** PostgreSQL `integer`, the type of every id column. */
export const MAX_DB_INTEGER = 2_147_483_647

/** The ids of rows as callers may send them: a positive whole number, or its decimal digits. */
export function idValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value <= MAX_DB_INTEGER ? value : null
  if (typeof value === 'string' && /^[0-9]{1,10}$/.test(value)) {
    const id = Number(value)
    return id > 0 && id <= MAX_DB_INTEGER ? id : null
  }
  return null
}

/** A required id; `field` names it in the message ("Pelanggan tidak valid"). */
export function requiredId(value: unknown, field: string): number {
  const id = idValue(value)
  if (id === null) throw new EndpointError(400, `${field} tidak valid: kirim id berupa bilangan bulat positif.`)
  return id
}

/** An id that may be left out (undefined, null or ""). */
export function optionalId(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  return requiredId(value, field)
}

/** True when the text, or any text inside the value, contains the NUL character. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (depth > 32 || !value || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1))
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1))
}

export const NUL_MESSAGE = 'Teks tidak boleh berisi karakter NUL (\\u0000). / Text must not contain NUL characters.'

/** Refuses a value with a NUL character anywhere in it. */
export function refuseNul(value: unknown): void {
  if (containsNul(value)) throw new EndpointError(400, NUL_MESSAGE)
}

/** Optional text of at most `max` characters, without NUL; undefined when left out. */
export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || value.length > max)
    throw new EndpointError(400, `${field} harus teks (maks. ${max} karakter).`)
  if (value.includes('\u0000')) throw new EndpointError(400, `${field}: ${NUL_MESSAGE}`)
  return value
}

/** Required, non-blank text of at most `max` characters, without NUL. */
export function requiredText(value: unknown, field: string, max: number): string {
  const text = optionalText(value, field, max)
  if (text === undefined || !text.trim()) throw new EndpointError(400, `${field} wajib diisi.`)
  return text
}

/** Years a date the product stores may fall in. */
export const MIN_YEAR = 2000
export const MAX_YEAR = 2100

/** A valid date in years MIN_YEAR–MAX_YEAR. */
export const inProductYears = (date: Date): boolean =>
  !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= MIN_YEAR && date.getUTCFullYear() <= MAX_YEAR

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * A date (`YYYY-MM-DD`) or an ISO date-time, within years 2000–2100 and a real calendar day;
 * anything else (`"1000"`, `"0000-01-01"`, `"2026-02-30"`, epoch numbers) is refused.
 */
export function dateValue(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const match = DATE_PATTERN.exec(value.trim())
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  const date = new Date(match[4] ? value.trim() : `${match[0]}T00:00:00+07:00`)
  return Number.isNaN(date.getTime()) ? null : date
}

/** An optional date as its ISO text; refused unless `dateValue` accepts it. */
export function optionalDate(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const date = dateValue(value)
  if (!date)
    throw new EndpointError(
      400,
      `${field} tidak valid: gunakan tanggal YYYY-MM-DD antara tahun ${MIN_YEAR} dan ${MAX_YEAR}.`,
    )
  return date.toISOString()
}
