import type { PayloadRequest, RequiredDataFromCollectionSlug } from 'payload'

import { inRequestTransaction } from '../../../../db/transaction'
import { DomainError } from '../../../../lib/errors'
import { relationId } from '../../../../lib/relationId'
import type { Payment } from '../../../../payload-types'

export type RecordPaymentInput = {
  customer?: number
  invoices?: number[]
  amount: number
  method: Payment['method']
  reference?: string
  paymentDate?: string
  proof?: number
  notes?: string
}

/**
 * The key, scoped to who is asking, so one account's key never collides with another's nor with
 * the system's own keys (`gateway:…`, `whatsapp:…`), which no account can write.
 */
const scopedKey = (req: PayloadRequest, key: string) =>
  `${req.user?.collection ?? 'system'}:${req.user?.id ?? 0}:${key}`

/**
 * Records a payment for the signed-in staff member or customer, once per idempotency key: a
 * double click or a retried request with the same key gets the first payment back
 * (`replayed: true`), never a second one. The database's unique index on the key settles races.
 */
export async function recordPayment({
  req,
  input,
  idempotencyKey,
}: {
  req: PayloadRequest
  input: RecordPaymentInput
  idempotencyKey?: string
}): Promise<{ payment: Payment; replayed: boolean }> {
  const key = idempotencyKey ? scopedKey(req, idempotencyKey) : undefined
  const replay = async () => {
    if (!key) return null
    const found = await req.payload.find({
      collection: 'payments',
      where: { idempotencyKey: { equals: key } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const payment = found.docs[0]
    if (!payment) return null
    const sameCustomer = input.customer === undefined || relationId(payment.customer) === input.customer
    if (!sameCustomer || payment.amount !== input.amount)
      throw new DomainError('conflict', 'Kunci idempotensi ini sudah dipakai untuk pembayaran lain.')
    return { payment, replayed: true }
  }
  const earlier = await replay()
  if (earlier) return earlier
  try {
    const payment = await inRequestTransaction(req, (tx) =>
      tx.payload.create({
        collection: 'payments',
        // The customer is the signed-in one's own when they pay for themselves (preparePayment).
        data: input as RequiredDataFromCollectionSlug<'payments'>,
        // The key field takes no value from a request; preparePayment sets it from here.
        context: { paymentIdempotencyKey: key },
        overrideAccess: false,
        user: tx.user,
        depth: 0,
        req: tx,
      }),
    )
    return { payment, replayed: false }
  } catch (error) {
    // Lost a race with the same key: the other request's payment is the answer.
    const again = await replay()
    if (again) return again
    throw error
  }
}

/**
 * Records a payment that no person entered: a gateway settlement (`verified`, source `gateway`),
 * a transfer proof sent over WhatsApp (`pending`, source `whatsapp`), seeded history. It goes
 * through the same hooks as a payment staff record (number, period, invoice checks, and, when
 * verified, allocation and restore), with the status and source this path states. For requests
 * without a signed-in person only: staff and customers record through `recordPayment`.
 */
export async function recordSystemPayment({
  req,
  data,
  status,
  source,
}: {
  req: PayloadRequest
  data: Omit<RequiredDataFromCollectionSlug<'payments'>, 'status' | 'source' | 'verifiedAt'>
  status: 'pending' | 'verified'
  source: NonNullable<Payment['source']>
}): Promise<Payment> {
  if (req.user) throw new Error('recordSystemPayment is for system paths; people record payments with recordPayment')
  return req.payload.create({
    collection: 'payments',
    data: { ...data, status, source, ...(status === 'verified' ? { verifiedAt: new Date().toISOString() } : {}) },
    overrideAccess: true,
    depth: 0,
    req,
  })
}
