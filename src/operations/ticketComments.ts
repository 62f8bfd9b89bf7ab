import type { PayloadRequest } from 'payload'

import { isCustomer } from '../access/roles'
import { DomainError } from '../lib/errors'
import { relationId } from '../lib/relationId'

/**
 * A new comment on a ticket: only on a ticket the writer may read (a customer their own, a
 * technician one assigned to them), signed with who wrote it; customers never write internal notes.
 */
export async function prepareTicketComment({
  req,
  data,
}: {
  req: PayloadRequest
  data: Record<string, unknown>
}): Promise<Record<string, unknown>> {
  const ticketId = relationId(data.ticket)
  const body = typeof data.body === 'string' ? data.body.trim() : ''
  if (!body) throw new DomainError('invalid', 'Tulis komentar Anda terlebih dahulu.')
  if (!ticketId) throw new DomainError('invalid', 'Pilih tiket yang dikomentari.')
  if (req.user) {
    const ticket = await req.payload.findByID({
      collection: 'tickets',
      id: ticketId,
      depth: 0,
      joins: false,
      user: req.user,
      overrideAccess: false,
      disableErrors: true,
      req,
    })
    if (!ticket) throw new DomainError('not_found', 'Tiket tidak ditemukan.')
  }
  const user = req.user as { id: number; name?: string | null; collection?: string } | null
  const customer = user && isCustomer(req.user)
  return {
    ...data,
    body,
    ticket: ticketId,
    internal: customer ? false : Boolean(data.internal),
    authorCustomer: customer ? user.id : null,
    authorUser: user && !customer ? user.id : null,
    authorName: user?.name ?? 'Sistem',
  }
}
