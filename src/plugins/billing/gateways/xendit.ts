import { Xendit, XenditSdkError } from 'xendit-node'
import type { Middleware } from 'xendit-node'

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
  headerValue,
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

export const XENDIT_API_URL = 'https://api.xendit.co'

export type XenditGatewayOptions = {
  /** Secret API key (`xnd_development_…` / `xnd_production_…`) with write access to invoices. */
  secretKey: string
  /** Callback verification token from the Xendit dashboard; every callback carries it in `x-callback-token`. */
  callbackToken: string
  /** API host; default `https://api.xendit.co`. */
  baseUrl?: string
  /** Gives up on an API request after this long, as `GatewayUnavailableError`. Default 15 000 ms. */
  timeoutMs?: number
}

/** Xendit invoice `status` → our status; undefined when unknown. */
export function mapXenditStatus(status: string): NormalizedPaymentStatus | undefined {
  switch (status) {
    case 'PENDING':
      return 'pending'
    case 'PAID':
    case 'SETTLED':
      return 'paid'
    case 'EXPIRED':
      return 'expired'
    default:
      return undefined
  }
}

/** Xendit wants E.164 (`+6281…`); customer records keep `6281…`. */
function toE164(phone: string | undefined): string | undefined {
  if (!phone) return undefined
  const digits = phone.replace(/[^\d+]/g, '')
  return digits.startsWith('+') ? digits : `+${digits}`
}

function isoOrUndefined(value: string | undefined): string | undefined {
  if (!value) return undefined
  const at = new Date(value)
  // A time the database cannot store, or no gateway would send, counts as not given (now).
  return inProductYears(at) ? at.toISOString() : undefined
}

/** Turns whatever the SDK threw into one of our errors. */
function toGatewayError(err: unknown): Error {
  if (err instanceof XenditSdkError) {
    // The SDK types `status` as string; at run time it is the HTTP status number.
    const status = Number(err.status)
    const code = err.errorCode ? `${err.errorCode}: ` : ''
    const detail = `${code}${err.errorMessage ?? ''}`
    const providerMessages = [detail].filter(Boolean)
    if (status >= 500 || status === 429)
      return new GatewayUnavailableError('xendit', `Xendit failed with HTTP ${status}: ${detail}`, {
        status,
        cause: err,
      })
    if (status === 401 || status === 403) {
      return new GatewayAuthError('xendit', `Xendit rejected the secret key (HTTP ${status}): ${detail}`, {
        status,
        providerMessages,
        cause: err,
      })
    }
    return new GatewayRejectedError('xendit', `Xendit refused the invoice (HTTP ${status}): ${detail}`, {
      status,
      providerMessages,
      cause: err,
    })
  }
  // Anything else comes from fetch: refused connection, reset, or our timeout aborting it.
  const what =
    err instanceof Error
      ? `${err.name}: ${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}`
      : String(err)
  return new GatewayUnavailableError('xendit', `Xendit did not answer (${what})`, { cause: err })
}

/**
 * Xendit invoice adapter on the official `xendit-node` SDK. The SDK takes no timeout, so a
 * middleware gives each request an abort signal; its middleware list is not public API, hence
 * the guarded cast (pinned SDK version, checked by the gateway tests).
 */
export function createXenditGateway(options: XenditGatewayOptions): PaymentGateway {
  const { secretKey, callbackToken } = options
  if (!secretKey) throw new GatewayConfigError('xendit', 'Xendit secret key is not set (XENDIT_SECRET_KEY)')
  if (!callbackToken) throw new GatewayConfigError('xendit', 'Xendit callback token is not set (XENDIT_CALLBACK_TOKEN)')
  const timeoutMs = options.timeoutMs ?? 15_000
  const client = new Xendit({ secretKey, xenditURL: trimBaseUrl(options.baseUrl || XENDIT_API_URL) })
  const withTimeout: Middleware = {
    pre: async (ctx) => ({ url: ctx.url, init: { ...ctx.init, signal: AbortSignal.timeout(timeoutMs) } }),
  }
  const internals = client.Invoice as unknown as { middleware?: Middleware[] }
  if (!Array.isArray(internals.middleware))
    throw new GatewayConfigError(
      'xendit',
      'xendit-node no longer exposes its middleware list; the request timeout cannot be set',
    )
  internals.middleware.push(withTimeout)

  async function createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    assertRupiahAmount(input.amount)
    const { name, email, phone } = input.customer
    let invoice
    try {
      invoice = await client.Invoice.createInvoice({
        data: {
          externalId: input.orderId,
          amount: input.amount,
          currency: 'IDR',
          description: input.description,
          payerEmail: email,
          customer: { givenNames: name, email, mobileNumber: toE164(phone) },
          // Xendit counts the invoice duration in seconds.
          invoiceDuration: input.expiresInMinutes ? input.expiresInMinutes * 60 : undefined,
          successRedirectUrl: input.returnUrl,
          locale: 'id',
        },
      })
    } catch (err) {
      throw toGatewayError(err)
    }
    if (!invoice?.id || !invoice.invoiceUrl)
      throw new GatewayUnavailableError('xendit', 'Xendit answered without an invoice id and invoice_url')
    const expiresAt =
      invoice.expiryDate instanceof Date && !Number.isNaN(invoice.expiryDate.getTime())
        ? invoice.expiryDate.toISOString()
        : undefined
    return {
      provider: 'xendit',
      orderId: input.orderId,
      payUrl: invoice.invoiceUrl,
      providerRef: invoice.id,
      expiresAt,
    }
  }

  function parseNotification(req: GatewayNotificationRequest): NormalizedGatewayEvent {
    const token = headerValue(req.headers, 'x-callback-token')
    if (!token) throw new GatewaySignatureError('xendit', 'Callback has no x-callback-token header')
    if (!constantTimeEqual(token, callbackToken))
      throw new GatewaySignatureError('xendit', 'Callback token does not match')

    const body = parseJsonObject('xendit', req.rawBody)
    const externalId = requireString('xendit', body, 'external_id')
    const invoiceStatus = requireString('xendit', body, 'status')
    const status = mapXenditStatus(invoiceStatus)
    if (!status) throw new GatewayPayloadError('xendit', `Unknown invoice status ${JSON.stringify(invoiceStatus)}`)
    const amount = body.paid_amount ?? body.amount
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
      throw new GatewayPayloadError('xendit', `Callback amount ${JSON.stringify(amount)} is not a whole Rupiah amount`)
    }
    const webhookId = headerValue(req.headers, 'webhook-id')

    return {
      provider: 'xendit',
      eventKey: webhookId ? `xendit:${webhookId}` : `xendit:${externalId}:${invoiceStatus}`,
      orderId: externalId,
      status,
      amount,
      currency: optionalString(body, 'currency') ?? 'IDR',
      occurredAt: isoOrUndefined(optionalString(body, 'paid_at') ?? optionalString(body, 'updated')),
      raw: body,
    }
  }

  /**
   * `POST /invoices/{id}/expire!`: the checkout page stops taking money. Xendit refuses an invoice
   * that is no longer pending (paid or expired already) and one it does not know; both mean there
   * is nothing left to cancel.
   */
  async function cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentResult> {
    if (!input.providerRef) return 'final'
    try {
      await client.Invoice.expireInvoice({ invoiceId: input.providerRef })
      return 'cancelled'
    } catch (err) {
      const error = toGatewayError(err)
      if (error instanceof GatewayRejectedError && !(error instanceof GatewayAuthError)) return 'final'
      throw error
    }
  }

  return { provider: 'xendit', createPayment, parseNotification, cancelPayment }
}
