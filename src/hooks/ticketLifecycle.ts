import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'

import { isCustomer } from '../access/roles'
import { recordServiceEvent } from '../operations/recordServiceEvent'
import { canTransition, STATUS_LABELS_ID, type TicketStatus } from '../operations/ticketWorkflow'

const relId = (value: unknown): number | null =>
  value && typeof value === 'object' ? ((value as { id?: number }).id ?? null) : typeof value === 'number' ? value : null

/** A customer opens tickets for themself only, and always as a new ticket. */
export const ownTicketForCustomer: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (operation === 'create' && data && req.user && isCustomer(req.user)) {
    data.customer = req.user.id
    data.status = 'open'
  }
  return data
}

/**
 * Enforces the status workflow, moves an open ticket to "assigned" when a technician is set,
 * stamps resolution time, accepts a rating only on a finished ticket, and writes each status
 * change into the ticket's timeline.
 */
export const enforceTicketWorkflow: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req }) => {
  const before = (originalDoc?.status ?? 'open') as TicketStatus
  const technicianAfter = data.assignedTechnician !== undefined ? relId(data.assignedTechnician) : relId(originalDoc?.assignedTechnician)
  let after = (data.status ?? before) as TicketStatus
  if (after === 'open' && technicianAfter !== null && (operation === 'create' || relId(originalDoc?.assignedTechnician) !== technicianAfter)) {
    after = 'assigned'
  }
  if (operation === 'update' && !canTransition(before, after)) {
    throw new ValidationError({
      errors: [{ path: 'status', message: `Status tiket tidak bisa berpindah dari "${STATUS_LABELS_ID[before]}" ke "${STATUS_LABELS_ID[after]}" / Invalid ticket status change` }],
    })
  }
  if (after === 'assigned' && technicianAfter === null) {
    throw new ValidationError({ errors: [{ path: 'assignedTechnician', message: 'Pilih teknisi terlebih dahulu / Assign a technician first' }] })
  }
  const rating = data.rating ?? null
  if (rating !== null && rating !== originalDoc?.rating && !['resolved', 'closed'].includes(after)) {
    throw new ValidationError({ errors: [{ path: 'rating', message: 'Penilaian hanya untuk tiket yang sudah selesai / Only finished tickets can be rated' }] })
  }
  data.status = after
  if (after !== before || operation === 'create') {
    if (after === 'resolved') data.resolvedAt = new Date().toISOString()
    const timeline = [...((data.timeline ?? originalDoc?.timeline ?? []) as object[])]
    timeline.push({
      at: new Date().toISOString(),
      authorName: (req.user as { name?: string; username?: string } | null)?.name ?? 'Sistem',
      note: operation === 'create' ? `Tiket dibuat (${STATUS_LABELS_ID[after]})` : `Status: ${STATUS_LABELS_ID[before]} → ${STATUS_LABELS_ID[after]}`,
    })
    data.timeline = timeline
  }
  return data
}

/** A resolved ticket becomes part of the customer's service history. */
export const recordTicketResolution: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (doc.status === 'resolved' && previousDoc?.status !== 'resolved') {
    await recordServiceEvent({
      req,
      event: { customer: relId(doc.customer)!, type: 'ticket_resolved', summary: `Tiket ${doc.number} selesai: ${doc.subject}`, ticket: doc.id },
    })
  }
  return doc
}
