import {
  APIError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { relationId } from '../../../lib/relationId'
import type { Payment } from '../../../payload-types'
import { applyVerifiedPayment } from '../operations/payments/applyPayment'
import { preparePayment } from '../operations/payments/preparePayment'

/** A new payment gets who recorded it, its status and its period (see preparePayment). */
export const preparePaymentHook: CollectionBeforeValidateHook = ({ data, operation, req, context }) =>
  operation !== 'create' || !data || context.billingSystemWrite ? data : preparePayment({ req, data, context })

/** Money already counted stays put: the invoices of a verified or rejected payment cannot change. */
export const guardPaymentChangesHook: CollectionBeforeChangeHook = ({ data, originalDoc, operation, context }) => {
  if (operation !== 'update' || context.billingSystemWrite || !originalDoc) return data
  if (originalDoc.status !== 'pending' && data.invoices !== undefined) {
    const before = ((originalDoc.invoices ?? []) as unknown[]).map(relationId).sort().join(',')
    const after = ((data.invoices ?? []) as unknown[]).map(relationId).sort().join(',')
    if (before !== after)
      throw new APIError('Pembayaran yang sudah diproses tidak bisa dipindah ke tagihan lain.', 409, null, true)
  }
  return data
}

/** A payment that has just become verified is applied to the invoices (in the same transaction). */
export const settlePaymentHook: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req, context }) => {
  if (context.billingSystemWrite) return doc
  const becameVerified = doc.status === 'verified' && (operation === 'create' || previousDoc?.status !== 'verified')
  if (becameVerified) await applyVerifiedPayment({ req, payment: doc as Payment })
  return doc
}
