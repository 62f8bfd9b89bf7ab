import { randomBytes } from 'node:crypto'
import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { inRequestTransaction, inTransaction } from '../../../../db/transaction'
import {
  canMove,
  GATEWAY_PAYMENT_NEXT,
  type GatewayPaymentStatus,
  type InvoiceStatus,
  isOpenInvoice,
} from '../../model'
import { recordSystemPayment } from './recordPayment'
import { DomainError } from '../../../../lib/errors'
import { logger } from '../../../../lib/logger'
import { formatRupiah } from '../../../../lib/money'
import { relationId } from '../../../../lib/relationId'
import type { GatewayPayment, Invoice } from '../../../../payload-types'
import {
  GatewayAuthError,
  gatewayFromEnv,
  GatewayRejectedError,
  isGatewayConfigured,
  type GatewayProvider,
  type NormalizedGatewayEvent,
  type PaymentGateway,
} from '../../gateways'
import { billingSettings } from '../settings'

const gateways = new Map<GatewayProvider, PaymentGateway>()

/** One adapter per provider for the life of the process (the clients keep connections). */
export function gatewayFor(provider: GatewayProvider): PaymentGateway {
  let gateway = gateways.get(provider)
  if (!gateway) {
    gateway = gatewayFromEnv(provider)
    gateways.set(provider, gateway)
  }
  return gateway
}

/** A link is reused while it is still valid for a while and asks for what is owed now. */
const REUSE_MARGIN_MS = 15 * 60 * 1000

/**
 * The pay link of an invoice, for its owner or staff. An open link for the same amount is reused
 * (a double click or a second tap in WhatsApp gives the same link); otherwise a new attempt with
 * a fresh order id (`INV…-n-<random>`) is created at the gateway chosen in the settings. The invoice row
 * is locked meanwhile, so two concurrent requests cannot create two attempts.
 */
export async function payLinkForInvoice({
  req,
  invoiceId,
}: {
  req: PayloadRequest
  invoiceId: number
}): Promise<{ payment: GatewayPayment; reused: boolean }> {
  if (!req.user) throw new DomainError('unauthenticated', 'Silakan masuk terlebih dahulu.')
  // Read with the caller's access: another customer's invoice is simply not found.
  const invoice = await req.payload.findByID({
    collection: 'invoices',
    id: invoiceId,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
    disableErrors: true,
  })
  if (!invoice) throw new DomainError('not_found', 'Tagihan tidak ditemukan.')
  return openPayLink({ req, invoice })
}

/**
 * The pay link of an invoice the caller has already checked the customer may pay (the WhatsApp
 * "pay now" button checks that the invoice is the sender's). Errors are DomainErrors whose
 * messages customers can read.
 */
export async function openPayLink({
  req,
  invoice,
}: {
  req: PayloadRequest
  invoice: Pick<Invoice, 'id' | 'status' | 'balanceDue'>
}): Promise<{ payment: GatewayPayment; reused: boolean }> {
  const invoiceId = invoice.id
  if (invoice.status === 'void') throw new DomainError('conflict', 'Tagihan ini dibatalkan.')
  if (invoice.status === 'paid' || (invoice.balanceDue ?? 0) <= 0)
    throw new DomainError('conflict', 'Tagihan ini sudah lunas.')
  const settings = await billingSettings(req.payload, req)
  const provider = settings.gateway
  if (!provider || provider === 'none')
    throw new DomainError('conflict', 'Pembayaran online belum tersedia. Silakan transfer dan unggah bukti transfer.')
  if (!isGatewayConfigured(provider)) throw new DomainError('unavailable', 'Pembayaran online sedang tidak tersedia.')

  return inRequestTransaction(req, async (tx) => {
    await executeSql(tx, sql`SELECT id FROM invoices WHERE id = ${invoiceId} FOR UPDATE`)
    const fresh = await tx.payload.findByID({
      collection: 'invoices',
      id: invoiceId,
      depth: 0,
      overrideAccess: true,
      req: tx,
    })
    const amount = fresh.balanceDue ?? 0
    if (amount <= 0) throw new DomainError('conflict', 'Tagihan ini sudah lunas.')
    const attempts = await tx.payload.find({
      collection: 'gateway-payments',
      where: { invoice: { equals: invoiceId } },
      sort: '-createdAt',
      limit: 100,
      depth: 0,
      overrideAccess: true,
      req: tx,
    })
    const open = attempts.docs.find(
      (a) =>
        a.status === 'pending' &&
        a.provider === provider &&
        a.amount === amount &&
        a.payUrl &&
        (!a.expiresAt || Date.parse(a.expiresAt) - Date.now() > REUSE_MARGIN_MS),
    )
    if (open) return { payment: open, reused: true }

    // Unique per attempt and not guessable from the invoice number: a gateway order id is what a
    // notification names, so nobody should be able to predict another customer's.
    const orderId = `${fresh.number}-${attempts.totalDocs + 1}-${randomBytes(8).toString('hex')}`
    const customer = await tx.payload.findByID({
      collection: 'customers',
      id: relationId(fresh.customer)!,
      depth: 0,
      overrideAccess: true,
      req: tx,
      select: { name: true, email: true, phone: true },
    })
    let created
    try {
      created = await gatewayFor(provider).createPayment({
        orderId,
        amount,
        description: `Tagihan ${fresh.number}${fresh.period ? ` periode ${fresh.period}` : ''}`,
        customer: {
          name: customer.name,
          email: customer.email ?? undefined,
          phone: customer.phone ? `+${customer.phone}` : undefined,
        },
        expiresInMinutes: (settings.payLinkExpiryHours ?? 72) * 60,
        returnUrl: process.env.PUBLIC_URL ? `${process.env.PUBLIC_URL}/` : undefined,
      })
    } catch (error) {
      logger.error({ err: (error as Error).message, provider, orderId }, 'pay link creation failed')
      throw new DomainError('upstream_failed', 'Gateway pembayaran sedang bermasalah. Silakan coba lagi sebentar lagi.')
    }
    const payment = await tx.payload.create({
      collection: 'gateway-payments',
      data: {
        orderId,
        provider,
        invoice: invoiceId,
        customer: relationId(fresh.customer)!,
        amount,
        status: 'pending',
        payUrl: created.payUrl,
        providerRef: created.providerRef,
        expiresAt: created.expiresAt,
      },
      overrideAccess: true,
      depth: 0,
      req: tx,
    })
    return { payment, reused: false }
  })
}

