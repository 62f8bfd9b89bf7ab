import type { PayloadRequest } from 'payload'

import { DomainError } from '../../../lib/errors'
import { logger } from '../../../lib/logger'
import { formatRupiah } from '../../../lib/money'
import type { Customer, Invoice } from '../../../payload-types'
import { ChannelError, type InboundContext, type InboundHandler, type InboundMedia } from '../../notifications'
import { openPayLink } from '../operations/payments/gatewayPayments'
import { recordSystemPayment } from '../operations/payments/recordPayment'
import { OPEN_INVOICE_STATUSES } from '../model'

/** Button payloads billing's templates carry: `PAY:<invoice number>` and "I have transferred". */
export const BILLING_BUTTON_PAYLOADS = { payPrefix: 'PAY:', transferred: 'TRANSFERRED' } as const

export const PROOF_RECEIVED_TEXT = (invoice: string, amount: number) =>
  `Terima kasih, bukti transfer sedang dicek oleh bagian keuangan untuk tagihan ${invoice} (${formatRupiah(amount)}). Kami kabari lagi setelah pembayaran diverifikasi.`
const ASK_FOR_PROOF_TEXT =
  'Terima kasih. Silakan kirim foto bukti transfer Anda di chat ini; bagian keuangan akan memeriksanya.'
const NOTHING_OPEN_TEXT =
  'Terima kasih. Saat ini tidak ada tagihan yang perlu dibayar, jadi gambar ini tidak kami catat sebagai pembayaran. Hubungi kami bila ada pertanyaan.'
const MEDIA_UNAVAILABLE_TEXT = 'Maaf, gambar Anda tidak dapat kami buka. Silakan kirim ulang foto bukti transfer.'

/** "Saya sudah transfer", "sudah transfer ya", … */
const SAYS_TRANSFERRED = /\bsudah\s+(di)?transfer\b/i

