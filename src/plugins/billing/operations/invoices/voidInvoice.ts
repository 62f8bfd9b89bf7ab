import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { hasRole } from '../../../../access/roles'
import { executeSql } from '../../../../db/sql'
import { inRequestTransaction } from '../../../../db/transaction'
import { DomainError } from '../../../../lib/errors'
import { relationId } from '../../../../lib/relationId'
import type { Invoice } from '../../../../payload-types'

/**
 * Finance voids an invoice with a reason. Money already on it (payments, credit) goes back to the
 * customer's credit, so nothing is lost; its one-off charges wait for the next invoice again; its
 * open pay links are cancelled (here at once, at the gateway by the `cancelPayLinks` job).
 */
export async function voidInvoice({
  req,
  id,
  reason,
}: {
  req: PayloadRequest
  id: number
  reason: unknown
}): Promise<Invoice> {
  if (!hasRole(req.user, 'finance'))
    throw new DomainError('forbidden', 'Hanya bagian keuangan yang dapat membatalkan tagihan.')
  if (typeof reason !== 'string' || reason.trim().length < 3 || reason.length > 300)
    throw new DomainError('invalid', 'Tulis alasan pembatalan (3–300 karakter).')
  return inRequestTransaction(req, async (tx) => {
    // Customer, then invoice, then pay links: the order settlements lock them in (gatewayPayments.ts).
    const owner = await executeSql(tx, sql`SELECT customer_id FROM invoices WHERE id = ${id}`)
    if (!owner.rows[0]) throw new DomainError('not_found', 'Tagihan tidak ditemukan.')
    await executeSql(tx, sql`SELECT id FROM customers WHERE id = ${owner.rows[0].customer_id} FOR UPDATE`)
    const { rows } = await executeSql(tx, sql`SELECT status FROM invoices WHERE id = ${id} FOR UPDATE`)
    if (!rows[0]) throw new DomainError('not_found', 'Tagihan tidak ditemukan.')
    if (rows[0].status === 'void') throw new DomainError('conflict', 'Tagihan ini sudah dibatalkan.')
    const invoice = await tx.payload.findByID({ collection: 'invoices', id, depth: 0, overrideAccess: true, req: tx })
    const refund = (invoice.amountPaid ?? 0) + (invoice.creditApplied ?? 0)
    if (refund > 0)
      await executeSql(
        tx,
        sql`UPDATE customers SET credit_balance = coalesce(credit_balance, 0) + ${refund}, updated_at = now() WHERE id = ${relationId(invoice.customer)}`,
      )
    await executeSql(
      tx,
      sql`UPDATE billing_adjustments SET status = 'pending', invoice_id = NULL, updated_at = now() WHERE invoice_id = ${id}`,
    )
    // Open pay links stop being offered now and are cancelled at the gateway by a job (no outside
    // call inside this transaction). Money that still arrives on one is recorded as the customer's.
    const openLinks = await executeSql(
      tx,
      sql`UPDATE gateway_payments SET status = 'cancelled', updated_at = now()
          WHERE invoice_id = ${id} AND status = 'pending' RETURNING id`,
    )
    if (openLinks.rows.length > 0)
      await tx.payload.jobs.queue({ task: 'cancelPayLinks', input: { invoice: id }, req: tx })
    return tx.payload.update({
      collection: 'invoices',
      id,
      data: { status: 'void', voidReason: reason.trim(), voidedBy: tx.user!.id, balanceDue: 0 },
      context: { billingSystemWrite: true },
      overrideAccess: true,
      depth: 0,
      req: tx,
    })
  })
}
