import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'
import { logger } from '../../../lib/logger'
import type { MessageTemplate } from '../../../payload-types'
import type { InteractiveMessage } from '../channels/whatsapp'
import { preferenceChannelOf, preferenceFieldName, preferenceKindOf } from '../preferences'
import type { Channel } from '../types'
import { missingVariables, renderTemplate, templateVariables, type TemplateVariables } from './renderTemplate'
import { loadNotificationSettings } from './settings'

/** Interactive content stored on a message: reply buttons or a list, without the recipient. */
export type InteractiveContent =
  | Omit<Extract<InteractiveMessage, { kind: 'buttons' }>, 'to'>
  | Omit<Extract<InteractiveMessage, { kind: 'list' }>, 'to'>

export type QueueNotificationInput = {
  /** Defaults to `req.payload`. */
  payload?: Payload
  /** Pass the request (hook, endpoint, task) so the message row and its job commit with the change that caused them. */
  req: PayloadRequest
  /** The trigger: switches it on/off in the settings and picks the template (key = trigger unless the settings say otherwise). */
  trigger: string
  /** The recipient customer (phone, email). */
  customerId?: number | null
  /** Or a staff member (a technician): their phone and email. */
  staffUserId?: number | null
  /** Or a bare WhatsApp number (`628…`), e.g. a reply to an unknown sender. */
  to?: string
  /** Template variables, by name (`{ nama: 'Budi' }`). */
  variables?: TemplateVariables
  /** One logical message, one key: queuing the same key again does nothing (`welcome:customer:42`). */
  dedupeKey: string
  /** Free text instead of a template (only deliverable inside the 24 h window; the template is the fallback). */
  text?: string
  /** Reply buttons or a list (inside the 24 h window; the template is the fallback). */
  interactive?: InteractiveContent
  /** A template other than the trigger's. */
  templateKey?: string
  /** Overrides the settings' channel. */
  channel?: Channel
  /** Send no earlier than this (pacing large runs, sending at office hours). */
  notBefore?: Date
  /** The row this one replaces (an email after WhatsApp failed). */
  fallbackOf?: number
}

export type QueueNotificationResult =
  | { status: 'queued'; messageId: number }
  /** A message with this dedupe key exists already; nothing new queued. */
  | { status: 'duplicate' }
  /** The trigger is switched off in the settings, or the customer chose not to get its kind on that channel. */
  | { status: 'disabled' }
  /** Not sendable (missing variables, no template, no recipient address): logged as failed, not queued. */
  | { status: 'refused'; reason: string; missing?: string[]; messageId?: number }

type Recipient = { to: string | null; email: string | null; preferences: Record<string, unknown> | null }

async function recipientOf(req: PayloadRequest, input: QueueNotificationInput): Promise<Recipient> {
  if (input.customerId) {
    const c = await req.payload.findByID({
      collection: 'customers',
      id: input.customerId,
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
      select: { phone: true, email: true, notificationPreferences: true },
    })
    return {
      to: c?.phone ?? null,
      email: c?.email ?? null,
      preferences: (c?.notificationPreferences ?? null) as Record<string, unknown> | null,
    }
  }
  if (input.staffUserId) {
    const u = await req.payload.findByID({
      collection: 'users',
      id: input.staffUserId,
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
      select: { phone: true, email: true },
    })
    return { to: u?.phone ?? null, email: u?.email ?? null, preferences: null }
  }
  return { to: input.to ?? null, email: null, preferences: null }
}

/** Whether the customer's preferences let a message of this trigger go on this channel (essential ones always go). */
export function customerWants(preferences: Record<string, unknown> | null, trigger: string, channel: Channel): boolean {
  const kind = preferenceKindOf(trigger)
  if (!kind) return true
  const value = preferences?.[preferenceFieldName(kind.kind, preferenceChannelOf(channel))]
  return typeof value === 'boolean' ? value : kind.defaultOn
}

