import type { Payload, Where } from 'payload'

import { wibIsoDay } from '../lib/wib'
import type {
  Invoice,
  Package,
  PackageChangeRequest,
  Payment,
  PortalNotice,
  Ticket,
  TicketComment,
} from '../payload-types'
import { hasCollection, type PortalSession } from './session'

/**
 * What the portal pages read, always as the signed-in customer (`user`, `overrideAccess: false`):
 * the collections' access rules decide what comes back, never this file. Filters on the customer
 * only narrow what the rules already allow.
 */
type Reader = PortalSession

const asCustomer = ({ user }: Reader) => ({ user, overrideAccess: false as const })

export type Incident = {
  id: number
  title: string
  status: 'open' | 'resolved'
  startedAt: string
  customerMessage?: string | null
  estimatedRestoreAt?: string | null
}

/**
 * The signed-in customer's own record as it is now (the session's copy may be a few seconds old:
 * the sign-in check is remembered briefly). The dashboard shows status and credit from this, so a
 * page rendered right after an isolir or a payment never shows the state from before it.
 */
export async function accountOf(reader: Reader): Promise<Reader['user']> {
  const found = await reader.payload.findByID({
    collection: 'customers',
    id: reader.user.id,
    depth: 0,
    joins: false,
    disableErrors: true,
    ...asCustomer(reader),
  })
  return found ? { ...reader.user, ...found, collection: 'customers' } : reader.user
}

export async function packageOf(reader: Reader): Promise<Package | null> {
  const id = typeof reader.user.package === 'object' ? reader.user.package?.id : reader.user.package
  if (!id) return null
  return reader.payload.findByID({
    collection: 'packages',
    id,
    depth: 0,
    disableErrors: true,
    ...asCustomer(reader),
  })
}

/** The fields of a document a list shows (`select`): a page that lists reads only these. */
type Fields = Record<string, true>

export async function invoicesOf(
  reader: Reader,
  { unpaidOnly = false, limit = 24, select }: { unpaidOnly?: boolean; limit?: number; select?: Fields } = {},
): Promise<Invoice[]> {
  const where: Where = unpaidOnly
    ? { status: { in: ['unpaid', 'partially_paid'] } }
    : { status: { not_equals: 'void' } }
  const found = await reader.payload.find({
    collection: 'invoices',
    where,
    sort: unpaidOnly ? 'dueDate' : '-issueDate',
    limit,
    pagination: false,
    depth: 0,
    joins: false,
    ...(select ? { select } : {}),
    ...asCustomer(reader),
  })
  return found.docs as Invoice[]
}

export async function invoiceOf(reader: Reader, id: number): Promise<Invoice | null> {
  return reader.payload.findByID({
    collection: 'invoices',
    id,
    depth: 0,
    joins: false,
    disableErrors: true,
    ...asCustomer(reader),
  })
}

export async function paymentsOf(
  reader: Reader,
  {
    invoiceId,
    status,
    limit = 20,
    select,
  }: { invoiceId?: number; status?: Payment['status']; limit?: number; select?: Fields } = {},
): Promise<Payment[]> {
  const where: Where = {}
  if (invoiceId) where.invoices = { contains: invoiceId }
  if (status) where.status = { equals: status }
  const found = await reader.payload.find({
    collection: 'payments',
    where,
    sort: '-createdAt',
    limit,
    pagination: false,
    depth: 0,
    ...(select ? { select } : {}),
    ...asCustomer(reader),
  })
  return found.docs as Payment[]
}

export async function ticketsOf(
  reader: Reader,
  { openOnly = false, limit = 20, select }: { openOnly?: boolean; limit?: number; select?: Fields } = {},
): Promise<Ticket[]> {
  const found = await reader.payload.find({
    collection: 'tickets',
    where: openOnly ? { status: { in: ['open', 'assigned', 'in_progress'] } } : {},
    sort: '-createdAt',
    limit,
    pagination: false,
    depth: 0,
    joins: false,
    ...(select ? { select } : {}),
    ...asCustomer(reader),
  })
  return found.docs as Ticket[]
}

export async function ticketOf(reader: Reader, id: number): Promise<Ticket | null> {
  // Comments are read on their own (ticketCommentsOf), not through the join.
  return reader.payload.findByID({
    collection: 'tickets',
    id,
    depth: 1,
    joins: false,
    disableErrors: true,
    ...asCustomer(reader),
  })
}

/** Open outages that affect this customer (monitoring's access rule shows a customer only those). */
export async function openIncidentsOf(reader: Reader): Promise<Incident[]> {
  if (!hasCollection(reader.payload, 'network-incidents')) return []
  const found = await (reader.payload as Payload).find({
    collection: 'network-incidents' as never,
    where: { status: { equals: 'open' } },
    sort: '-startedAt',
    limit: 3,
    pagination: false,
    depth: 0,
    joins: false,
    select: { title: true, status: true, startedAt: true, customerMessage: true, estimatedRestoreAt: true } as never,
    ...asCustomer(reader),
  })
  return found.docs as unknown as Incident[]
}

export type UsageDay = { day: string; rxBytes: number; txBytes: number }

/** The last 30 WIB days of usage (monitoring's `usage-daily`), oldest first. */
export async function usageOf(reader: Reader): Promise<UsageDay[]> {
  if (!hasCollection(reader.payload, 'usage-daily')) return []
  const since = wibIsoDay(new Date(Date.now() - 29 * 24 * 60 * 60 * 1000))
  const found = await (reader.payload as Payload).find({
    collection: 'usage-daily' as never,
    where: { day: { greater_than_equal: since } },
    sort: 'day',
    limit: 31,
    pagination: false,
    depth: 0,
    joins: false,
    select: { day: true, rxBytes: true, txBytes: true } as never,
    ...asCustomer(reader),
  })
  return (found.docs as unknown as UsageDay[]).map((d) => ({
    day: d.day,
    rxBytes: Number(d.rxBytes) || 0,
    txBytes: Number(d.txBytes) || 0,
  }))
}

/** A numeric route parameter, or null (the page then answers "not found"). */
export function idParam(value: string): number | null {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : null
}

/** The customer's package change requests, newest first (their own only: the collection's rule). */
export async function packageChangeRequestsOf(reader: Reader, { limit = 5 } = {}): Promise<PackageChangeRequest[]> {
  const found = await reader.payload.find({
    collection: 'package-change-requests',
    sort: '-createdAt',
    limit,
    depth: 1,
    ...asCustomer(reader),
  })
  return found.docs
}

/** Staff notices active now for this customer (everyone's, or their area's): the collection's rule decides. */
export async function noticesFor(reader: Reader, { limit = 3 } = {}): Promise<PortalNotice[]> {
  const found = await reader.payload.find({
    collection: 'portal-notices',
    sort: '-activeFrom',
    limit,
    pagination: false,
    depth: 0,
    select: { title: true, body: true },
    ...asCustomer(reader),
  })
  return found.docs as PortalNotice[]
}

/** The comments on one of the customer's tickets, oldest first (internal notes never reach a customer). */
export async function ticketCommentsOf(reader: Reader, ticketId: number): Promise<TicketComment[]> {
  const found = await reader.payload.find({
    collection: 'ticket-comments',
    where: { ticket: { equals: ticketId } },
    sort: 'createdAt',
    limit: 100,
    depth: 0,
    ...asCustomer(reader),
  })
  return found.docs
}
