import type { PayloadRequest, Where } from 'payload'

import { relationId } from '../../../lib/relationId'
import { formatWib } from '../../../lib/wib'
import { STATUS_LABELS_ID, type TicketStatus } from '../../../operations/ticketWorkflow'
import type { Customer, Message } from '../../../payload-types'
import { type Channel, type MessageStatus, STAFF_TRIGGER_NAMES, type VariableProvider } from '../types'
import { templateNeeds } from './queueNotification'

/** How long after the customer's last message free text may still be sent (WhatsApp's rule). */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000

const providers: VariableProvider[] = []

/** Adds a source of prefilled template variables; the same name again replaces it. */
export function registerVariableProvider(provider: VariableProvider): void {
  const at = providers.findIndex((p) => p.name === provider.name)
  if (at >= 0) providers[at] = provider
  else providers.push(provider)
}

/** What the core knows about a customer: name, number, address, package, and their latest open ticket. */
const coreVariables: VariableProvider = {
  name: 'core',
  variables: async ({ req, customer }) => {
    const vars: Record<string, string> = { nama: customer.name, nomor_pelanggan: customer.number ?? '' }
    if (customer.address) vars.alamat = customer.address
    const packageId = relationId(customer.package)
    if (packageId) {
      const pkg = await req.payload.findByID({
        collection: 'packages',
        id: packageId,
        depth: 0,
        overrideAccess: true,
        req,
        disableErrors: true,
        select: { name: true },
      })
      if (pkg?.name) vars.paket = pkg.name
    }
    const tickets = await req.payload.find({
      collection: 'tickets',
      where: { customer: { equals: customer.id }, status: { not_in: ['closed'] } },
      sort: '-updatedAt',
      limit: 1,
      depth: 1,
      overrideAccess: true,
      req,
    })
    const ticket = tickets.docs[0]
    if (ticket) {
      vars.nomor_tiket = ticket.number ?? String(ticket.id)
      vars.judul = ticket.subject
      vars.status = STATUS_LABELS_ID[ticket.status as TicketStatus] ?? ticket.status
      const technician = ticket.assignedTechnician
      if (technician && typeof technician === 'object' && 'name' in technician && technician.name)
        vars.teknisi = technician.name
      if (ticket.scheduledAt) vars.jadwal = formatWib(ticket.scheduledAt)
    }
    return vars
  },
}

/** Every variable known about the customer (non-empty values only), for the "send a template" form. */
export async function customerTemplateVariables({
  req,
  customer,
}: {
  req: PayloadRequest
  customer: Customer
}): Promise<Record<string, string>> {
  const known: Record<string, string> = {}
  for (const provider of [coreVariables, ...providers]) {
    for (const [name, value] of Object.entries(await provider.variables({ req, customer })))
      if (value?.trim() && known[name] === undefined) known[name] = value.trim()
  }
  return known
}

export type ConversationMessage = {
  id: number
  direction: 'in' | 'out'
  channel: Channel
  status: MessageStatus
  kind: string
  body: string | null
  trigger: string | null
  template: { id: number; key: string; name: string } | null
  errorCode: number | null
  errorReason: string | null
  needsAttention: boolean
  ticket: { id: number; number: string } | null
  sentBy: { id: number; name: string } | null
  /** When it happened: an inbound message's own time, else when it was queued. */
  at: string
  createdAt: string
  sentAt: string | null
  deliveredAt: string | null
  readAt: string | null
  failedAt: string | null
  scheduledFor: string | null
}

export type ConversationTemplate = {
  id: number
  key: string
  name: string
  body: string
  language: string
  approvalStatus: string
  providerTemplateName: string | null
  needs: string[]
}

export type Conversation = {
  customer: { id: number; name: string; number: string | null; phone: string | null; email: string | null }
  /** Oldest first, like a chat; at most `limit` (the latest ones). */
  messages: ConversationMessage[]
  /** More messages exist before the first one listed. */
  truncated: boolean
  /** Inbound messages still waiting for customer service. */
  needsAttention: number
  /** The customer's last WhatsApp message; free text is deliverable until 24 h after it. */
  lastInboundAt: string | null
  windowOpen: boolean
  /** Templates staff can pick, with the variables each needs. */
  templates: ConversationTemplate[]
  /** Values known about the customer, to prefill those variables. */
  knownVariables: Record<string, string>
}

