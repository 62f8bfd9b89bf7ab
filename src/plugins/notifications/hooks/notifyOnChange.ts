import type { CollectionAfterChangeHook } from 'payload'

import type { Customer, Ticket } from '../../../payload-types'
import { customerChanged, ticketChanged } from '../operations/coreTriggers'

/** Welcome message when a customer becomes active (queued in the same transaction, sent by a job). */
export const notifyCustomerChange: CollectionAfterChangeHook<Customer> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (req.context.skipNotifications) return doc
  await customerChanged({ req, previous: operation === 'create' ? undefined : previousDoc, current: doc })
  return doc
}

/** Schedule, technician, completion and status messages for tickets. */
export const notifyTicketChange: CollectionAfterChangeHook<Ticket> = async ({ doc, previousDoc, operation, req }) => {
  if (req.context.skipNotifications) return doc
  await ticketChanged({ req, previous: operation === 'create' ? undefined : previousDoc, current: doc })
  return doc
}
