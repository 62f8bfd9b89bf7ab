import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSqlOutsideTransaction } from '../../../db/sql'
import { relationId } from '../../../lib/relationId'
import { queueStaffAlert } from '../../../operations/alertStaff'
import { ChannelError } from '../channels/errors'
import { FonnteClient, fonnteConfigFromEnv } from '../channels/fonnte'
import {
  whatsappConfigFromEnv,
  WhatsAppCloudClient,
  type TemplateButton,
  type TemplateMessage,
} from '../channels/whatsapp'
import type { Message, MessageTemplate } from '../../../payload-types'
import { applyDeliveryStatus, isDeliveryStatus } from './deliveryStatus'
import { queueEmailFallback } from './emailFallback'
import { findTemplate, type InteractiveContent } from './queueNotification'
import { bodyParameters, renderTemplate, type TemplateVariables } from './renderTemplate'

/** Tries per message: the task's 5 retries plus the first run. The last failure marks the message failed. */
export const MAX_SEND_ATTEMPTS = 6

export type SendOutcome =
  | 'sent'
  /** Sent as the approved template after free text was refused outside the 24 h window (131047). */
  | 'sent_as_template'
  /** WhatsApp could not deliver (131026); an email was queued instead. */
  | 'email_fallback'
  | 'failed'
  /** Already accepted by the provider (or not an outgoing message): nothing sent again. */
  | 'already_sent'
  /**
   * An earlier send was started and never answered (the worker died, or the provider's answer was
   * lost): not sent again. It is matched to its WhatsApp status when that arrives, else staff decide.
   */
  | 'held_uncertain'

/** Whether the task should run the message again later (the error is thrown so the job retries with backoff). */
export class RetryLaterError extends Error {}

/**
 * Sends one queued message through its channel and records the provider's id. A message that
 * already has a provider id, or is no longer queued, is never sent again: retries after a crash or
 * a duplicate job do not resend what the provider accepted.
 *
 * At most once: before the provider is called, the attempt is written and committed on its own
 * (`sendAttemptKey`, `ispops-msg-<id>`, which the database allows once per message and which goes
 * to WhatsApp as `biz_opaque_callback_data`). A provider's clear refusal takes the attempt back so a
 * retry may send; a worker that dies before it stores the answer, or an answer lost on the network,
 * leaves the attempt standing, and the message is then never sent again automatically: WhatsApp's
 * status webhook, which echoes the key, ties the message to what was really sent
 * (`linkSendAttempt`), and until it does the message is held for staff with an alert.
 *
 * WhatsApp errors: 131047 (outside 24 h) → the approved template instead of free text; 131026 (not
 * on WhatsApp) → an email (when allowed and the customer has an address); 130429/131056 (rate
 * limits), network errors and bad tokens → RetryLaterError, so the job retries with backoff;
 * template mismatches and other refusals → failed with the code.
 */
