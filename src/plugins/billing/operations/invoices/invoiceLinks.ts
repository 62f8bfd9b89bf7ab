import crypto from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'

import { derivedKey } from '../../../../lib/secrets'
import { wibIsoDay } from '../../../../lib/wib'

/** A drizzle SQL fragment. */
type SQL = ReturnType<typeof sql>

/**
 * How long a link sent in a message opens the invoice without signing in: at least this many
 * days, to the WIB midnight after (every link made on one WIB day expires together).
 */
export const INVOICE_LINK_DAYS = 60
const LINK_SECONDS = (INVOICE_LINK_DAYS + 1) * 86_400
/** Hex characters of the HMAC kept in the link: 128 bits. */
const SIGNATURE_HEX = 32

/**
 * The key that signs invoice links: derived from PAYLOAD_SECRET (so it is never stored, and a new
 * secret retires every link sent before), separate from Payload's own uses of the secret.
 */
const linkKey = (): Buffer => derivedKey('ispops invoice link v1')

const signedText = (invoiceId: number | string, expires: number | string) => `invoice-pdf:${invoiceId}:${expires}`

function signature(invoiceId: number, expires: number): string {
  return crypto
    .createHmac('sha256', linkKey())
    .update(signedText(invoiceId, expires))
    .digest('hex')
    .slice(0, SIGNATURE_HEX)
}

const baseUrl = () => (process.env.PUBLIC_URL ?? '').replace(/\/+$/, '')

/**
 * Where a customer opens an invoice from a message: the PDF, signed so that it opens without
 * signing in to the portal, for INVOICE_LINK_DAYS (then the portal, signed in, still shows it).
 */
export function invoiceLink(invoiceId: number, now: Date = new Date()): string {
  const expires = Date.parse(`${wibIsoDay(now)}T00:00:00+07:00`) / 1000 + LINK_SECONDS
  return `${baseUrl()}/api/invoices/${invoiceId}/pdf?e=${expires}&t=${signature(invoiceId, expires)}`
}

/**
 * The link key padded to SHA-256's block and XORed with HMAC's inner and outer pads (RFC 2104), as
 * hex: what PostgreSQL needs to compute the HMAC with its core `sha256()`, no extension.
 */
export function invoiceLinkHmacPads(): { inner: string; outer: string } {
  const block = Buffer.alloc(64)
  linkKey().copy(block)
  return {
    inner: Buffer.from(block.map((byte) => byte ^ 0x36)).toString('hex'),
    outer: Buffer.from(block.map((byte) => byte ^ 0x5c)).toString('hex'),
  }
}

/** The expiry of links made now, in SQL: the WIB midnight starting the transaction's day, plus the link's life. */
export const SQL_INVOICE_LINK_EXPIRES = `(extract(epoch from date_trunc('day', now() AT TIME ZONE 'Asia/Jakarta') AT TIME ZONE 'Asia/Jakarta')::bigint + ${LINK_SECONDS})`

/**
 * The same link computed inside PostgreSQL, for messages queued in bulk:
 * HMAC = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) with the core `sha256()`.
 */
export function sqlInvoiceLink(invoiceId: SQL): SQL {
  const { inner, outer } = invoiceLinkHmacPads()
  const expires = sql.raw(SQL_INVOICE_LINK_EXPIRES)
  const message = sql`convert_to('invoice-pdf:' || ${invoiceId} || ':' || ${expires}, 'UTF8')`
  const mac = sql`left(encode(sha256(decode(${outer}, 'hex') || sha256(decode(${inner}, 'hex') || ${message})), 'hex'), ${SIGNATURE_HEX})`
  return sql`(${baseUrl()}::text || '/api/invoices/' || ${invoiceId} || '/pdf?e=' || ${expires} || '&t=' || ${mac})`
}

export type InvoiceLinkCheck = 'valid' | 'invalid' | 'expired'

/** Checks the `e` and `t` of a link for this invoice (constant-time comparison of the signature). */
export function checkInvoiceLink(
  invoiceId: number,
  expires: string | null,
  token: string | null,
  now: Date = new Date(),
): InvoiceLinkCheck {
  if (!expires || !token || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]+$/.test(token) || token.length !== SIGNATURE_HEX)
    return 'invalid'
  const expected = Buffer.from(signature(invoiceId, Number(expires)))
  if (!crypto.timingSafeEqual(expected, Buffer.from(token))) return 'invalid'
  return Number(expires) * 1000 < now.getTime() ? 'expired' : 'valid'
}
