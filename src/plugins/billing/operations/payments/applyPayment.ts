import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { relationId } from '../../../../lib/relationId'
import { formatRupiah } from '../../../../lib/money'
import { recordServiceEvent } from '../../../../operations/recordServiceEvent'
import type { Payment } from '../../../../payload-types'
import { notifyPaymentReceived } from '../billingNotices'
import { restoreIfSettled } from '../isolir/restoreService'
import { OPEN_INVOICE_STATUSES } from '../../model'

export type Allocation = { invoice: number; amount: number }

/**
 * Puts a verified payment's money on the customer's invoices: the invoices it names first, then
 * the other open ones, oldest due date first; what is left becomes credit for the next invoice.
 * Runs in the verifying transaction, with the customer's row locked so two payments of one
 * customer settle one after the other. Then tells the customer (payment_received, queued in this
 * transaction) and lifts a billing isolir if nothing is overdue anymore.
 */
export async function applyVerifiedPayment({
  req,
  payment,
}: {
  req: PayloadRequest
  payment: Payment
}): Promise<{ allocations: Allocation[]; credit: number; restored: boolean }> {
  const { payload } = req
  const customerId = relationId(payment.customer)!
  await executeSql(req, sql`SELECT id FROM customers WHERE id = ${customerId} FOR UPDATE`)

  const named = new Set((payment.invoices ?? []).map((i) => relationId(i)).filter((id): id is number => id !== null))
  const open = await payload.find({
    collection: 'invoices',
    where: { customer: { equals: customerId }, status: { in: [...OPEN_INVOICE_STATUSES] } },
    sort: 'dueDate',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const ordered = [...open.docs.filter((i) => named.has(i.id)), ...open.docs.filter((i) => !named.has(i.id))]

  let remaining = payment.amount
  const allocations: Allocation[] = []
  const now = new Date().toISOString()
  for (const invoice of ordered) {
    if (remaining <= 0) break
    const balance = invoice.balanceDue ?? 0
    if (balance <= 0) continue
    const take = Math.min(balance, remaining)
    remaining -= take
    allocations.push({ invoice: invoice.id, amount: take })
    const balanceDue = balance - take
    await payload.update({
      collection: 'invoices',
      id: invoice.id,
      data: {
        amountPaid: (invoice.amountPaid ?? 0) + take,
        balanceDue,
        status: balanceDue === 0 ? 'paid' : 'partially_paid',
        paidAt: balanceDue === 0 ? now : undefined,
      },
      context: { billingSystemWrite: true },
      overrideAccess: true,
      depth: 0,
      req,
    })
  }
  if (remaining > 0)
    await executeSql(
      req,
      sql`UPDATE customers SET credit_balance = coalesce(credit_balance, 0) + ${remaining}, updated_at = now() WHERE id = ${customerId}`,
    )

  await payload.update({
    collection: 'payments',
    id: payment.id,
    data: { allocations, creditAdded: remaining },
    context: { billingSystemWrite: true },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await recordServiceEvent({
    req,
    event: {
      customer: customerId,
      type: 'payment',
      summary: `Pembayaran ${payment.number} ${formatRupiah(payment.amount)} diterima`,
      details: { payment: payment.id, allocations, credit: remaining },
    },
  })
  const numbers = new Map(ordered.map((i) => [i.id, i.number ?? String(i.id)]))
  await notifyPaymentReceived({
    req,
    payment,
    invoiceNumbers: allocations.map((a) => numbers.get(a.invoice)!),
    credit: remaining,
  })
  const restored = await restoreIfSettled({ req, customerId })
  return { allocations, credit: remaining, restored }
}