export type GatewayEventOutcome = {
  status: 200 | 404
  outcome: 'applied' | 'ignored' | 'amount_mismatch' | 'unknown_order' | 'duplicate' | 'credited' | 'held'
  paymentId?: number
}

/** An error that will be the same on the gateway's next delivery (a 4xx), unlike a database outage. */
const isPermanent = (error: unknown) => {
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' && status >= 400 && status < 500
}

/**
 * Applies one authentic gateway notification, once. The event row (unique event key) is written
 * first in the transaction: a repeat finds it and changes nothing. A settlement for the right
 * amount in IDR records a verified gateway payment (which pays the invoice and restores the
 * customer, in the same transaction); a wrong amount or currency is held for finance instead.
 *
 * Money that arrives is never dropped: a settlement for an invoice that was voided or already paid
 * becomes a payment for the customer's other open invoices or credit, and one that cannot be
 * recorded at all (any refusal that a redelivery would meet again) is held for finance. Both alert
 * the staff. Only a transient failure (the database away) answers 5xx, so the gateway delivers
 * again.
 */
export async function handleGatewayEvent({
  payload,
  event,
}: {
  payload: Payload
  event: NormalizedGatewayEvent
}): Promise<GatewayEventOutcome> {
  try {
    return await applyGatewayEvent({ payload, event })
  } catch (error) {
    if (event.status !== 'paid' || !isPermanent(error)) throw error
    return holdForReview({ payload, event, error: error as Error })
  }
}

