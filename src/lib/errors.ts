import { APIError } from 'payload'

/** What went wrong, in the domain's words; each kind has the HTTP status an API answers it with. */
export const DOMAIN_ERROR_STATUS = {
  /** The input is malformed or breaks a rule (400). */
  invalid: 400,
  /** Nobody is signed in (401). */
  unauthenticated: 401,
  /** The signed-in person may not do this (403). */
  forbidden: 403,
  /** The record does not exist, or the caller may not know it does (404). */
  not_found: 404,
  /** The record's state does not allow it (already paid, already voided, key reused) (409). */
  conflict: 409,
  /** An outside service (payment gateway) failed (502). */
  upstream_failed: 502,
  /** The feature is not available right now (not configured, switched off) (503). */
  unavailable: 503,
} as const

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS

/**
 * The one error operations throw for a refusal a person should read: a code, its HTTP-ish status
 * and an Indonesian message that says what to do. Each edge translates it: custom endpoints through
 * `answer()` (src/lib/endpointKit.ts), REST and GraphQL by Payload itself (it is a public `APIError`),
 * WhatsApp handlers by replying with the message. Anything else thrown is a bug or an outage.
 */
export class DomainError extends APIError {
  readonly code: DomainErrorCode

  constructor(code: DomainErrorCode, message: string, options: { status?: number } = {}) {
    super(message, options.status ?? DOMAIN_ERROR_STATUS[code], null, true)
    this.code = code
  }
}

/** The code for an HTTP status, for refusals raised at an HTTP edge (`EndpointError`). */
export function codeForStatus(status: number): DomainErrorCode {
  const found = Object.entries(DOMAIN_ERROR_STATUS).find(([, s]) => s === status)
  return found ? (found[0] as DomainErrorCode) : status >= 500 ? 'unavailable' : 'invalid'
}
