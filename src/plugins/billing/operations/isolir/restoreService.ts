import type { PayloadRequest } from 'payload'

import { notifyServiceRestored } from '../billingNotices'
import { wibDay } from '../calendar'
import { isOverdue } from './overdue'
import { billingSettings } from '../settings'

/**
 * Lifts an isolir that billing imposed, at once, when the customer no longer owes anything past
 * the grace period (the same rule that suspended them, so the nightly run will not suspend them
 * again). A suspension staff made by hand stays. The customer update records the restore in
 * service history and queues the router work (see customerBilling hooks), and the restore notice
 * is queued, all in this transaction.
 */
export async function restoreIfSettled({
  req,
  customerId,
}: {
  req: PayloadRequest
  customerId: number
}): Promise<boolean> {
  const { payload } = req
  const customer = await payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: true,
    req,
    select: { status: true, suspensionSource: true, suspendedAt: true },
  })
  if (customer.status !== 'suspended' || customer.suspensionSource !== 'billing') return false
  const settings = await billingSettings(payload, req)
  if (await isOverdue({ req, customerId, day: wibDay(), graceDays: settings.graceDays ?? 7 })) return false
  await payload.update({
    collection: 'customers',
    id: customerId,
    data: { status: 'active' },
    context: { networkActionReason: 'Tagihan lunas' },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await notifyServiceRestored({ req, customerId, suspendedAt: customer.suspendedAt })
  return true
}
