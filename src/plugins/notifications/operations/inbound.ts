import type { PayloadRequest } from 'payload'

import type { Customer } from '../../../payload-types'
import { BUTTON_PAYLOADS, type InboundContext, type InboundHandler, type InboundMessage } from '../types'
import { findKnowledgeBaseAnswer } from './knowledgeBaseAnswer'
import { queueNotification } from './queueNotification'
import { loadNotificationSettings } from './settings'

const handlers: InboundHandler[] = []

/**
 * Adds a handler for inbound WhatsApp messages, tried in registration order before the built-in
 * routing. Registering the same name again replaces it (module reloads, tests).
 */
export function registerInboundHandler(handler: InboundHandler): void {
  const at = handlers.findIndex((h) => h.name === handler.name)
  if (at >= 0) handlers[at] = handler
  else handlers.push(handler)
}

export function unregisterInboundHandler(name: string): void {
  const at = handlers.findIndex((h) => h.name === name)
  if (at >= 0) handlers.splice(at, 1)
}

const matches = (handler: InboundHandler, message: InboundMessage) =>
  (!handler.match.types || handler.match.types.includes(message.type)) &&
  (!handler.match.buttonPayloadPrefix || (message.buttonPayload ?? '').startsWith(handler.match.buttonPayloadPrefix))

const UNSUPPORTED_TEXT =
  'Maaf, pesan jenis ini belum dapat kami proses. Silakan kirim pertanyaan Anda dalam bentuk teks.'
const IMAGE_RECEIVED_TEXT = 'Terima kasih, gambar Anda sudah kami terima dan akan diperiksa oleh petugas kami.'
const MAX_ANSWER_CHARS = 1500

/**
 * Acts on one inbound message (already deduplicated by the webhook and logged in `messages`):
 * registered handlers first, then "report a problem" → a ticket, text → an answer from the
 * published FAQ or a hand-over to customer service, anything else → a safe reply. Returns a short
 * description of what was done, for the event log.
 */
export async function handleInboundMessage({
  req,
  message,
  customer,
  inboundMessageId,
  downloadMedia,
}: {
  req: PayloadRequest
  message: InboundMessage
  customer: Customer | null
  inboundMessageId: number
  downloadMedia: InboundContext['downloadMedia']
}): Promise<string> {
  const settings = await loadNotificationSettings(req)
  const reply = async (text: string, key = 'reply') => {
    await queueNotification({
      req,
      trigger: 'auto_answer',
      customerId: customer?.id ?? null,
      to: message.from,
      text,
      dedupeKey: `reply:${message.id}:${key}`,
    })
  }
  const handOver = () =>
    req.payload.update({
      collection: 'messages',
      id: inboundMessageId,
      data: { needsAttention: true },
      overrideAccess: true,
      req,
    })
  const context: InboundContext = { req, message, customer, inboundMessageId, reply, downloadMedia }

  for (const handler of handlers)
    if (matches(handler, message) && (await handler.handle(context))) return `handled by ${handler.name}`

  if (message.buttonPayload === BUTTON_PAYLOADS.reportProblem) {
    if (!customer) {
      await reply(settings.autoAnswer.unknownNumberText)
      return 'report from unknown number'
    }
    const ticket = await req.payload.create({
      collection: 'tickets',
      data: {
        subject: 'Laporan gangguan via WhatsApp',
        customer: customer.id,
        type: 'repair',
        priority: 'normal',
        status: 'open',
        description: `Dilaporkan lewat tombol WhatsApp oleh ${message.profileName ?? message.from}.`,
      },
      overrideAccess: true,
      req,
    })
    await req.payload.update({
      collection: 'messages',
      id: inboundMessageId,
      data: { ticket: ticket.id },
      overrideAccess: true,
      req,
    })
    await reply(
      `Laporan gangguan Anda sudah kami catat dengan nomor tiket ${ticket.number}. Tim kami akan segera menghubungi Anda.`,
    )
    return `ticket ${ticket.number}`
  }

  if (message.type === 'text' && message.text?.trim()) {
    const answer = settings.autoAnswer.enabled
      ? await findKnowledgeBaseAnswer({ req, question: message.text, minConfidence: settings.autoAnswer.minConfidence })
      : null
    if (answer) {
      const text = `*${answer.title}*\n\n${answer.answer}`
      await reply(text.length > MAX_ANSWER_CHARS ? `${text.slice(0, MAX_ANSWER_CHARS - 1)}…` : text)
      return `answered from FAQ ${answer.articleId} (${answer.confidence.toFixed(2)})`
    }
    await handOver()
    await reply(customer ? settings.autoAnswer.handoverText : settings.autoAnswer.unknownNumberText)
    return 'handed over to customer service'
  }

  if (!customer) {
    await reply(settings.autoAnswer.unknownNumberText)
    return `${message.type} from unknown number`
  }
  if (message.type === 'image') {
    await handOver()
    await reply(IMAGE_RECEIVED_TEXT)
    return 'image handed over to customer service'
  }
  if (message.buttonPayload) {
    await handOver()
    await reply(settings.autoAnswer.handoverText)
    return `button ${message.buttonPayload.slice(0, 60)} handed over`
  }
  await reply(UNSUPPORTED_TEXT)
  return `unsupported type ${message.type}`
}
