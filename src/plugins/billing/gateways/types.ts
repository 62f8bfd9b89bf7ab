import type { GatewayProvider } from '../model'

/** Online payment providers the billing plugin can send a customer to (defined in `../model`). */
export { GATEWAY_PROVIDERS, type GatewayProvider } from '../model'

/** What the billing plugin asks a gateway to collect. */
export type CreatePaymentInput = {
  /**
   * Our reference for this payment attempt (Midtrans `order_id`, Xendit `external_id`).
   * Midtrans refuses an order id it has seen before, even after a timeout on our side, so use a
   * new one per attempt (for example `INV-20260101-0001-2`). At most 50 characters of
   * letters, digits, `-`, `_`, `~` and `.`.
   */
  orderId: string
  /** Integer Rupiah, greater than zero. */
  amount: number
  /** Shown to the customer on the payment page. */
  description: string
  customer: { name: string; email?: string; phone?: string }
  /** How long the payment page stays payable. Gateway default when omitted (Snap: 24 h, Xendit: 24 h). */
  expiresInMinutes?: number
  /** Where the payment page sends the customer back to once they have paid. */
  returnUrl?: string
}

/** A payment page the customer can be sent to. */
export type CreatedPayment = {
  provider: GatewayProvider
  orderId: string
  /** Hosted payment page (Snap `redirect_url`, Xendit `invoice_url`). */
  payUrl: string
  /** The provider's own id (Snap token, Xendit invoice id). */
  providerRef: string
  /** ISO 8601 instant after which the page no longer takes payment. */
  expiresAt?: string
}

export type NormalizedPaymentStatus = 'pending' | 'paid' | 'expired' | 'failed' | 'refunded'

/** One authenticated notification from a gateway, in the billing plugin's own words. */
export type NormalizedGatewayEvent = {
  provider: GatewayProvider
  /**
   * Same value for every delivery of the same event (gateways retry and repeat), so a unique
   * index on it makes processing idempotent.
   */
  eventKey: string
  orderId: string
  status: NormalizedPaymentStatus
  /** Integer Rupiah as reported by the gateway: compare it with the invoice before accepting it. */
  amount: number
  currency: 'IDR' | (string & {})
  /** ISO 8601 instant the gateway says the change happened, when it says so. */
  occurredAt?: string
  /** The parsed body, kept for the payment record. */
  raw: unknown
}

/** An incoming webhook request as the endpoint received it; the body must be the exact bytes. */
export type GatewayNotificationRequest = {
  headers: Record<string, string | string[] | undefined>
  rawBody: Buffer
}

/** A pay link the billing plugin no longer wants paid (its invoice was voided). */
export type CancelPaymentInput = {
  orderId: string
  /** What `createPayment` returned as `providerRef` (Snap token, Xendit invoice id). */
  providerRef?: string
}

/**
 * `cancelled`: the gateway will take no money on it any more. `final`: there was nothing left to
 * cancel (already paid, expired or cancelled, or unknown to the gateway); a payment that did go
 * through still arrives as a notification.
 */
export type CancelPaymentResult = 'cancelled' | 'final'

export interface PaymentGateway {
  readonly provider: GatewayProvider
  /**
   * Opens a hosted payment page. Throws `GatewayUnavailableError` when a retry may succeed
   * (network, timeout, 5xx, 429), `GatewayAuthError` for rejected credentials and
   * `GatewayRejectedError` for a request the gateway refused (duplicate order id, bad amount).
   */
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>
  /**
   * Authenticates and normalises a notification. Throws `GatewaySignatureError` (answer 401)
   * when it is not from the gateway, `GatewayPayloadError` (answer 400) when it is malformed.
   */
  parseNotification(req: GatewayNotificationRequest): NormalizedGatewayEvent
  /**
   * Stops a pay link from taking money. Throws `GatewayUnavailableError` when a retry may succeed
   * and `GatewayAuthError` for rejected credentials.
   */
  cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentResult>
}
