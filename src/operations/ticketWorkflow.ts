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
