import { createHash, timingSafeEqual } from 'node:crypto'

import { GatewayPayloadError } from './errors'
import type { GatewayNotificationRequest, GatewayProvider } from './types'

/**
 * Compares two secrets without leaking, through timing, how much of them matched. Both sides are
 * hashed first because `timingSafeEqual` throws on inputs of different lengths (and an early
 * length check would leak the length).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest()
  const db = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(da, db)
}

/** A header's single value, case-insensitive; undefined when absent or sent more than once. */
export function headerValue(headers: GatewayNotificationRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined
    return value
  }
  return undefined
}

/** The body as a JSON object, or a GatewayPayloadError. */
export function parseJsonObject(provider: GatewayProvider, rawBody: Buffer): Record<string, unknown> {
  if (!Buffer.isBuffer(rawBody) || rawBody.length === 0)
    throw new GatewayPayloadError(provider, 'Empty notification body')
  let parsed: unknown
  try {
    parsed = JSON.parse(rawBody.toString('utf8'))
  } catch (err) {
    throw new GatewayPayloadError(provider, 'Notification body is not valid JSON', { cause: err })
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GatewayPayloadError(provider, 'Notification body is not a JSON object')
  }
  return parsed as Record<string, unknown>
}

/** A required non-empty string field, or a GatewayPayloadError naming it. */
export function requireString(provider: GatewayProvider, body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '')
    throw new GatewayPayloadError(provider, `Notification field "${field}" is missing or not a string`)
  return value
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Checks what we send: a positive whole Rupiah amount. */
export function assertRupiahAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new RangeError(`amount must be a positive whole number of Rupiah, got ${amount}`)
}

/** Strips one trailing slash so paths can be appended. */
export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, '')
}
