import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hasRole } from '../../../access/roles'
import { executeSql } from '../../../db/sql'
import { inRequestTransaction } from '../../../db/transaction'
import { DomainError } from '../../../lib/errors'
import type { Customer } from '../../../payload-types'
import { MANUAL_TRIGGERS } from '../types'
import { customerTemplateVariables, toConversationMessage, type ConversationMessage } from './conversation'
import { findTemplate, queueNotification, templateNeeds, type QueueNotificationInput } from './queueNotification'
import { missingVariables, type TemplateVariables } from './renderTemplate'
import { loadNotificationSettings } from './settings'

/** WhatsApp's limit on one body parameter; longer values are refused before they reach it. */
export const MAX_VARIABLE_CHARS = 1024
/** WhatsApp's limit on a text message body. */
export const MAX_REPLY_CHARS = 4096

export type ManualSendResult = {
  message: ConversationMessage
  /** The same Idempotency-Key was sent before: nothing new was queued. */
  replayed: boolean
}

/** Customer service (and admins) only: 401 for nobody, 403 for anyone else. */
export function requireCustomerService(req: PayloadRequest): void {
  if (!req.user) throw new DomainError('unauthenticated', 'Silakan masuk terlebih dahulu.')
  if (!hasRole(req.user, 'customer_service'))
    throw new DomainError('forbidden', 'Hanya layanan pelanggan dan admin yang dapat mengirim pesan ke pelanggan.')
}

/** An Idempotency-Key of 8–80 printable characters; one per filled-in form. */
export function checkIdempotencyKey(key: string | null | undefined): string {
  if (!key)
    throw new DomainError(
      'invalid',
      'Header Idempotency-Key wajib diisi, agar klik ganda tidak mengirim pesan dua kali.',
    )
  if (key.length < 8 || key.length > 80 || !/^[\x21-\x7e]+$/.test(key))
    throw new DomainError('invalid', 'Idempotency-Key harus 8–80 karakter tanpa spasi.')
  return key
}

async function customerToMessage(req: PayloadRequest, customerId: number): Promise<Customer> {
  if (!Number.isInteger(customerId) || customerId <= 0) throw new DomainError('invalid', 'Pelanggan tidak valid.')
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
    disableErrors: true,
  })
  if (!customer) throw new DomainError('not_found', 'Pelanggan tidak ditemukan.')
  return customer
}

/** The channel the message would go out on, and that the customer can be reached on it. */
async function checkReachable(req: PayloadRequest, customer: Customer, trigger: string) {
  const settings = await loadNotificationSettings(req)
  const channel = settings.trigger(trigger).channel ?? settings.defaultChannel
  if (channel === 'email' && !customer.email) throw new DomainError('invalid', 'Pelanggan belum punya alamat email.')
  if (channel !== 'email' && !customer.phone) throw new DomainError('invalid', 'Pelanggan belum punya nomor WhatsApp.')
  return channel
}

const dedupeKeyOf = (req: PayloadRequest, idempotencyKey: string) => `manual:${req.user!.id}:${idempotencyKey}`

async function messageByDedupeKey(req: PayloadRequest, dedupeKey: string): Promise<ConversationMessage> {
  const found = await req.payload.find({
    collection: 'messages',
    where: { dedupeKey: { equals: dedupeKey } },
    limit: 1,
    depth: 1,
    overrideAccess: true,
    req,
    populate: {
      'message-templates': { key: true, name: true },
      tickets: { number: true },
      users: { name: true },
    },
  })
  const doc = found.docs[0]
  if (!doc) throw new Error(`message ${dedupeKey} not found after queuing`)
  return toConversationMessage(doc)
}

/** Clears "Perlu ditangani CS" on the customer's waiting messages (also those from their number not yet linked to them); how many. */
async function clearNeedsAttention(req: PayloadRequest, customer: Customer): Promise<number> {
  const sameNumber = customer.phone ? sql` OR (customer_id IS NULL AND "to" = ${customer.phone})` : sql``
  const { rows } = await executeSql(
    req,
    sql`UPDATE messages SET needs_attention = false, updated_at = now() WHERE direction = 'in' AND needs_attention AND (customer_id = ${customer.id}${sameNumber}) RETURNING id`,
  )
  return rows.length
}

/**
 * Customer service marks the customer's waiting messages as handled without writing back (answered
 * by phone, at the counter, or nothing to answer). Doing it twice clears nothing the second time.
 */
export async function markAttentionHandled({
  req,
  customerId,
}: {
  req: PayloadRequest
  customerId: number
}): Promise<{ cleared: number }> {
  requireCustomerService(req)
  const customer = await customerToMessage(req, customerId)
  return { cleared: await clearNeedsAttention(req, customer) }
}

/**
 * Queues the message in the request's transaction, records who sent it, and clears "Perlu ditangani
 * CS" on the customer's waiting messages (someone has now answered). The same Idempotency-Key from
 * the same person returns the first message (a double click, a retry after a dropped connection).
 */
