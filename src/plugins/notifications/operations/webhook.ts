import crypto from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { executeSql, executeSqlOutsideTransaction } from '../../../db/sql'
import { inTransaction } from '../../../db/transaction'
import { uploadMaxBytes } from '../../../lib/limits'
import { normalizeIndonesianMobile } from '../../../lib/phone'
import type { Customer } from '../../../payload-types'
import { ChannelError } from '../channels/errors'
import { whatsappConfigFromEnv, WhatsAppCloudClient } from '../channels/whatsapp'
import type { InboundContext, InboundMedia, InboundMessage } from '../types'
import { applyDeliveryStatus, isDeliveryStatus, recordStatusEvent, type DeliveryStatus } from './deliveryStatus'
import { linkSendAttempt } from './sendNotification'
import { handleInboundMessage } from './inbound'
import { MAX_YEAR, MIN_YEAR } from '../../../lib/input'

/** Inbound message kinds the `messages` collection tells apart; anything else is stored as `other`. */
const INBOUND_KINDS = ['text', 'button', 'interactive', 'image'] as const
/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, compared in constant time. */
export function verifyWebhookSignature(raw: Buffer, header: string | null | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim())
  if (!match) return false
  const expected = crypto.createHmac('sha256', appSecret).update(raw).digest()
  return crypto.timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'))
}

export type ParsedStatus = {
  id: string
  status: DeliveryStatus
  at: Date
  recipient?: string
  errorCode?: number
  errorReason?: string
  /** `biz_opaque_callback_data` as sent with the message: our send attempt key. */
  callbackData?: string
  raw: unknown
}
export type ParsedWebhook = {
  statuses: ParsedStatus[]
  messages: (InboundMessage & { raw: unknown })[]
  ignored: number
}

const str = (v: unknown, max = 4096): string | undefined =>
  typeof v === 'string' && v.length ? v.slice(0, max) : undefined
/** Meta's Unix time in seconds; anything unreadable or outside 2000–2100 is taken as now. */
const unixTime = (v: unknown) => {
  const at = typeof v === 'string' && /^\d{1,12}$/.test(v) ? new Date(Number(v) * 1000) : undefined
  const year = at?.getUTCFullYear() ?? 0
  return at && year >= MIN_YEAR && year <= MAX_YEAR ? at : new Date()
}

/** Picks the statuses and messages out of a webhook body, skipping whatever does not have the expected shape. */
export function parseWebhook(body: unknown): ParsedWebhook {
  const result: ParsedWebhook = { statuses: [], messages: [], ignored: 0 }
  const entries = (body as { entry?: unknown })?.entry
  if (!Array.isArray(entries)) return result
  for (const entry of entries) {
    const changes = (entry as { changes?: unknown })?.changes
    if (!Array.isArray(changes)) continue
    for (const change of changes) {
      // Untrusted JSON, walked with a runtime check at every step.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const value = (change as { field?: string; value?: any })?.value
      if ((change as { field?: string })?.field !== 'messages' || !value || typeof value !== 'object') {
        result.ignored++
        continue
      }
      const names = new Map<string, string>()
      if (Array.isArray(value.contacts))
        for (const c of value.contacts)
          if (str(c?.wa_id) && str(c?.profile?.name)) names.set(c.wa_id, str(c.profile.name, 120)!)
      for (const s of Array.isArray(value.statuses) ? value.statuses : []) {
        const id = str(s?.id, 200)
        if (!id || !isDeliveryStatus(s?.status)) {
          result.ignored++
          continue
        }
        const error = Array.isArray(s.errors) ? s.errors[0] : undefined
        result.statuses.push({
          id,
          status: s.status,
          at: unixTime(s.timestamp),
          recipient: str(s.recipient_id, 32),
          errorCode: typeof error?.code === 'number' ? error.code : undefined,
          errorReason: str(error?.error_data?.details ?? error?.message ?? error?.title, 1000),
          callbackData: str(s.biz_opaque_callback_data, 512),
          raw: s,
        })
      }
      for (const m of Array.isArray(value.messages) ? value.messages : []) {
        const id = str(m?.id, 200)
        const from = str(m?.from, 32)
        const type = str(m?.type, 40)
        if (!id || !from || !type) {
          result.ignored++
          continue
        }
        const message: InboundMessage & { raw: unknown } = {
          id,
          from: normalizeIndonesianMobile(from) ?? from,
          type,
          profileName: names.get(from),
          timestamp: unixTime(m.timestamp),
          contextId: str(m.context?.id, 200),
          raw: m,
        }
        if (type === 'text') message.text = str(m.text?.body)
        if (type === 'button') {
          message.buttonPayload = str(m.button?.payload, 256)
          message.buttonTitle = str(m.button?.text, 256)
        }
        if (type === 'interactive') {
          const reply = m.interactive?.button_reply ?? m.interactive?.list_reply
          message.buttonPayload = str(reply?.id, 256)
          message.buttonTitle = str(reply?.title, 256)
        }
        if (type === 'image' && str(m.image?.id))
          message.image = {
            mediaId: str(m.image.id, 200)!,
            mimeType: str(m.image.mime_type, 100),
            caption: str(m.image.caption, 1024),
            sha256: str(m.image.sha256, 100),
          }
        result.messages.push(message)
      }
    }
  }
  return result
}

/**
 * Runs `work` once per event key: the event row and everything `work` writes (message updates,
 * replies and their jobs, tickets) commit together. A replay of the same key waits for the first
 * delivery's transaction and then finds the key taken, so it changes nothing.
 */
