import type { PayloadRequest } from 'payload'

import { requireRole } from '../../../../access/requireRole'
import { hasRole } from '../../../../access/roles'
import { inRequestTransaction } from '../../../../db/transaction'
import { DomainError } from '../../../../lib/errors'

/** Tickets per bulk assignment. */
export const BULK_ASSIGN_MAX = 200

/**
 * Assigns the selected tickets to one technician, all or none: every ticket goes through the same
 * update (and workflow: an open ticket becomes "Ditugaskan", the technician is notified) as
 * assigning it on its own page, in one transaction. Finished tickets are refused by number.
 */
export async function assignTicketsToTechnician({
  req,
  ticketIds,
  technicianId,
}: {
  req: PayloadRequest
  ticketIds: number[]
  technicianId: number
}): Promise<{ assigned: number }> {
  requireRole(req, ['customer_service'], 'Hanya layanan pelanggan dan admin yang dapat menugaskan tiket.')
  const ids = [...new Set(ticketIds)]
  if (!ids.length) throw new DomainError('invalid', 'Pilih minimal satu tiket.')
  if (ids.length > BULK_ASSIGN_MAX) throw new DomainError('invalid', `Maksimal ${BULK_ASSIGN_MAX} tiket sekaligus.`)
  const technician = await req.payload.findByID({
    collection: 'users',
    id: technicianId,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  if (!technician || !hasRole({ ...technician, collection: 'users' }, 'technician') || technician.role !== 'technician')
    throw new DomainError('invalid', 'Pilih staf dengan peran Teknisi.')
  const found = await req.payload.find({
    collection: 'tickets',
    where: { id: { in: ids } },
    limit: ids.length,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const missing = ids.filter((id) => !found.docs.some((t) => t.id === id))
  if (missing.length) throw new DomainError('not_found', `Tiket tidak ditemukan: ${missing.join(', ')}.`)
  const finished = found.docs.filter((t) => t.status === 'resolved' || t.status === 'closed')
  if (finished.length)
    throw new DomainError(
      'invalid',
      `Tiket yang sudah selesai tidak bisa ditugaskan: ${finished.map((t) => t.number ?? t.id).join(', ')}.`,
    )
  await inRequestTransaction(req, async (txReq) => {
    for (const id of ids)
      await req.payload.update({
        collection: 'tickets',
        id,
        data: { assignedTechnician: technicianId },
        overrideAccess: false,
        user: req.user,
        req: txReq,
      })
  })
  return { assigned: ids.length }
}
