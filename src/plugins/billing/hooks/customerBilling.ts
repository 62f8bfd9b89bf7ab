import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { queueNetworkAction } from '../operations/isolir/networkActions'
import { proratePackageChange, prorateTermination } from '../operations/invoices/midMonthChanges'

/** Notes who suspended a customer and when; clears both when service comes back. */
const markSuspension: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  const before = operation === 'create' ? undefined : originalDoc?.status
  if (data.status === undefined || data.status === before) return data
  if (data.status === 'suspended') {
    // Billing's isolir run writes 'billing' itself (in SQL); a suspension through the API is by hand.
    data.suspensionSource = 'manual'
    data.suspendedAt = new Date().toISOString()
  } else if (before === 'suspended') {
    data.suspensionSource = null
    data.suspendedAt = null
  }
  return data
}

/**
 * Any isolir or restore, by billing or by staff, reaches the router: the change queues a network
 * action in the same transaction. Also prorates a mid-month package change onto the next invoice,
 * and a mid-month termination back to the customer.
 */
const enforceOnNetwork: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req, context }) => {
  if (operation !== 'update') return doc
  const reason = context.networkActionReason ?? (req.user ? 'Diubah oleh staf' : 'Sistem')
  if (doc.status === 'suspended' && previousDoc.status !== 'suspended')
    await queueNetworkAction({ req, customerId: doc.id, action: 'suspend', reason })
  else if (previousDoc.status === 'suspended' && doc.status === 'active')
    await queueNetworkAction({ req, customerId: doc.id, action: 'restore', reason })
  await proratePackageChange({ req, previous: previousDoc, current: doc })
  await prorateTermination({ req, previous: previousDoc, current: doc })
  return doc
}

export const customerBillingHooks = { beforeChange: [markSuspension], afterChange: [enforceOnNetwork] }