export async function sendNotification({
  req,
  messageId,
}: {
  req: PayloadRequest
  messageId: number
}): Promise<SendOutcome> {
  const { payload } = req
  const message = await payload.findByID({
    collection: 'messages',
    id: messageId,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  if (!message || message.direction !== 'out' || message.providerMessageId || message.status !== 'queued')
    return 'already_sent'
  if (message.channel === 'email') return sendEmailMessage({ req, messageId })
  const attempts = (message.attempts ?? 0) + 1
  const update = (data: Record<string, unknown>) =>
    payload.update({
      collection: 'messages',
      id: messageId,
      data: { attempts, ...data },
      overrideAccess: true,
      req,
      depth: 0,
    })
  const fail = async (error: { message: string; code?: number }) => {
    await update({
      status: 'failed',
      errorCode: error.code ?? null,
      errorReason: error.message.slice(0, 1000),
      failedAt: new Date().toISOString(),
    })
    return 'failed' as const
  }

  const template = message.template ? await findTemplate(req, { id: relationId(message.template) }) : null
  const variables = (message.variables ?? {}) as TemplateVariables
  const attemptKey = sendAttemptKeyOf(messageId)
  if (message.sendAttemptKey) return holdUncertainSend(req, message)
  if (!(await claimSendAttempt(payload, messageId, attemptKey))) {
    // Another run started this send after we read the message: it is theirs.
    const now = await payload.findByID({
      collection: 'messages',
      id: messageId,
      depth: 0,
      overrideAccess: true,
      req,
      disableErrors: true,
    })
    return now?.providerMessageId ? 'already_sent' : 'held_uncertain'
  }
  try {
    const sent = await deliver(message, template, variables, attemptKey)
    await update({
      status: 'sent',
      providerMessageId: sent.providerMessageId,
      sentAt: new Date().toISOString(),
      ...(sent.note
        ? { errorCode: sent.note.code, errorReason: sent.note.message }
        : { errorCode: null, errorReason: null }),
    })
    await catchUpStatuses(req, sent.providerMessageId)
    return sent.note ? 'sent_as_template' : 'sent'
  } catch (error) {
    // No answer from the provider (a timeout, a reset): it may have accepted the message. The
    // attempt stays; the next run holds the message instead of sending it again.
    if (!(error instanceof ChannelError) || error.maybeAccepted) throw error
    // A clear refusal: nothing went out, so the attempt is taken back and a retry may send.
    await releaseSendAttempt(payload, messageId, attemptKey)
    if (error.kind === 'undeliverable') {
      await fail(error)
      return (await queueEmailFallback(req, message)) ? 'email_fallback' : 'failed'
    }
    if (error.retryable && attempts < MAX_SEND_ATTEMPTS) {
      // Still queued: the job retries after its backoff. The code shows why it is waiting.
      await update({ errorCode: error.code ?? null, errorReason: error.message.slice(0, 1000) })
      throw new RetryLaterError(error.message)
    }
    return fail(error)
  }
}

async function deliver(
  message: Message,
  template: MessageTemplate | null,
  variables: TemplateVariables,
  callbackData: string,
): Promise<{ providerMessageId: string; note?: { code: number; message: string } }> {
  const to = message.to ?? ''
  switch (message.channel) {
    case 'email':
      throw new Error('email messages are sent by sendEmailMessage')
    case 'fonnte': {
      const config = fonnteConfigFromEnv()
      if (!config) throw new ChannelError('not_configured', 'FONNTE_TOKEN belum diatur')
      return new FonnteClient(config).sendText(to, message.body ?? '')
    }
    case 'whatsapp': {
      const config = whatsappConfigFromEnv()
      if (!config) throw new ChannelError('not_configured', 'WHATSAPP_TOKEN / WHATSAPP_PHONE_NUMBER_ID belum diatur')
      const client = new WhatsAppCloudClient(config, { callbackData })
      if (message.kind === 'template') {
        if (!template) throw new ChannelError('template', 'Template pesan tidak ditemukan')
        return client.sendTemplate(templateMessage(to, template, variables))
      }
      try {
        return message.kind === 'interactive' && message.interactive
          ? await client.sendInteractive({ ...(message.interactive as InteractiveContent), to })
          : await client.sendText(to, message.body ?? '')
      } catch (error) {
        // Free text needs an open 24 h window; outside it only an approved template may go out.
        if (error instanceof ChannelError && error.kind === 'outside_window' && template?.providerTemplateName) {
          const sent = await client.sendTemplate(templateMessage(to, template, variables))
          return { ...sent, note: { code: 131047, message: 'Di luar jendela 24 jam: dikirim sebagai template' } }
        }
        throw error
      }
    }
  }
}

export function templateMessage(
  to: string,
  template: Pick<MessageTemplate, 'key' | 'providerTemplateName' | 'language' | 'body' | 'buttons'>,
  variables: TemplateVariables,
): TemplateMessage {
  if (!template.providerTemplateName)
    throw new ChannelError('template', `Template "${template.key}" belum punya nama template WhatsApp`)
  const buttons: TemplateMessage['buttons'] = []
  ;(template.buttons ?? []).forEach((b, index) => {
    let button: TemplateButton | null = null
    if (b.kind === 'quick_reply' && b.payload)
      button = { type: 'quick_reply', payload: renderTemplate(b.payload, variables) }
    if (b.kind === 'url' && b.urlSuffix) button = { type: 'url', text: renderTemplate(b.urlSuffix, variables) }
    if (button) buttons.push({ index, button })
  })
  return {
    to,
    name: template.providerTemplateName,
    language: template.language,
    bodyParams: bodyParameters(template.body, variables),
    buttons,
  }
}

/** Sends a queued email message (the email channel, or the fallback after WhatsApp). */
export async function sendEmailMessage({
  req,
  messageId,
}: {
  req: PayloadRequest
  messageId: number
}): Promise<SendOutcome> {
  const { payload } = req
  const message = await payload.findByID({
    collection: 'messages',
    id: messageId,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  if (!message || message.direction !== 'out' || message.providerMessageId || message.status !== 'queued')
    return 'already_sent'
  const template = message.template ? await findTemplate(req, { id: relationId(message.template) }) : null
  const attempts = (message.attempts ?? 0) + 1
  try {
    await payload.sendEmail({
      to: message.to ?? '',
      subject: template?.emailSubject || 'Informasi layanan internet Anda',
      text: message.body ?? '',
    })
  } catch (error) {
    await payload.update({
      collection: 'messages',
      id: messageId,
      data: { attempts, errorReason: (error as Error).message.slice(0, 1000) },
      overrideAccess: true,
      req,
    })
    if (attempts < MAX_SEND_ATTEMPTS) throw new RetryLaterError((error as Error).message)
    await payload.update({
      collection: 'messages',
      id: messageId,
      data: { status: 'failed', failedAt: new Date().toISOString() },
      overrideAccess: true,
      req,
    })
    return 'failed'
  }
  // Email has no delivery receipts; the id only marks it as accepted by the SMTP server.
  await payload.update({
    collection: 'messages',
    id: messageId,
    data: {
      attempts,
      status: 'sent',
      providerMessageId: `email:${messageId}`,
      sentAt: new Date().toISOString(),
      errorReason: null,
    },
    overrideAccess: true,
    req,
  })
  return 'sent'
}

/** Statuses that arrived before the send was recorded (the webhook can beat the API answer) are applied now. */
async function catchUpStatuses(req: PayloadRequest, providerMessageId: string) {
  const early = await req.payload.find({
    collection: 'whatsapp-events',
    where: { and: [{ kind: { equals: 'status' } }, { providerMessageId: { equals: providerMessageId } }] },
    depth: 0,
    limit: 10,
    overrideAccess: true,
    req,
  })
  for (const event of early.docs) {
    if (!isDeliveryStatus(event.type)) continue
    await applyDeliveryStatus({
      req,
      providerMessageId,
      status: event.type,
      at: new Date(event.createdAt),
      errorCode: event.errorCode ?? undefined,
    })
  }
}

/** The key of a message's one send attempt; WhatsApp echoes it in the message's statuses. */
export const sendAttemptKeyOf = (messageId: number) => `ispops-msg-${messageId}`
const SEND_ATTEMPT_KEY = /^ispops-msg-(\d{1,12})$/

/** Records, committed at once and outside any transaction, that this message is being sent now. */
async function claimSendAttempt(payload: Payload, messageId: number, key: string): Promise<boolean> {
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`UPDATE messages SET send_attempt_key = ${key}, send_attempted_at = now(), updated_at = now()
         WHERE id = ${messageId} AND direction = 'out' AND status = 'queued'
           AND provider_message_id IS NULL AND send_attempt_key IS NULL
         RETURNING id`,
  )
  return rows.length > 0
}

async function releaseSendAttempt(payload: Payload, messageId: number, key: string): Promise<void> {
  await executeSqlOutsideTransaction(
    payload,
    sql`UPDATE messages SET send_attempt_key = NULL, send_attempted_at = NULL, updated_at = now()
         WHERE id = ${messageId} AND send_attempt_key = ${key} AND provider_message_id IS NULL`,
  )
}

export const UNCERTAIN_SEND_REASON =
  'Belum pasti terkirim: pengiriman terputus sebelum jawaban WhatsApp tercatat. Tidak dikirim ulang otomatis; periksa dengan pelanggan sebelum mengirim lagi.'

/** A send that was started and never answered: left unsent, shown to staff, and one alert raised. */
async function holdUncertainSend(req: PayloadRequest, message: Message): Promise<SendOutcome> {
  const { rows } = await executeSqlOutsideTransaction(
    req.payload,
    sql`UPDATE messages SET error_reason = ${UNCERTAIN_SEND_REASON}, updated_at = now()
         WHERE id = ${message.id} AND provider_message_id IS NULL AND status = 'queued'
           AND error_reason IS DISTINCT FROM ${UNCERTAIN_SEND_REASON}
         RETURNING id`,
  )
  if (rows.length)
    await queueStaffAlert(req.payload, {
      key: `message-send-uncertain:${message.id}`,
      subject: `Pesan ${message.id} belum pasti terkirim`,
      message: `Pesan ${message.id} ke ${message.to ?? '-'} (${message.trigger ?? message.kind}) mulai dikirim pada ${message.sendAttemptedAt ?? '-'} tetapi jawaban penyedia tidak tercatat. Pesan tidak dikirim ulang otomatis. Jika status WhatsApp-nya datang, pesan ini diperbarui sendiri; jika tidak, periksa dengan pelanggan sebelum mengirim lagi.`,
    })
  return 'held_uncertain'
}

/**
 * A WhatsApp status carrying our attempt key (`biz_opaque_callback_data`) for a message whose
 * answer was never stored: the message is tied to the wamid WhatsApp reports, and counts as sent.
 * Returns true when it tied one.
 */
export async function linkSendAttempt(
  payload: Payload,
  { providerMessageId, callbackData, at }: { providerMessageId: string; callbackData?: string; at: Date },
): Promise<boolean> {
  const match = callbackData ? SEND_ATTEMPT_KEY.exec(callbackData) : null
  if (!match) return false
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`UPDATE messages
           SET provider_message_id = ${providerMessageId},
               status = 'sent',
               sent_at = coalesce(sent_at, ${at.toISOString()}),
               error_code = NULL,
               error_reason = NULL,
               updated_at = now()
         WHERE id = ${Number(match[1])} AND send_attempt_key = ${callbackData}
           AND provider_message_id IS NULL AND status = 'queued' AND direction = 'out'
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.provider_message_id = ${providerMessageId})
         RETURNING id`,
  )
  return rows.length > 0
}
