import { createHash } from 'node:crypto'

import {
  GatewayAuthError,
  GatewayConfigError,
  GatewayPayloadError,
  GatewayRejectedError,
  GatewaySignatureError,
  GatewayUnavailableError,
} from './errors'
import {
  assertRupiahAmount,
  constantTimeEqual,
  optionalString,
  parseJsonObject,
  requireString,
  trimBaseUrl,
} from './shared'
import type {
  CancelPaymentInput,
  CancelPaymentResult,
  CreatedPayment,
  CreatePaymentInput,
  GatewayNotificationRequest,
  NormalizedGatewayEvent,
  NormalizedPaymentStatus,
  PaymentGateway,
} from './types'
import { inProductYears } from '../../../lib/input'

export const MIDTRANS_SNAP_SANDBOX_URL = 'https://app.sandbox.midtrans.com'
export const MIDTRANS_SNAP_PRODUCTION_URL = 'https://app.midtrans.com'
export const MIDTRANS_API_SANDBOX_URL = 'https://api.sandbox.midtrans.com'
export const MIDTRANS_API_PRODUCTION_URL = 'https://api.midtrans.com'

export type MidtransGatewayOptions = {
  /** Server key from the Midtrans dashboard (`SB-Mid-server-…` in sandbox). Signs notifications too. */
  serverKey: string
  /** Picks the production Snap host when no `baseUrl` is given. Default false (sandbox). */
  isProduction?: boolean
  /** Snap host, e.g. `https://app.sandbox.midtrans.com` or a local fake; a trailing `/snap/v1` is accepted. */
  baseUrl?: string
  /**
   * Core API host (cancelling a transaction the customer has started paying), e.g.
   * `https://api.sandbox.midtrans.com`. Default: the Midtrans host for `isProduction`, or `baseUrl`
   * when that is given (a local fake or a proxy serves both).
   */
  apiBaseUrl?: string
  /** Gives up on a Snap request after this long, as `GatewayUnavailableError`. Default 15 000 ms. */
  timeoutMs?: number
}

/** SHA512(order_id + status_code + gross_amount + ServerKey), lower-case hex, over the strings as sent. */
export function midtransSignature(orderId: string, statusCode: string, grossAmount: string, serverKey: string): string {
  return createHash('sha512')
    .update(orderId + statusCode + grossAmount + serverKey, 'utf8')
    .digest('hex')
}

/**
 * `"150000.00"` → 150000. Null for anything that is not a positive whole Rupiah amount written as
 * Midtrans writes it: digits, optionally `.00`. Other decimals are refused rather than guessed at,
 * since `"150.000"` reads as 150 thousand to an Indonesian and as 150 to a parser.
 */
export function parseGrossAmount(value: string): number | null {
  const match = /^(\d+)(\.00)?$/.exec(value)
  if (!match) return null
  const amount = Number(match[1])
  return Number.isSafeInteger(amount) && amount > 0 ? amount : null
}

/** Midtrans `transaction_status` (+ `fraud_status` for card captures) → our status; undefined when unknown. */
export function mapMidtransStatus(
  transactionStatus: string,
  fraudStatus?: string,
): NormalizedPaymentStatus | undefined {
  switch (transactionStatus) {
    case 'pending':
    case 'authorize':
      return 'pending'
    case 'settlement':
      return 'paid'
    case 'capture':
      // A card capture is money only once fraud screening accepted it; `challenge` waits for review.
      if (fraudStatus === 'accept') return 'paid'
      if (fraudStatus === 'deny') return 'failed'
      return 'pending'
    case 'expire':
      return 'expired'
    case 'cancel':
    case 'deny':
    case 'failure':
      return 'failed'
    case 'refund':
    case 'partial_refund':
      return 'refunded'
    default:
      return undefined
  }
}

/** Midtrans writes times as `2026-01-09 18:27:19` in WIB. */
function wibTimeToIso(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined
  const at = new Date(`${value.replace(' ', 'T')}+07:00`)
  // A time the database cannot store, or no gateway would send, counts as not given (now).
  return inProductYears(at) ? at.toISOString() : undefined
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
    return `${err.name}: ${err.message}${cause}`
  }
  return String(err)
}

