/**
 * One formatting layer for what people read: Rupiah without decimals, WIB dates with the year,
 * phone numbers as typed (`0812-3456-7890`). Views, documents (PDF) and messages all use these.
 */
import { formatRupiah } from './money'
import { formatPhone } from './phone'
import { formatDateWib, formatWib, TIME_ZONE } from './wib'

export { formatDateWib, formatPhone, formatRupiah, formatWib }

const shortDateTime = new Intl.DateTimeFormat('id-ID', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

const shortDate = new Intl.DateTimeFormat('id-ID', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
})

const asDate = (at: Date | string | number): Date | null => {
  const date = at instanceof Date ? at : new Date(at)
  return Number.isNaN(date.getTime()) ? null : date
}

/** `16 Des 2026 19.00 WIB`: an instant for lists and dashboards, always with the year. */
export function formatDateTimeShortWib(at: Date | string | number | null | undefined): string {
  if (at === null || at === undefined || at === '') return '–'
  const date = asDate(at)
  return date ? `${shortDateTime.format(date).replace(',', '')} WIB` : '–'
}

/** `16 Des 2026`: the WIB calendar day of an instant, always with the year. */
export function formatDayShortWib(at: Date | string | number | null | undefined): string {
  if (at === null || at === undefined || at === '') return '–'
  const date = asDate(at)
  return date ? shortDate.format(date) : '–'
}

/** Rupiah for a value that may be missing (`–`) or arrive as a numeric string from PostgreSQL. */
export function formatRupiahOrDash(amount: number | string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '–'
  const value = Number(amount)
  return Number.isFinite(value) ? formatRupiah(value) : '–'
}

/** A `tel:` link target for a stored `628…` number (`tel:+628…`), or null without a number. */
export function telHref(stored: string | null | undefined): string | null {
  if (!stored) return null
  const digits = stored.replace(/[^\d]/g, '')
  if (!digits) return null
  return digits.startsWith('62') ? `tel:+${digits}` : `tel:${digits}`
}

/** A map link: coordinates when known, else a search for the address. */
export function mapHref(place: {
  latitude?: number | null
  longitude?: number | null
  address?: string | null
}): string | null {
  if (typeof place.latitude === 'number' && typeof place.longitude === 'number')
    return `https://www.google.com/maps/search/?api=1&query=${place.latitude},${place.longitude}`
  if (place.address) return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(place.address)}`
  return null
}

/** `nomor_pelanggan` → `Nomor pelanggan`: a variable or key name as a readable label. */
export function humanizeKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim()
  return words ? words[0].toUpperCase() + words.slice(1) : key
}
