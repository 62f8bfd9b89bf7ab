import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeValidateHook } from 'payload'

import { isCustomer } from '../access/roles'
import { recordServiceEvent } from '../operations/recordServiceEvent'
import { relationId } from '../lib/relationId'
import { applyTicketWorkflow } from '../operations/ticketWorkflow'

/** A customer opens tickets for themself only, and always as a new ticket. */
export const ownTicketForCustomer: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (operation === 'create' && data && req.user && isCustomer(req.user)) {
    data.customer = req.user.id
    data.status = 'open'
  }
  return data
}

/** Keeps tickets on their workflow (see applyTicketWorkflow). */
export const enforceTicketWorkflow: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) =>
  applyTicketWorkflow({
    data,
    original: originalDoc,
    operation: operation === 'create' ? 'create' : 'update',
    actorName: (req.user as { name?: string } | null)?.name ?? 'Sistem',
  })

/** A resolved ticket becomes part of the customer's service history. */
export const recordTicketResolution: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (doc.status === 'resolved' && previousDoc?.status !== 'resolved') {
    await recordServiceEvent({
      req,
      event: {
        customer: relationId(doc.customer)!,
        type: 'ticket_resolved',
        summary: `Tiket ${doc.number} selesai: ${doc.subject}`,
        ticket: doc.id,
      },
    })
  }
  return doc
}