/** The customer's oldest open invoice (what a transfer proof most likely pays). */
async function oldestOpenInvoice(req: PayloadRequest, customerId: number): Promise<Invoice | null> {
  const found = await req.payload.find({
    collection: 'invoices',
    where: {
      customer: { equals: customerId },
      status: { in: [...OPEN_INVOICE_STATUSES] },
      balanceDue: { greater_than: 0 },
    },
    sort: 'dueDate',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return found.docs[0] ?? null
}

/**
 * A photo from a known customer is a transfer proof: the image is fetched from WhatsApp, stored in
 * `media` (Payload checks its type from the bytes, like any upload), and becomes a pending payment
 * of the oldest open invoice's balance in finance's verification queue. The same media id makes one
 * payment however often it arrives (idempotency key `whatsapp:<media id>`).
 */
async function recordTransferProof({
  req,
  message,
  customer,
  reply,
  inboundMessageId,
  downloadMedia,
}: InboundContext & { customer: Customer }): Promise<string> {
  const mediaId = message.image!.mediaId
  const idempotencyKey = `whatsapp:${mediaId}`
  const earlier = await req.payload.find({
    collection: 'payments',
    where: { idempotencyKey: { equals: idempotencyKey } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (earlier.docs[0]) {
    await reply(PROOF_RECEIVED_TEXT(await invoiceNumberOf(req, earlier.docs[0].invoices), earlier.docs[0].amount))
    return `proof already recorded as ${earlier.docs[0].number}`
  }
  const invoice = await oldestOpenInvoice(req, customer.id)
  if (!invoice) {
    await reply(NOTHING_OPEN_TEXT)
    return 'image from a customer with nothing open'
  }
  let file: InboundMedia
  try {
    file = await downloadMedia()
  } catch (error) {
    // Network trouble or a 5xx: fail the webhook so WhatsApp delivers it again. A refusal (unknown
    // or expired media, too large) will not get better: ask the customer to send it again.
    if (!(error instanceof ChannelError) || error.retryable) throw error
    logger.warn({ mediaId, err: error.message }, 'WhatsApp transfer proof could not be fetched')
    await req.payload.update({
      collection: 'messages',
      id: inboundMessageId,
      data: { needsAttention: true },
      overrideAccess: true,
      req,
    })
    await reply(MEDIA_UNAVAILABLE_TEXT)
    return `media ${mediaId} unavailable: ${error.message.slice(0, 120)}`
  }
  const extension =
    file.mimeType === 'image/png'
      ? 'png'
      : file.mimeType === 'image/webp'
        ? 'webp'
        : file.mimeType === 'application/pdf'
          ? 'pdf'
          : 'jpg'
  let proofId: number
  try {
    const media = await req.payload.create({
      collection: 'media',
      // The customer owns the proof they sent (they see it in the portal), as if uploaded there.
      data: { alt: `Bukti transfer via WhatsApp dari ${customer.name}`, owner: customer.id },
      file: {
        data: file.data,
        mimetype: file.mimeType,
        name: `bukti-wa-${mediaId}.${extension}`,
        size: file.data.length,
      },
      overrideAccess: true,
      depth: 0,
      req,
    })
    proofId = media.id
  } catch (error) {
    // Not an image or PDF after all (Payload reads the bytes): nothing to verify.
    logger.warn({ mediaId, err: (error as Error).message }, 'WhatsApp transfer proof refused by the upload check')
    await reply(MEDIA_UNAVAILABLE_TEXT)
    return `media ${mediaId} refused by the upload check`
  }
  const amount = invoice.balanceDue ?? 0
  const payment = await recordSystemPayment({
    req,
    status: 'pending',
    source: 'whatsapp',
    data: {
      customer: customer.id,
      invoices: [invoice.id],
      amount,
      method: 'bank_transfer',
      paymentDate: (message.timestamp ?? new Date()).toISOString(),
      proof: proofId,
      idempotencyKey,
      notes: message.image?.caption
        ? `Keterangan di WhatsApp: ${message.image.caption.slice(0, 900)}`
        : 'Bukti transfer dikirim lewat WhatsApp',
    },
  })
  await reply(PROOF_RECEIVED_TEXT(invoice.number ?? String(invoice.id), amount))
  return `pending payment ${payment.number} for ${invoice.number}`
}

async function invoiceNumberOf(req: PayloadRequest, invoices: unknown): Promise<string> {
  const id = Array.isArray(invoices) ? invoices[0] : undefined
  if (typeof id === 'object' && id && 'number' in id) return String((id as Invoice).number)
  if (typeof id !== 'number') return '-'
  const invoice = await req.payload.findByID({
    collection: 'invoices',
    id,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  return invoice?.number ?? '-'
}

/** "Pay now" (`PAY:<invoice number>`): the invoice's pay link, only for the customer who owns it. */
async function replyWithPayLink({
  req,
  message,
  customer,
  reply,
}: InboundContext & { customer: Customer }): Promise<string> {
  const number = (message.buttonPayload ?? '').slice(BILLING_BUTTON_PAYLOADS.payPrefix.length).trim()
  const found = number
    ? await req.payload.find({
        collection: 'invoices',
        where: { number: { equals: number }, customer: { equals: customer.id } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
        req,
      })
    : { docs: [] as Invoice[] }
  const invoice = found.docs[0]
  if (!invoice) {
    await reply(
      `Tagihan ${number || 'tersebut'} tidak ditemukan untuk nomor pelanggan Anda. Hubungi kami bila ada pertanyaan.`,
    )
    return `pay button for unknown invoice ${number.slice(0, 40)}`
  }
  try {
    const { payment } = await openPayLink({ req, invoice })
    await reply(
      `Tagihan ${invoice.number} sebesar ${formatRupiah(payment.amount)} dapat dibayar di tautan berikut:\n${payment.payUrl}`,
    )
    return `pay link ${payment.orderId}`
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    // "Already paid", "online payment not available", "gateway trouble": the message says it to the customer.
    await reply(`${error.message}`)
    return `pay button: ${error.message.slice(0, 100)}`
  }
}

/**
 * Billing's WhatsApp handlers, tried before the built-in routing: an image from a known customer is
 * a transfer proof; `PAY:<invoice>` answers with the pay link; `TRANSFERRED` or "saya sudah
 * transfer" asks for the photo. Messages from unknown numbers are left to the built-in safe reply.
 */
export const billingInboundHandlers: InboundHandler[] = [
  {
    name: 'billing:transfer-proof',
    match: { types: ['image'] },
    handle: async (context) => {
      if (!context.customer || !context.message.image?.mediaId) return false
      await recordTransferProof({ ...context, customer: context.customer })
      return true
    },
  },
  {
    name: 'billing:pay-now',
    match: { types: ['button', 'interactive'], buttonPayloadPrefix: BILLING_BUTTON_PAYLOADS.payPrefix },
    handle: async (context) => {
      if (!context.customer) return false
      await replyWithPayLink({ ...context, customer: context.customer })
      return true
    },
  },
  {
    name: 'billing:transferred',
    match: { types: ['button', 'interactive', 'text'] },
    handle: async ({ message, customer, reply }) => {
      const tapped = message.buttonPayload === BILLING_BUTTON_PAYLOADS.transferred
      const said = message.type === 'text' && SAYS_TRANSFERRED.test(message.text ?? '')
      if (!customer || !(tapped || said)) return false
      await reply(ASK_FOR_PROOF_TEXT)
      return true
    },
  },
]
