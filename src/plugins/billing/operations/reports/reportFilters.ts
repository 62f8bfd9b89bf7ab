import { DomainError } from '../../../../lib/errors'
import { idValue, NUL_MESSAGE } from '../../../../lib/input'
import { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentMethod, type PaymentStatus } from '../../model'
import { addDays, isValidDay, periodLabel, periodOf, wibDay, type Period, type WibDay } from '../calendar'

/** Filters shared by the revenue report, its admin view and the payment export. */
export type BillingReportFilters = {
  /** WIB calendar month `YYYY-MM`. */
  month: Period
  /** Customer area (wilayah), exact match. */
  area?: string
  method?: PaymentMethod
  /** Payment status; the revenue totals count verified money only, whatever this says. */
  status?: PaymentStatus
  customer?: number
}

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: 'Tunai',
  bank_transfer: 'Transfer bank',
  qris: 'QRIS',
  gopay: 'GoPay',
  gateway: 'Payment gateway',
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  pending: 'Menunggu verifikasi',
  verified: 'Terverifikasi',
  rejected: 'Ditolak',
}

export const isValidPeriod = (value: unknown): value is Period =>
  typeof value === 'string' &&
  /^\d{4}-(0[1-9]|1[0-2])$/.test(value) &&
  Number(value.slice(0, 4)) >= 2000 &&
  Number(value.slice(0, 4)) <= 2100

/** The current WIB month. */
export const currentPeriod = (): Period => periodOf(wibDay())

/** `2026-11` → `2026-12`, `2026-12` → `2027-01`; negative steps go back. */
export function addMonths(period: Period, months: number): Period {
  const [year, month] = period.split('-').map(Number) as [number, number]
  const index = year * 12 + (month - 1) + months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The instants a WIB month starts and the next one starts (half-open range for SQL). */
export function periodBounds(period: Period): { start: Date; end: Date } {
  return { start: new Date(`${period}-01T00:00:00+07:00`), end: new Date(`${addMonths(period, 1)}-01T00:00:00+07:00`) }
}

type Query = { get(name: string): string | null }

const optionalText = (query: Query, name: string): string | undefined => {
  const value = query.get(name)?.trim()
  if (value?.includes('\u0000')) throw new DomainError('invalid', `Parameter ${name}: ${NUL_MESSAGE}`)
  return value ? value : undefined
}

/**
 * Reads report filters from a query string. A missing month is the current WIB month; anything
 * malformed is a DomainError('invalid') whose message says, in Indonesian, what to send instead.
 */
export function parseReportFilters(
  query: Query,
  { monthRequired = false }: { monthRequired?: boolean } = {},
): BillingReportFilters {
  const month = optionalText(query, 'month')
  if (month === undefined && monthRequired)
    throw new DomainError('invalid', 'Parameter month wajib diisi dengan format YYYY-MM, misalnya 2026-11.')
  if (month !== undefined && !isValidPeriod(month))
    throw new DomainError('invalid', `Bulan "${month}" tidak valid. Gunakan format YYYY-MM, misalnya 2026-11.`)
  const area = optionalText(query, 'area')
  if (area !== undefined && area.length > 80)
    throw new DomainError('invalid', 'Wilayah terlalu panjang (maks. 80 karakter).')
  const method = optionalText(query, 'method')
  if (method !== undefined && !(PAYMENT_METHODS as readonly string[]).includes(method))
    throw new DomainError(
      'invalid',
      `Metode "${method}" tidak dikenal. Pilih salah satu: ${PAYMENT_METHODS.join(', ')}.`,
    )
  const status = optionalText(query, 'status')
  if (status !== undefined && !(PAYMENT_STATUSES as readonly string[]).includes(status))
    throw new DomainError(
      'invalid',
      `Status "${status}" tidak dikenal. Pilih salah satu: ${PAYMENT_STATUSES.join(', ')}.`,
    )
  const customerText = optionalText(query, 'customer')
  const customer = customerText === undefined ? undefined : (idValue(customerText) ?? undefined)
  if (customerText !== undefined && customer === undefined)
    throw new DomainError('invalid', 'Parameter customer harus id pelanggan (bilangan bulat).')
  return {
    month: month ?? currentPeriod(),
    area,
    method: method as PaymentMethod | undefined,
    status: status as PaymentStatus | undefined,
    customer,
  }
}

/** Reads the dry-run day (`YYYY-MM-DD`); tomorrow (WIB) when missing. */
export function parsePreviewDay(query: Query): WibDay {
  const day = optionalText(query, 'day')
  if (day === undefined) return addDays(wibDay(), 1)
  if (!isValidDay(day))
    throw new DomainError('invalid', `Tanggal "${day}" tidak valid. Gunakan format YYYY-MM-DD, misalnya 2026-11-28.`)
  return day
}

/** "Periode November 2026 · wilayah Sukmajaya · metode Tunai · status Terverifikasi". */
export function describeFilters(filters: BillingReportFilters, customerName?: string): string {
  return [
    `Periode ${periodLabel(filters.month)}`,
    filters.area && `wilayah ${filters.area}`,
    filters.method && `metode ${METHOD_LABELS[filters.method]}`,
    filters.status && `status ${PAYMENT_STATUS_LABELS[filters.status]}`,
    filters.customer && `pelanggan ${customerName ?? `#${filters.customer}`}`,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** The filters as a query string (for export links that repeat what the screen shows). */
export function filtersToQuery(filters: Partial<BillingReportFilters>): string {
  const params = new URLSearchParams()
  for (const key of ['month', 'area', 'method', 'status', 'customer'] as const) {
    const value = filters[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  return params.toString()
}
