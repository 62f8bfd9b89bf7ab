import type { PayloadRequest } from 'payload'

/**
 * The ids of the customers behind the tickets assigned to a technician. Cached on the request,
 * since one request can check access several times (list, then populate relationships).
 */
export async function technicianCustomerIds(req: PayloadRequest): Promise<number[]> {
  const cached = req.context.technicianCustomerIds
  if (cached) return cached
  const tickets = await req.payload.find({
    collection: 'tickets',
    where: { assignedTechnician: { equals: req.user!.id } },
    select: { customer: true },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const ids = [
    ...new Set(tickets.docs.map((t) => (typeof t.customer === 'object' ? t.customer.id : t.customer))),
  ].filter((id): id is number => typeof id === 'number')
  req.context.technicianCustomerIds = ids
  return ids
}