async function queueByHand(
  req: PayloadRequest,
  customer: Customer,
  input: Omit<QueueNotificationInput, 'req' | 'customerId' | 'dedupeKey'>,
  idempotencyKey: string,
): Promise<ManualSendResult> {
  const dedupeKey = dedupeKeyOf(req, idempotencyKey)
  const result = await inRequestTransaction(req, async (tx) => {
    const queued = await queueNotification({ ...input, req: tx, customerId: customer.id, dedupeKey })
    if (queued.status === 'queued') {
      await executeSql(tx, sql`UPDATE messages SET sent_by_id = ${req.user!.id} WHERE id = ${queued.messageId}`)
      await clearNeedsAttention(tx, customer)
    }
    return queued
  })
  if (result.status === 'refused') throw new DomainError('invalid', `${result.reason}.`)
  if (result.status === 'disabled')
    throw new DomainError('conflict', 'Pengiriman pesan ini dimatikan di pengaturan notifikasi.')
  return { message: await messageByDedupeKey(req, dedupeKey), replayed: result.status === 'duplicate' }
}

/** The variables as given, trimmed, keeping only those the template uses; refuses anything that is not text. */
function cleanVariables(raw: unknown, needs: string[]): TemplateVariables {
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw)))
    throw new DomainError('invalid', 'Variabel harus berupa objek, mis. {"nama": "Budi"}.')
  const given = (raw ?? {}) as Record<string, unknown>
  const variables: TemplateVariables = {}
  for (const name of needs) {
    const value = given[name]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new DomainError('invalid', `Variabel ${name} harus berupa teks.`)
    const text = String(value).trim()
    if (text.length > MAX_VARIABLE_CHARS)
      throw new DomainError('invalid', `Variabel ${name} terlalu panjang (maks. ${MAX_VARIABLE_CHARS} karakter).`)
    variables[name] = text
  }
  return variables
}

/**
 * "Kirim template" on the customer page: one template, its variables filled in by customer
 * service, queued for the customer through the normal send job (retries, fallbacks, statuses).
 * Refuses, before anything is written, a template that is not approved for WhatsApp and any
 * variable left empty, naming them.
 */
export async function sendTemplateByHand({
  req,
  customerId,
  templateKey,
  variables: rawVariables,
  idempotencyKey,
}: {
  req: PayloadRequest
  customerId: number
  templateKey: string
  variables?: unknown
  idempotencyKey: string
}): Promise<ManualSendResult> {
  requireCustomerService(req)
  checkIdempotencyKey(idempotencyKey)
  const customer = await customerToMessage(req, customerId)
  if (typeof templateKey !== 'string' || !templateKey.trim())
    throw new DomainError('invalid', 'Pilih template yang akan dikirim.')
  const template = await findTemplate(req, { key: templateKey.trim() })
  if (!template) throw new DomainError('not_found', `Template "${templateKey}" tidak ditemukan.`)
  const channel = await checkReachable(req, customer, MANUAL_TRIGGERS.template)
  const approval = (template as { approvalStatus?: string }).approvalStatus
  if (channel === 'whatsapp' && (approval !== 'approved' || !template.providerTemplateName))
    throw new DomainError('invalid', `Template "${template.name}" belum disetujui WhatsApp, jadi belum dapat dikirim.`)
  const needs = templateNeeds(template)
  const variables = cleanVariables(rawVariables, needs)
  const missing = needs.filter((name) => missingVariables(`{{${name}}}`, variables).length > 0)
  if (missing.length)
    throw new DomainError(
      'invalid',
      `Variabel template belum diisi: ${missing.join(', ')}. Lengkapi dulu sebelum mengirim.`,
    )
  return queueByHand(
    req,
    customer,
    { trigger: MANUAL_TRIGGERS.template, templateKey: template.key, variables },
    idempotencyKey,
  )
}

/**
 * "Balas" on the customer page: free text from customer service. WhatsApp delivers free text only
 * within 24 h of the customer's last message; outside it the send job sends the `cs_reply`
 * template instead (filled with what is known about the customer), inviting them to write back.
 */
export async function sendReplyByHand({
  req,
  customerId,
  text,
  idempotencyKey,
}: {
  req: PayloadRequest
  customerId: number
  text: unknown
  idempotencyKey: string
}): Promise<ManualSendResult> {
  requireCustomerService(req)
  checkIdempotencyKey(idempotencyKey)
  const customer = await customerToMessage(req, customerId)
  if (typeof text !== 'string' || !text.trim()) throw new DomainError('invalid', 'Tulis pesan balasan terlebih dahulu.')
  if (text.length > MAX_REPLY_CHARS)
    throw new DomainError('invalid', `Pesan terlalu panjang (maks. ${MAX_REPLY_CHARS} karakter).`)
  await checkReachable(req, customer, MANUAL_TRIGGERS.reply)
  const variables = await customerTemplateVariables({ req, customer })
  return queueByHand(req, customer, { trigger: MANUAL_TRIGGERS.reply, text: text.trim(), variables }, idempotencyKey)
}