const populated = <T extends object>(value: unknown, keys: (keyof T)[]): T | null =>
  value && typeof value === 'object' && keys.every((k) => k in value) ? (value as T) : null

export function toConversationMessage(doc: Message): ConversationMessage {
  const template = populated<{ id: number; key: string; name: string }>(doc.template, ['id', 'key', 'name'])
  const ticket = populated<{ id: number; number: string }>(doc.ticket, ['id', 'number'])
  const sentBy = populated<{ id: number; name: string }>(doc.sentBy, ['id', 'name'])
  return {
    id: doc.id,
    direction: doc.direction,
    channel: doc.channel,
    status: doc.status,
    kind: doc.kind,
    body: doc.body ?? null,
    trigger: doc.trigger ?? null,
    template: template && { id: template.id, key: template.key, name: template.name },
    errorCode: doc.errorCode ?? null,
    errorReason: doc.errorReason ?? null,
    needsAttention: doc.needsAttention === true,
    ticket: ticket && { id: ticket.id, number: ticket.number },
    sentBy: sentBy && { id: sentBy.id, name: sentBy.name },
    at: (doc.direction === 'in' ? doc.sentAt : null) ?? doc.createdAt,
    createdAt: doc.createdAt,
    sentAt: doc.sentAt ?? null,
    deliveredAt: doc.deliveredAt ?? null,
    readAt: doc.readAt ?? null,
    failedAt: doc.failedAt ?? null,
    scheduledFor: doc.scheduledFor ?? null,
  }
}

/** The customer's messages, and a number's messages from before it was known to be theirs. */
export const conversationWhere = (customer: Pick<Customer, 'id' | 'phone'>): Where =>
  customer.phone
    ? {
        or: [
          { customer: { equals: customer.id } },
          { and: [{ customer: { exists: false } }, { to: { equals: customer.phone } }] },
        ],
      }
    : { customer: { equals: customer.id } }

/**
 * One customer's WhatsApp and email conversation for the customer page: messages in and out with
 * their delivery status, whether the 24 h window is open, and the templates staff may send with
 * the variables already known. Reads as the signed-in user (`overrideAccess: false`).
 */
export async function customerConversation({
  req,
  customerId,
  limit = 200,
  now = new Date(),
}: {
  req: PayloadRequest
  customerId: number
  limit?: number
  now?: Date
}): Promise<Conversation | null> {
  const { payload } = req
  const customer = await payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
    disableErrors: true,
  })
  if (!customer) return null
  const where = conversationWhere(customer)
  const found = await payload.find({
    collection: 'messages',
    where,
    sort: '-createdAt',
    limit,
    depth: 1,
    overrideAccess: false,
    user: req.user,
    req,
    populate: {
      'message-templates': { key: true, name: true },
      tickets: { number: true },
      users: { name: true },
    },
  })
  const messages = found.docs.map(toConversationMessage).reverse()
  const [lastIn, attention, templates] = await Promise.all([
    payload.find({
      collection: 'messages',
      where: { and: [where, { direction: { equals: 'in' } }, { channel: { equals: 'whatsapp' } }] },
      sort: '-createdAt',
      limit: 1,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    }),
    payload.count({
      collection: 'messages',
      where: { and: [where, { direction: { equals: 'in' } }, { needsAttention: { equals: true } }] },
      overrideAccess: false,
      user: req.user,
      req,
    }),
    payload.find({
      collection: 'message-templates',
      // Templates written for staff (a technician's job, alerts) are not for writing to a customer.
      where: { key: { not_in: [...STAFF_TRIGGER_NAMES] } },
      sort: 'name',
      limit: 200,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    }),
  ])
  const last = lastIn.docs[0]
  const lastInboundAt = last ? (last.sentAt ?? last.createdAt) : null
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      number: customer.number ?? null,
      phone: customer.phone ?? null,
      email: customer.email ?? null,
    },
    messages,
    truncated: found.totalDocs > messages.length,
    needsAttention: attention.totalDocs,
    lastInboundAt,
    windowOpen: lastInboundAt !== null && now.getTime() - Date.parse(lastInboundAt) < CUSTOMER_SERVICE_WINDOW_MS,
    templates: templates.docs.map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      body: t.body,
      language: t.language,
      approvalStatus: t.approvalStatus,
      providerTemplateName: t.providerTemplateName ?? null,
      needs: templateNeeds(t),
    })),
    knownVariables: await customerTemplateVariables({ req, customer }),
  }
}
