import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { hasRole } from '../../../../access/roles'
import { executeSql } from '../../../../db/sql'
import { inRequestTransaction } from '../../../../db/transaction'
import { DomainError } from '../../../../lib/errors'
import type { Payment } from '../../../../payload-types'
import { notifyPaymentRejected } from '../billingNotices'

async function lockPending(req: PayloadRequest, id: number): Promise<Payment['status'] | null> {
  const { rows } = await executeSql(req, sql`SELECT status FROM payments WHERE id = ${id} FOR UPDATE`)
  return (rows[0]?.status as Payment['status'] | undefined) ?? null
}

/**
 * Finance verifies a pending payment: the money is applied to the invoices (and may restore the
 * customer) in the same transaction. Verifying twice is harmless: the row lock makes the second
 * click wait, then see it done.
 */
export async function verifyPayment({
  req,
  id,
}: {
  req: PayloadRequest
  id: number
}): Promise<{ payment: Payment; alreadyVerified: boolean }> {
  if (!hasRole(req.user, 'finance'))
    throw new DomainError('forbidden', 'Hanya bagian keuangan yang dapat memverifikasi pembayaran.')
  return inRequestTransaction(req, async (tx) => {
    const status = await lockPending(tx, id)
    if (status === null) throw new DomainError('not_found', 'Pembayaran tidak ditemukan.')
    if (status === 'rejected') throw new DomainError('conflict', 'Pembayaran ini sudah ditolak.')
    if (status === 'verified')
      return {
        payment: await tx.payload.findByID({ collection: 'payments', id, depth: 0, overrideAccess: true, req: tx }),
        alreadyVerified: true,
      }
    const payment = await tx.payload.update({
      collection: 'payments',
      id,
      data: { status: 'verified', processedBy: tx.user!.id, verifiedAt: new Date().toISOString() },
      overrideAccess: true,
      depth: 0,
      req: tx,
    })
    return { payment, alreadyVerified: false }
  })
}

/** Finance rejects a pending payment with a reason the customer will read (sent to them as payment_rejected). */
export async function rejectPayment({
  req,
  id,
  reason,
}: {
  req: PayloadRequest
  id: number
  reason: unknown
}): Promise<Payment> {
  if (!hasRole(req.user, 'finance'))
    throw new DomainError('forbidden', 'Hanya bagian keuangan yang dapat menolak pembayaran.')
  if (typeof reason !== 'string' || reason.trim().length < 3 || reason.length > 300)
    throw new DomainError('invalid', 'Tulis alasan penolakan (3–300 karakter).')
  return inRequestTransaction(req, async (tx) => {
    const status = await lockPending(tx, id)
    if (status === null) throw new DomainError('not_found', 'Pembayaran tidak ditemukan.')
    if (status !== 'pending')
      throw new DomainError(
        'conflict',
        status === 'verified' ? 'Pembayaran ini sudah diverifikasi.' : 'Pembayaran ini sudah ditolak.',
      )
    const payment = await tx.payload.update({
      collection: 'payments',
      id,
      data: { status: 'rejected', rejectionReason: reason.trim(), processedBy: tx.user!.id },
      overrideAccess: true,
      depth: 0,
      req: tx,
    })
    await notifyPaymentRejected({ req: tx, payment })
    return payment
  })
}