export async function findTemplate(
  req: PayloadRequest,
  by: { id?: number | null; key?: string },
): Promise<MessageTemplate | null> {
  if (by.id)
    return req.payload.findByID({
      collection: 'message-templates',
      id: by.id,
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
    })
  const found = await req.payload.find({
    collection: 'message-templates',
    where: { key: { equals: by.key } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return found.docs[0] ?? null
}

/** Every variable a template needs: its body's and its buttons' (payloads, link suffixes). */
export function templateNeeds(template: Pick<MessageTemplate, 'body' | 'buttons'>): string[] {
  return templateVariables(template.body, ...(template.buttons ?? []).flatMap((b) => [b.payload, b.urlSuffix]))
}

/**
 * Queues one outgoing message: writes its row (once per dedupe key: `ON CONFLICT DO NOTHING`) and
 * the job that sends it, in the caller's transaction. Refuses, with a failed row for the record, a
 * message whose template variables are not all filled in.
 */
export async function queueNotification(input: QueueNotificationInput): Promise<QueueNotificationResult> {
  const { req } = input
  const settings = await loadNotificationSettings(req)
  const trigger = settings.trigger(input.trigger)
  if (!trigger.enabled) return { status: 'disabled' }

  const recipient = await recipientOf(req, input)
  let template = await findTemplate(
    req,
    input.templateKey
      ? { key: input.templateKey }
      : trigger.templateId
        ? { id: trigger.templateId }
        : { key: input.trigger },
  )
  const channel: Channel = input.channel ?? trigger.channel ?? settings.defaultChannel
  if (input.customerId && !customerWants(recipient.preferences, input.trigger, channel)) return { status: 'disabled' }
  const variables = input.variables ?? {}

  let refusal: { reason: string; missing?: string[] } | null = null
  let body = input.text ?? input.interactive?.body ?? null
  const unfilled = (t: MessageTemplate) =>
    templateNeeds(t).filter((name) => missingVariables(`{{${name}}}`, variables).length > 0)
  // With free text the template is only the fallback outside the 24 h window: kept when it can be filled.
  if (body && template && unfilled(template).length) template = null
  // No template for this trigger (none written yet): nothing to send and nothing worth a log row.
  if (!template && !body)
    return { status: 'refused', reason: `Tidak ada template "${input.templateKey ?? input.trigger}"` }
  if (template) {
    const missing = unfilled(template)
    if (missing.length) refusal = { reason: `Variabel template belum diisi: ${missing.join(', ')}`, missing }
    else body ??= renderTemplate(template.body, variables)
  }
  if (!refusal && channel !== 'email' && !recipient.to) refusal = { reason: 'Penerima tidak punya nomor WhatsApp' }
  if (!refusal && channel === 'email' && !recipient.email) refusal = { reason: 'Penerima tidak punya alamat email' }

  const kind = input.interactive ? 'interactive' : input.text ? 'text' : 'template'
  const status = refusal ? 'failed' : 'queued'
  const now = new Date().toISOString()
  const { rows } = await executeSql(
    req,
    sql`INSERT INTO messages (customer_id, staff_recipient_id, direction, channel, status, "to", trigger, template_id, kind, variables, interactive, body,
          dedupe_key, error_reason, attempts, needs_attention, fallback_of_id, failed_at, scheduled_for, created_at, updated_at)
        VALUES (${input.customerId ?? null}, ${input.staffUserId ?? null}, 'out', ${channel}, ${status}, ${channel === 'email' ? recipient.email : recipient.to},
          ${input.trigger}, ${template?.id ?? null}, ${kind}, ${JSON.stringify(variables)}::jsonb,
          ${input.interactive ? JSON.stringify(input.interactive) : null}::jsonb, ${body}, ${input.dedupeKey}, ${refusal?.reason ?? null}, 0, false,
          ${input.fallbackOf ?? null}, ${refusal ? now : null}, ${input.notBefore?.toISOString() ?? null}, ${now}, ${now})
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id`,
  )
  const messageId = rows[0]?.id as number | undefined
  if (messageId === undefined) return { status: 'duplicate' }
  if (refusal) {
    logger.warn({ trigger: input.trigger, dedupeKey: input.dedupeKey, reason: refusal.reason }, 'notification refused')
    return { status: 'refused', ...refusal, messageId }
  }
  await req.payload.jobs.queue({
    task: 'sendNotification',
    input: { messageId },
    req,
    ...(input.notBefore ? { waitUntil: input.notBefore } : {}),
  })
  return { status: 'queued', messageId }
}