/**
 * Midtrans Snap adapter.
 *
 * Snap is called with fetch rather than `midtrans-client`: that client reads its base URLs from
 * static properties of `ApiConfig`, so pointing it at another host (a fake, a proxy) changes it for
 * every instance in the process, and it has no request timeout, so a hung Snap call would hang the
 * caller. One POST with Basic auth is all we need from it.
 */
export function createMidtransGateway(options: MidtransGatewayOptions): PaymentGateway {
  const { serverKey } = options
  if (!serverKey) throw new GatewayConfigError('midtrans', 'Midtrans server key is not set (MIDTRANS_SERVER_KEY)')
  const snapBase = trimBaseUrl(
    options.baseUrl || (options.isProduction ? MIDTRANS_SNAP_PRODUCTION_URL : MIDTRANS_SNAP_SANDBOX_URL),
  ).replace(/\/snap\/v1$/, '')
  const apiBase = trimBaseUrl(
    options.apiBaseUrl ||
      (options.baseUrl ? snapBase : options.isProduction ? MIDTRANS_API_PRODUCTION_URL : MIDTRANS_API_SANDBOX_URL),
  )
  const timeoutMs = options.timeoutMs ?? 15_000
  const authorization = `Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`

  /** One POST with the server key; network trouble and timeouts become GatewayUnavailableError. */
  async function post(url: string, what: string, body?: unknown): Promise<MidtransAnswer> {
    let status: number
    let text: string
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      status = res.status
      text = await res.text()
    } catch (err) {
      throw new GatewayUnavailableError('midtrans', `Midtrans ${what} did not answer (${describe(err)})`, {
        cause: err,
      })
    }
    let json: Record<string, unknown> | undefined
    try {
      const parsed: unknown = JSON.parse(text)
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>
    } catch {
      // Gateways and proxies answer HTML on some failures; the status decides.
    }
    const messages = Array.isArray(json?.error_messages) ? json.error_messages.map(String) : []
    const detail = messages.length
      ? messages.join('; ')
      : typeof json?.status_message === 'string'
        ? json.status_message
        : text.slice(0, 200)
    return { status, json, messages, detail }
  }

  /** Throws for answers that are not the request's own business: outages, rate limits, a wrong key. */
  function throwUnlessAnswered(answer: MidtransAnswer, what: string, code = answer.status): void {
    if (code >= 500 || code === 429)
      throw new GatewayUnavailableError('midtrans', `Midtrans ${what} failed with HTTP ${code}: ${answer.detail}`, {
        status: code,
      })
    if (code === 401 || code === 403)
      throw new GatewayAuthError('midtrans', `Midtrans rejected the server key (HTTP ${code}): ${answer.detail}`, {
        status: code,
        providerMessages: answer.messages,
      })
  }

  async function createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    assertRupiahAmount(input.amount)
    const body = {
      transaction_details: { order_id: input.orderId, gross_amount: input.amount },
      // Snap shows item names on the payment page; the name is capped at 50 characters.
      item_details: [{ id: input.orderId, name: input.description.slice(0, 50), price: input.amount, quantity: 1 }],
      customer_details: { first_name: input.customer.name, email: input.customer.email, phone: input.customer.phone },
      ...(input.expiresInMinutes ? { expiry: { unit: 'minute', duration: input.expiresInMinutes } } : {}),
      ...(input.returnUrl ? { callbacks: { finish: input.returnUrl } } : {}),
    }
    const startedAt = Date.now()
    const answer = await post(`${snapBase}/snap/v1/transactions`, 'Snap', body)
    const { status, json, messages, detail } = answer
    throwUnlessAnswered(answer, 'Snap')
    if (status >= 400) {
      throw new GatewayRejectedError('midtrans', `Midtrans refused the transaction (HTTP ${status}): ${detail}`, {
        status,
        providerMessages: messages,
      })
    }
    const token = json?.token
    const redirectUrl = json?.redirect_url
    if (typeof token !== 'string' || typeof redirectUrl !== 'string') {
      throw new GatewayUnavailableError(
        'midtrans',
        `Midtrans Snap answered HTTP ${status} without token and redirect_url`,
        { status },
      )
    }
    return {
      provider: 'midtrans',
      orderId: input.orderId,
      payUrl: redirectUrl,
      providerRef: token,
      // Snap's expiry counts from transaction creation; our clock start is a slight underestimate.
      expiresAt: input.expiresInMinutes
        ? new Date(startedAt + input.expiresInMinutes * 60_000).toISOString()
        : undefined,
    }
  }

  function parseNotification(req: GatewayNotificationRequest): NormalizedGatewayEvent {
    const body = parseJsonObject('midtrans', req.rawBody)
    const orderId = requireString('midtrans', body, 'order_id')
    const statusCode = requireString('midtrans', body, 'status_code')
    // Must stay a string: the signature covers it exactly as sent ("150000.00").
    const grossAmount = requireString('midtrans', body, 'gross_amount')
    const transactionStatus = requireString('midtrans', body, 'transaction_status')
    const signature = body.signature_key
    if (typeof signature !== 'string' || signature === '')
      throw new GatewaySignatureError('midtrans', 'Notification has no signature_key')
    if (!constantTimeEqual(signature, midtransSignature(orderId, statusCode, grossAmount, serverKey))) {
      throw new GatewaySignatureError('midtrans', `Notification signature does not match for order ${orderId}`)
    }

    const amount = parseGrossAmount(grossAmount)
    if (amount === null)
      throw new GatewayPayloadError(
        'midtrans',
        `gross_amount ${JSON.stringify(grossAmount)} is not a whole Rupiah amount`,
      )
    const fraudStatus = optionalString(body, 'fraud_status')
    const status = mapMidtransStatus(transactionStatus, fraudStatus)
    if (!status)
      throw new GatewayPayloadError('midtrans', `Unknown transaction_status ${JSON.stringify(transactionStatus)}`)

    return {
      provider: 'midtrans',
      // A capture changes meaning with its fraud status (challenge, then accept), so both are kept apart.
      eventKey:
        transactionStatus === 'capture'
          ? `midtrans:${orderId}:capture:${fraudStatus ?? ''}`
          : `midtrans:${orderId}:${transactionStatus}`,
      orderId,
      status,
      amount,
      currency: optionalString(body, 'currency') ?? 'IDR',
      occurredAt: wibTimeToIso(optionalString(body, 'settlement_time') ?? optionalString(body, 'transaction_time')),
      raw: body,
    }
  }

  /**
   * First the Snap session (`POST /snap/v1/transactions/{token}/cancel`): the payment page stops
   * taking money. Once the customer has picked a method (a VA number or QRIS issued), Snap answers
   * "Transaction is on progress" and the transaction itself is cancelled through the Core API
   * (`POST /v2/{order_id}/cancel`), which answers in the body's `status_code`: 200 cancelled, 404
   * unknown, 412 no longer cancellable (settled or expired).
   */
  async function cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentResult> {
    if (input.providerRef) {
      const snap = await post(
        `${snapBase}/snap/v1/transactions/${encodeURIComponent(input.providerRef)}/cancel`,
        'Snap cancel',
      )
      throwUnlessAnswered(snap, 'Snap cancel')
      if (snap.status < 300 || snap.messages.some((m) => /already cancel/i.test(m))) return 'cancelled'
    }
    const core = await post(`${apiBase}/v2/${encodeURIComponent(input.orderId)}/cancel`, 'cancel')
    const code = Number(core.json?.status_code ?? core.status)
    throwUnlessAnswered(core, 'cancel', code)
    if (code === 200 || core.json?.transaction_status === 'cancel') return 'cancelled'
    if (code === 404 || code === 412) return 'final'
    throw new GatewayRejectedError(
      'midtrans',
      `Midtrans refused to cancel ${input.orderId} (${code}): ${core.detail}`,
      {
        status: code,
        providerMessages: [core.detail],
      },
    )
  }

  return { provider: 'midtrans', createPayment, parseNotification, cancelPayment }
}

type MidtransAnswer = { status: number; json?: Record<string, unknown>; messages: string[]; detail: string }
