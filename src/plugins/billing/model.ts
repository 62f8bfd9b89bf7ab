/**
 * Billing's vocabulary: payment methods and statuses, invoice statuses, gateway providers and pay
 * link statuses, and which status may follow which. No imports, so collections, operations,
 * gateways, documents and admin components (client bundles too) all read it without a cycle.
 */

/** How a customer paid. `gateway` is a Midtrans/Xendit settlement. */
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'qris', 'gopay', 'gateway'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/** Only verified payments count; pending ones wait for finance; rejected ones stay, with a reason. */
export const PAYMENT_STATUSES = ['pending', 'verified', 'rejected'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/** A payment is decided once: pending → verified or rejected, never back. */
export const PAYMENT_STATUS_NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['verified', 'rejected'],
  verified: [],
  rejected: [],
}

/**
 * An invoice's status follows what is still owed (`invoiceStatusFor`) until it is voided, which is
 * final. Only `unpaid` and `partially_paid` invoices are open (count as owed, can be paid).
 */
export const INVOICE_STATUSES = ['unpaid', 'partially_paid', 'paid', 'void'] as const
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]
export const OPEN_INVOICE_STATUSES = ['unpaid', 'partially_paid'] as const satisfies readonly InvoiceStatus[]

export const INVOICE_STATUS_NEXT: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  unpaid: ['partially_paid', 'paid', 'void'],
  // A price change mid-month can raise what is owed again.
  partially_paid: ['unpaid', 'paid', 'void'],
  paid: ['partially_paid', 'unpaid'],
  void: [],
}

/** The status an invoice that is not void has, from what is still owed. */
export function invoiceStatusFor(total: number, balanceDue: number): Exclude<InvoiceStatus, 'void'> {
  if (balanceDue <= 0) return 'paid'
  return balanceDue < total ? 'partially_paid' : 'unpaid'
}

export const isOpenInvoice = (status: InvoiceStatus | null | undefined): boolean =>
  status === 'unpaid' || status === 'partially_paid'

/** Payment gateways a pay link can be opened at. */
export const GATEWAY_PROVIDERS = ['midtrans', 'xendit'] as const
export type GatewayProvider = (typeof GATEWAY_PROVIDERS)[number]

/** A pay link's status; `review` is a settlement held for finance, `cancelled` a voided invoice's link. */
export const GATEWAY_PAYMENT_STATUSES = [
  'pending',
  'paid',
  'expired',
  'failed',
  'cancelled',
  'refunded',
  'review',
] as const
export type GatewayPaymentStatus = (typeof GATEWAY_PAYMENT_STATUSES)[number]

/**
 * Forward-only: which gateway statuses may follow which. A paid attempt is never un-paid; a link we
 * cancelled (its invoice was voided) can still be paid: money that arrives is recorded.
 */
export const GATEWAY_PAYMENT_NEXT: Record<GatewayPaymentStatus, readonly GatewayPaymentStatus[]> = {
  pending: ['paid', 'expired', 'failed'],
  expired: ['paid'],
  failed: ['paid'],
  cancelled: ['paid'],
  review: [],
  paid: ['refunded'],
  refunded: [],
}

/** True when a state machine lets `to` follow `from` (staying put is not a move). */
export function canMove<S extends string>(machine: Record<S, readonly S[]>, from: S, to: S): boolean {
  return machine[from]?.includes(to) ?? false
}