async function applyGatewayEvent({
  payload,
  event,
}: {
  payload: Payload
  event: NormalizedGatewayEvent
}): Promise<GatewayEventOutcome> {
  return inTransaction(payload, async (req) => {
    const inserted = await executeSql(
      req,
      sql`
      INSERT INTO gateway_events (event_key, provider, order_id, status, amount, currency, outcome, raw, updated_at, created_at)
      VALUES (${event.eventKey}, ${event.provider}, ${event.orderId}, ${event.status}, ${event.amount}, ${event.currency}, 'applied', ${JSON.stringify(event.raw)}::jsonb, now(), now())
      ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    )
    if (inserted.rows.length === 0) {
      const { rows } = await executeSql(
        req,
        sql`SELECT outcome FROM gateway_events WHERE event_key = ${event.eventKey}`,
      )
      return { status: rows[0]?.outcome === 'unknown_order' ? 404 : 200, outcome: 'duplicate' }
    }
    const eventId = Number(inserted.rows[0]!.id)
    const setOutcome = (outcome: string) =>
      executeSql(
        req,
        sql`UPDATE gateway_events SET outcome = ${outcome}::enum_gateway_events_outcome WHERE id = ${eventId}`,
      )

    const { rows } = await executeSql(
      req,
      sql`SELECT id, invoice_id, customer_id FROM gateway_payments WHERE order_id = ${event.orderId} AND provider = ${event.provider}`,
    )
    if (rows.length === 0) {
      logger.warn(
        { provider: event.provider, orderId: event.orderId, status: event.status },
        'gateway notification for an unknown order',
      )
      await setOutcome('unknown_order')
      return { status: 404, outcome: 'unknown_order' }
    }
    // Locks in the order every money path takes (customer, invoice, pay link), so a settlement
    // racing a void or a payment of the same customer waits instead of deadlocking.
    await executeSql(req, sql`SELECT id FROM customers WHERE id = ${rows[0]!.customer_id} FOR UPDATE`)
    const invoiceRow = (
      await executeSql(req, sql`SELECT number, status FROM invoices WHERE id = ${rows[0]!.invoice_id} FOR UPDATE`)
    ).rows[0]
    await executeSql(req, sql`SELECT id FROM gateway_payments WHERE id = ${rows[0]!.id} FOR UPDATE`)
    const attempt = await req.payload.findByID({
      collection: 'gateway-payments',
      id: Number(rows[0]!.id),
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (!canMove(GATEWAY_PAYMENT_NEXT, attempt.status as GatewayPaymentStatus, event.status as GatewayPaymentStatus)) {
      await setOutcome('ignored')
      return { status: 200, outcome: 'ignored' }
    }
    const update = (data: Partial<GatewayPayment>) =>
      req.payload.update({ collection: 'gateway-payments', id: attempt.id, data, overrideAccess: true, depth: 0, req })

    if (event.status === 'paid') {
      if (event.currency !== 'IDR' || event.amount !== attempt.amount) {
        const note = `Dibayar ${event.currency} ${formatRupiah(event.amount)}, seharusnya IDR ${formatRupiah(attempt.amount)}`
        await update({ status: 'review', reviewNote: note })
        await setOutcome('amount_mismatch')
        await req.payload.jobs.queue({
          task: 'staffAlert',
          input: {
            key: `gateway-mismatch:${event.eventKey}`,
            subject: `Pembayaran ${attempt.orderId} perlu dicek`,
            message: `${note}. Tagihan belum ditandai lunas; periksa di ${event.provider} lalu catat pembayaran secara manual bila benar.`,
          },
          req,
        })
        return { status: 200, outcome: 'amount_mismatch' }
      }
      const invoiceNumber = String(invoiceRow?.number ?? attempt.invoice)
      const invoiceOpen = isOpenInvoice(invoiceRow?.status as InvoiceStatus | undefined)
      const why = invoiceRow?.status === 'void' ? 'sudah dibatalkan' : 'sudah lunas'
      const payment = await recordSystemPayment({
        req,
        status: 'verified',
        source: 'gateway',
        data: {
          customer: relationId(attempt.customer)!,
          // An invoice that is void or already paid takes no more money: the customer's other open
          // invoices, then credit, do.
          invoices: invoiceOpen ? [relationId(attempt.invoice)!] : [],
          amount: attempt.amount,
          method: 'gateway',
          reference: `${event.provider}:${attempt.orderId}`,
          paymentDate: event.occurredAt ?? new Date().toISOString(),
          idempotencyKey: `gateway:${event.provider}:${attempt.orderId}`,
          notes: invoiceOpen
            ? undefined
            : `Dibayar lewat ${event.provider} untuk tagihan ${invoiceNumber} yang ${why}; dialihkan ke tagihan lain atau saldo.`,
        },
      })
      if (invoiceOpen) {
        await update({ status: 'paid', payment: payment.id })
        return { status: 200, outcome: 'applied', paymentId: payment.id }
      }
      const applied = await req.payload.findByID({
        collection: 'payments',
        id: payment.id,
        depth: 1,
        overrideAccess: true,
        req,
      })
      const where = [
        ...(applied.allocations ?? []).map(
          (a) =>
            `${typeof a.invoice === 'object' ? a.invoice.number : `tagihan ${a.invoice}`} ${formatRupiah(a.amount)}`,
        ),
        ...((applied.creditAdded ?? 0) > 0 ? [`saldo pelanggan ${formatRupiah(applied.creditAdded ?? 0)}`] : []),
      ].join(', ')
      const note = `Tagihan ${invoiceNumber} ${why}; dicatat sebagai ${payment.number} (${where}).`
      await update({ status: 'paid', payment: payment.id, reviewNote: note.slice(0, 500) })
      await setOutcome('credited')
      await req.payload.jobs.queue({
        task: 'staffAlert',
        input: {
          key: `gateway-credited:${event.eventKey}`,
          subject: `Pembayaran ${attempt.orderId} masuk untuk tagihan ${invoiceNumber} yang ${why}`,
          message:
            `${event.provider} melaporkan pembayaran ${formatRupiah(event.amount)} untuk ${attempt.orderId}. ` +
            `${note} Periksa apakah pelanggan ingin uangnya dikembalikan.`,
        },
        req,
      })
      return { status: 200, outcome: 'credited', paymentId: payment.id }
    }
    if (event.status === 'refunded') {
      await update({ status: 'refunded' })
      await req.payload.jobs.queue({
        task: 'staffAlert',
        input: {
          key: `gateway-refund:${event.eventKey}`,
          subject: `Pembayaran ${attempt.orderId} dikembalikan (refund)`,
          message: `Gateway ${event.provider} melaporkan refund untuk ${attempt.orderId}. Tagihan tetap tercatat lunas; sesuaikan secara manual bila perlu.`,
        },
        req,
      })
      return { status: 200, outcome: 'applied' }
    }
    await update({ status: event.status as GatewayPayment['status'] })
    return { status: 200, outcome: 'applied' }
  })
}

/**
 * A settlement that could not be recorded (the transaction above rolled back): the notification is
 * kept (outcome `held`), its pay link goes to finance's review with the reason, and the staff are
 * alerted, in one transaction. The gateway gets 200: delivering it again would fail the same way.
 */
async function holdForReview({
  payload,
  event,
  error,
}: {
  payload: Payload
  event: NormalizedGatewayEvent
  error: Error
}): Promise<GatewayEventOutcome> {
  logger.error(
    { provider: event.provider, orderId: event.orderId, err: error.message },
    'gateway settlement could not be recorded; held for finance',
  )
  return inTransaction(payload, async (req) => {
    const inserted = await executeSql(
      req,
      sql`
      INSERT INTO gateway_events (event_key, provider, order_id, status, amount, currency, outcome, raw, updated_at, created_at)
      VALUES (${event.eventKey}, ${event.provider}, ${event.orderId}, ${event.status}, ${event.amount}, ${event.currency}, 'held', ${JSON.stringify(event.raw)}::jsonb, now(), now())
      ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    )
    if (inserted.rows.length === 0) return { status: 200, outcome: 'duplicate' }
    const note = `Dibayar ${formatRupiah(event.amount)} tetapi tidak bisa dicatat otomatis: ${error.message}`.slice(
      0,
      500,
    )
    await executeSql(
      req,
      sql`UPDATE gateway_payments SET status = 'review', review_note = ${note}, updated_at = now()
          WHERE order_id = ${event.orderId} AND provider = ${event.provider} AND status NOT IN ('paid', 'refunded')`,
    )
    await req.payload.jobs.queue({
      task: 'staffAlert',
      input: {
        key: `gateway-held:${event.eventKey}`,
        subject: `Pembayaran ${event.orderId} masuk tetapi belum tercatat`,
        message: `${event.provider} melaporkan pembayaran ${formatRupiah(event.amount)} untuk ${event.orderId}, tetapi pembayaran tidak bisa dicatat otomatis (${error.message}). Catat pembayaran ini secara manual setelah diperiksa.`,
      },
      req,
    })
    return { status: 200, outcome: 'held' }
  })
}

