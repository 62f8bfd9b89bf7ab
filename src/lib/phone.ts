import { parsePhoneNumberFromString } from 'libphonenumber-js'

/**
 * Indonesian mobile numbers are typed `0812…`, `+62 812-…` or `62812…`; WhatsApp wants `62812…`.
 * Returns the `628…` form, or null when the input is not a valid Indonesian mobile number.
 */
export function normalizeIndonesianMobile(input: string): string | null {
  const cleaned = input.trim()
  if (!cleaned || cleaned.length > 32 || /[^\d+\s().-]/.test(cleaned)) return null
  const digits = cleaned.replace(/[^\d+]/g, '')
  const candidate = /^62\d/.test(digits) ? `+${digits}` : digits
  const parsed = parsePhoneNumberFromString(candidate, 'ID')
  if (!parsed || parsed.country !== 'ID' || !parsed.isValid()) return null
  const e164 = parsed.number.slice(1)
  // Indonesian mobile numbers are 62 8xx…; landlines (62 21…) cannot receive WhatsApp.
  return /^628\d{7,11}$/.test(e164) ? e164 : null
}

/**
 * A stored `628…` number as people read and type it: `0812-3456-7890` (4-4-rest). Anything that is
 * not a stored mobile number is returned as it is.
 */
export function formatPhone(stored: string | null | undefined): string {
  if (!stored) return ''
  if (!/^628\d{7,11}$/.test(stored)) return stored
  const local = `0${stored.slice(2)}`
  return [local.slice(0, 4), local.slice(4, 8), local.slice(8)].filter(Boolean).join('-')
}
