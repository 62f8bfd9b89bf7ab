/** Asia/Jakarta (WIB, UTC+7, no daylight saving): the time zone every date users see is in. */
export const TIME_ZONE = 'Asia/Jakarta'

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The WIB calendar day of an instant as `YYYY-MM-DD`. */
export function wibIsoDay(at: Date = new Date()): string {
  return dayFormat.format(at)
}

/** The WIB calendar day of an instant as `yyyymmdd` (used in human numbers). */
export function wibDateStamp(at: Date = new Date()): string {
  return wibIsoDay(at).replaceAll('-', '')
}

const displayFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/** `27 November 2026 pukul 23.56 WIB` style, for messages and documents. */
export function formatWib(at: Date | string): string {
  return `${displayFormat.format(new Date(at))} WIB`
}

const longDateFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/** `27 November 2026`: the WIB calendar day of an instant, for documents (tagihan, kwitansi). */
export function formatDateWib(at: Date | string): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) throw new RangeError(`formatDateWib: not a date: ${String(at)}`)
  return longDateFormat.format(date)
}