async function onceForEvent(
  payload: Payload,
  event: {
    key: string
    kind: 'status' | 'message'
    providerMessageId: string
    type: string
    from?: string
    errorCode?: number
    raw: unknown
  },
  work: (req: PayloadRequest) => Promise<string>,
): Promise<boolean> {
  return inTransaction(payload, async (req) => {
    const { rows } = await executeSql(
      req,
      sql`INSERT INTO whatsapp_events (event_key, kind, provider_message_id, type, "from", error_code, payload, created_at, updated_at)
          VALUES (${event.key}, ${event.kind}, ${event.providerMessageId}, ${event.type}, ${event.from ?? null}, ${event.errorCode ?? null}, ${JSON.stringify(event.raw)}::jsonb, now(), now())
          ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    )
    if (rows.length) {
      const outcome = await work(req)
      await executeSql(
        req,
        sql`UPDATE whatsapp_events SET outcome = ${outcome.slice(0, 300)} WHERE id = ${rows[0]!.id}`,
      )
    }
    return rows.length > 0
  })
}

async function customerByPhone(req: PayloadRequest, phone: string): Promise<Customer | null> {
  const found = await req.payload.find({
    collection: 'customers',
    where: { phone: { equals: phone } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return found.docs[0] ?? null
}

/**
 * Fetches a new image from a known customer before its event's transaction opens, so a slow
 * download holds no database locks; the result (or the failure) is what the inbound handlers'
 * `downloadMedia()` gives. Nothing is fetched for strangers, other message types or repeated
 * events, nor for a picture already received in an earlier message (forwarded again): handlers
 * rarely need that one twice, and then fetch it on demand.
 */
async function prefetchMedia(payload: Payload, message: InboundMessage): Promise<InboundContext['downloadMedia']> {
  const mediaId = message.image?.mediaId
  if (!mediaId) return () => Promise.reject(new ChannelError('rejected', 'WhatsApp: pesan ini tidak membawa gambar'))
  let fetched: Promise<InboundMedia> | undefined
  const download = () =>
    (fetched ??= (async () => {
      const config = whatsappConfigFromEnv()
      if (!config) throw new Error('WHATSAPP_TOKEN / WHATSAPP_PHONE_NUMBER_ID are not set: cannot fetch media')
      return new WhatsAppCloudClient(config).downloadMedia(mediaId, uploadMaxBytes())
    })())
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT 1 FROM whatsapp_events
         WHERE event_key = ${message.id} OR (kind = 'message' AND payload->'image'->>'id' = ${mediaId}) LIMIT 1`,
  )
  if (rows.length) return download
  const req = await createLocalReq({}, payload)
  if (!(await customerByPhone(req, message.from))) return download
  // Settled here; a failure is reported when a handler asks for the media.
  await download().catch(() => {})
  return download
}

/** Applies a verified webhook body; returns how many events were new. */
export async function processWebhook(
  payload: Payload,
  body: unknown,
): Promise<{ applied: number; duplicates: number; ignored: number }> {
  const parsed = parseWebhook(body)
  let applied = 0
  let duplicates = 0
  // In the order Meta sent them: a failure before a delivery in the same body must stay first.
  for (const status of parsed.statuses) {
    // A message whose send answer was never stored (the worker died) is tied to its wamid here.
    await linkSendAttempt(payload, { providerMessageId: status.id, callbackData: status.callbackData, at: status.at })
    const key = `${status.id}:${status.status}`
    const isNew =
      status.status === 'failed'
        ? await onceForEvent(
            payload,
            {
              key,
              kind: 'status',
              providerMessageId: status.id,
              type: status.status,
              from: status.recipient,
              errorCode: status.errorCode,
              raw: status.raw,
            },
            async (req) =>
              applyDeliveryStatus({
                req,
                providerMessageId: status.id,
                status: status.status,
                at: status.at,
                errorCode: status.errorCode,
                errorReason: status.errorReason,
              }),
          )
        : await recordStatusEvent(payload, {
            key,
            providerMessageId: status.id,
            status: status.status,
            at: status.at,
            from: status.recipient,
            errorCode: status.errorCode,
            raw: status.raw,
          })
    if (isNew) applied++
    else duplicates++
  }
  for (const message of parsed.messages) {
    const downloadMedia = await prefetchMedia(payload, message)
    const isNew = await onceForEvent(
      payload,
      {
        key: message.id,
        kind: 'message',
        providerMessageId: message.id,
        type: message.type,
        from: message.from,
        raw: message.raw,
      },
      async (req) => {
        const customer = await customerByPhone(req, message.from)
        const inbound = await req.payload.create({
          collection: 'messages',
          data: {
            direction: 'in',
            channel: 'whatsapp',
            status: 'received',
            customer: customer?.id ?? null,
            to: message.from,
            kind: INBOUND_KINDS.find((kind) => kind === message.type) ?? 'other',
            body: message.text ?? message.buttonTitle ?? message.image?.caption ?? `[${message.type}]`,
            providerMessageId: message.id,
            dedupeKey: `in:${message.id}`,
            sentAt: message.timestamp?.toISOString(),
          },
          overrideAccess: true,
          req,
        })
        return handleInboundMessage({
          req,
          message,
          customer,
          inboundMessageId: inbound.id,
          downloadMedia,
        })
      },
    )
    if (isNew) applied++
    else duplicates++
  }
  return { applied, duplicates, ignored: parsed.ignored }
}