/**
 * After an invoice was voided: stops its cancelled pay links from taking money at the gateway
 * (Midtrans: the Snap session, or the transaction once the customer started paying; Xendit: the
 * invoice is expired). A gateway that is down fails the job, which is retried; a link the gateway
 * no longer considers payable needs nothing. A payment that got through anyway still arrives as a
 * notification and is recorded (see handleGatewayEvent).
 */
export async function cancelPayLinksAtGateway({
  payload,
  invoiceId,
}: {
  payload: Payload
  invoiceId: number
}): Promise<{ cancelled: number; final: number }> {
  // Read outside any transaction: the gateway calls below must not hold one open.
  const links = await payload.find({
    collection: 'gateway-payments',
    where: { and: [{ invoice: { equals: invoiceId } }, { status: { equals: 'cancelled' } }] },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
  })
  const result = { cancelled: 0, final: 0 }
  for (const link of links.docs) {
    let outcome
    try {
      outcome = await gatewayFor(link.provider).cancelPayment({
        orderId: link.orderId,
        providerRef: link.providerRef ?? undefined,
      })
    } catch (error) {
      // A refusal will not get better by retrying; anything else (outage, wrong key) is retried.
      if (!(error instanceof GatewayRejectedError) || error instanceof GatewayAuthError) throw error
      logger.warn({ orderId: link.orderId, err: error.message }, 'gateway refused to cancel a pay link')
      outcome = 'final' as const
    }
    result[outcome] += 1
    logger.info({ orderId: link.orderId, provider: link.provider, outcome }, 'pay link of a voided invoice cancelled')
  }
  return result
}
