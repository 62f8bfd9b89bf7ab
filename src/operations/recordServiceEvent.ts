import type { PayloadRequest } from 'payload'

import type { ServiceEventType } from '../collections/ServiceHistory'

export type ServiceEvent = {
  customer: number
  type: ServiceEventType
  summary: string
  ticket?: number
  equipment?: number
  details?: Record<string, unknown>
}

/**
 * Appends an entry to a customer's service history, in the caller's transaction (history commits
 * or rolls back with the change it describes). The acting staff member, if any, is recorded.
 */
export async function recordServiceEvent({
  req,
  event,
  at = new Date(),
}: {
  req: PayloadRequest
  event: ServiceEvent
  at?: Date
}) {
  return req.payload.create({
    collection: 'service-history',
    data: {
      ...event,
      occurredAt: at.toISOString(),
      actor: req.user?.collection === 'users' ? req.user.id : undefined,
    },
    overrideAccess: true,
    req,
  })
}
