import { APIError, type PayloadRequest, type RequestContext } from 'payload'

import { hasRole, isCustomer, isStaff } from '../../../../access/roles'
import { relationId } from '../../../../lib/relationId'
import type { Payment } from '../../../../payload-types'
import { OPEN_INVOICE_STATUSES } from '../../model'

/** A relationship value as an id: REST bodies may carry it as a string ("12"), which Payload accepts too. */
const idOf = (value: unknown): number | null => {
  const id = Number(relationId(value) ?? value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/**
 * Fills in who recorded a new payment and how far it got: a customer's own submission is pending
 * (with proof, for their own invoices); finance recording money they hold is verified at once;
 * customer service records pending payments for finance to verify. Also checks that the named
 * invoices are the customer's and still open, and notes the period and due date they belong to.
 */
export async function preparePayment({
  req,
  data,
  context,
}: {
  req: PayloadRequest
  data: Partial<Payment>
  context: RequestContext
}): Promise<Partial<Payment>> {
  const { user } = req
  data.paymentDate ??= new Date().toISOString()
  if (context.paymentIdempotencyKey) {
    // The field refuses keys from request bodies; record-payment hands its scoped key over here.
    data.idempotencyKey = context.paymentIdempotencyKey
    context.paymentIdempotencyKey = undefined
  }
  if (user && isCustomer(user)) {
    data.customer = user.id
    data.source = 'portal'
    data.status = 'pending'
    if (!data.proof)
      throw new APIError(
        'Lampirkan bukti transfer.',
        400,
        [{ path: 'proof', message: 'Bukti transfer wajib diisi' }],
        true,
      )
    if (data.method === 'cash' || data.method === 'gateway')
      throw new APIError(
        'Metode ini tidak bisa dipakai dari portal.',
        400,
        [{ path: 'method', message: 'Metode tidak diizinkan' }],
        true,
      )
  } else if (user && isStaff(user)) {
    data.processedBy = user.id
    data.source = 'admin'
    data.status = hasRole(user, 'finance') ? 'verified' : 'pending'
    if (data.status === 'verified') data.verifiedAt = new Date().toISOString()
  } else {
    // No person: a system path (recordSystemPayment) states the status and source itself.
    data.source ??= 'admin'
    data.status ??= 'pending'
    if (data.status === 'verified') data.verifiedAt ??= new Date().toISOString()
  }

  const customerId = idOf(data.customer)
  const invoiceIds = ((data.invoices ?? []) as unknown[]).map(idOf).filter((id): id is number => id !== null)
  if (customerId === null) return data
  // A customer's own writes are covered by the field itself (only uploads they may read, their own).
  if (!(user && isCustomer(user))) await checkProofBelongsToCustomer(req, data.proof, customerId)
  const invoices = invoiceIds.length
    ? await req.payload.find({
        collection: 'invoices',
        where: { id: { in: invoiceIds } },
        depth: 0,
        limit: invoiceIds.length,
        sort: 'dueDate',
        overrideAccess: true,
        req,
      })
    : await req.payload.find({
        collection: 'invoices',
        where: { customer: { equals: customerId }, status: { in: [...OPEN_INVOICE_STATUSES] } },
        depth: 0,
        limit: 1,
        sort: 'dueDate',
        overrideAccess: true,
        req,
      })
  if (invoiceIds.length) {
    const foreign =
      invoices.docs.length !== invoiceIds.length || invoices.docs.some((i) => relationId(i.customer) !== customerId)
    if (foreign)
      throw new APIError(
        'Tagihan tidak ditemukan untuk pelanggan ini.',
        400,
        [{ path: 'invoices', message: 'Tagihan bukan milik pelanggan ini' }],
        true,
      )
    if (invoices.docs.some((i) => i.status === 'void'))
      throw new APIError(
        'Tagihan yang dibatalkan tidak bisa dibayar.',
        400,
        [{ path: 'invoices', message: 'Tagihan dibatalkan' }],
        true,
      )
  }
  const first = invoices.docs[0]
  if (first) {
    data.period = first.period ?? undefined
    data.dueDate = first.dueDate
  }
  return data
}

/**
 * A transfer proof a customer uploaded is evidence of that customer's payment only: staff recording
 * a payment cannot file one customer's receipt under another (a customer cannot even name another's
 * upload: the field only takes uploads the writer may read). Staff uploads (no owner) are fine.
 */
async function checkProofBelongsToCustomer(req: PayloadRequest, proof: unknown, customerId: number) {
  const proofId = idOf(proof)
  if (proofId === null) return
  const upload = await req.payload.findByID({
    collection: 'media',
    id: proofId,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
    select: { owner: true },
  })
  const owner = upload ? relationId(upload.owner) : null
  if (owner !== null && owner !== customerId)
    throw new APIError(
      'Bukti transfer ini diunggah pelanggan lain.',
      400,
      [{ path: 'proof', message: 'Bukti transfer bukan milik pelanggan ini' }],
      true,
    )
}
