import { ValidationError } from 'payload'

import { relationId } from '../lib/relationId'

export const TICKET_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** The ticket lifecycle: open → assigned → in progress → resolved → closed, with reopen. */
const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  open: ['assigned', 'closed'],
  assigned: ['in_progress', 'open', 'closed'],
  in_progress: ['resolved', 'assigned'],
  resolved: ['closed', 'open'],
  closed: ['open'],
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to)
}

export const STATUS_LABELS_ID: Record<TicketStatus, string> = {
  open: 'Baru',
  assigned: 'Ditugaskan',
  in_progress: 'Dikerjakan',
  resolved: 'Selesai',
  closed: 'Ditutup',
}

type TicketState = {
  status?: string | null
  assignedTechnician?: unknown
  rating?: number | null
  timeline?: unknown[] | null
}

const invalid = (path: string, message: string) => new ValidationError({ errors: [{ path, message }] })

/**
 * Applies the ticket workflow to the data of a create or update: an open ticket given a technician
 * becomes "assigned"; status changes must follow the lifecycle; "assigned" needs a technician; a
 * rating only on a finished ticket; a resolved ticket gets its resolution time; every status change
 * is written into the timeline. Returns the data to store; throws a ValidationError otherwise.
 */
export function applyTicketWorkflow<T extends Record<string, unknown>>({
  data,
  original,
  operation,
  actorName,
  now = new Date(),
}: {
  data: T
  original?: TicketState
  operation: 'create' | 'update'
  actorName: string
  now?: Date
}): T & { status: TicketStatus; resolvedAt?: string; timeline?: object[] } {
  const before = (original?.status ?? 'open') as TicketStatus
  const technicianAfter =
    data.assignedTechnician !== undefined
      ? relationId(data.assignedTechnician)
      : relationId(original?.assignedTechnician)
  let after = ((data.status as TicketStatus | undefined) ?? before) as TicketStatus
  if (
    after === 'open' &&
    technicianAfter !== null &&
    (operation === 'create' || relationId(original?.assignedTechnician) !== technicianAfter)
  ) {
    after = 'assigned'
  }
  if (operation === 'update' && !canTransition(before, after)) {
    throw invalid(
      'status',
      `Status tiket tidak bisa berpindah dari "${STATUS_LABELS_ID[before]}" ke "${STATUS_LABELS_ID[after]}" / Invalid ticket status change`,
    )
  }
  if (after === 'assigned' && technicianAfter === null)
    throw invalid('assignedTechnician', 'Pilih teknisi terlebih dahulu / Assign a technician first')
  const rating = (data.rating as number | null | undefined) ?? null
  if (rating !== null && rating !== original?.rating && after !== 'resolved' && after !== 'closed') {
    throw invalid('rating', 'Penilaian hanya untuk tiket yang sudah selesai / Only finished tickets can be rated')
  }
  const result: Record<string, unknown> = { ...data, status: after }
  if (after !== before || operation === 'create') {
    if (after === 'resolved') result.resolvedAt = now.toISOString()
    result.timeline = [
      ...((data.timeline ?? original?.timeline ?? []) as object[]),
      {
        at: now.toISOString(),
        authorName: actorName,
        note:
          operation === 'create'
            ? `Tiket dibuat (${STATUS_LABELS_ID[after]})`
            : `Status: ${STATUS_LABELS_ID[before]} → ${STATUS_LABELS_ID[after]}`,
      },
    ]
  }
  return result as T & { status: TicketStatus; resolvedAt?: string; timeline?: object[] }
}
