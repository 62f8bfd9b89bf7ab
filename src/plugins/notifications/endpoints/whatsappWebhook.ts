import type { Endpoint, PayloadRequest } from 'payload'

import { containsNul } from '../../../lib/input'
import { processWebhook, verifyWebhookSignature } from '../operations/webhook'

const json = (body: object, status: number) => Response.json(body, { status })

/**
 * Reads the raw body, keeping at most `maxBytes` (nothing is hashed or parsed beyond that). A
 * larger body is still read to its end and thrown away, so the answer (413) reaches a client that
 * is still sending and its keep-alive connection stays usable; server.ts cuts off bodies far larger.
 */
async function readRawBody(req: PayloadRequest, maxBytes: number): Promise<Buffer | 'too_large'> {
  const body = req.body as ReadableStream<Uint8Array> | null | undefined
  if (!body) return Buffer.alloc(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size <= maxBytes) chunks.push(value)
  }
  return size > maxBytes ? 'too_large' : Buffer.concat(chunks)
}

/**
 * `GET /api/whatsapp/webhook`: Meta's subscription check (echo `hub.challenge` when
 * `hub.verify_token` matches WHATSAPP_VERIFY_TOKEN, else 403).
 */
export const whatsappWebhookVerifyEndpoint = (enabled: boolean): Endpoint => ({
  path: '/whatsapp/webhook',
  method: 'get',
  handler: async (req) => {
    const params = new URL(req.url ?? '', 'http://localhost').searchParams
    const expected = process.env.WHATSAPP_VERIFY_TOKEN
    if (!enabled || !expected || params.get('hub.mode') !== 'subscribe' || params.get('hub.verify_token') !== expected)
      return new Response('Forbidden', { status: 403 })
    return new Response(params.get('hub.challenge') ?? '', { status: 200, headers: { 'content-type': 'text/plain' } })
  },
})

/**
 * `POST /api/whatsapp/webhook`: delivery statuses and inbound messages. Only bodies signed with
 * WHATSAPP_APP_SECRET (X-Hub-Signature-256 over the raw bytes) are looked at: anything else gets 401
 * and nothing is stored. Oversized bodies get 413 (read to the end first), non-JSON ones 400, and a
 * body with a NUL character is acknowledged and ignored. Each event is applied once however
 * often Meta repeats it; a failure on our side answers 503 so that Meta delivers it again.
 */
export const whatsappWebhookEndpoint = ({ enabled, maxBytes }: { enabled: boolean; maxBytes: number }): Endpoint => ({
  path: '/whatsapp/webhook',
  method: 'post',
  handler: async (req) => {
    if (!enabled) return json({ message: 'Notifikasi WhatsApp tidak aktif.' }, 503)
    const secret = process.env.WHATSAPP_APP_SECRET
    if (!secret) {
      req.payload.logger.error('WhatsApp webhook called but WHATSAPP_APP_SECRET is not set')
      return json({ message: 'Webhook belum dikonfigurasi.' }, 503)
    }
    let raw: Buffer | 'too_large'
    try {
      raw = await readRawBody(req, maxBytes)
    } catch {
      return json({ message: 'Body tidak terbaca.' }, 400)
    }
    if (raw === 'too_large') return json({ message: `Body terlalu besar (maks ${maxBytes} byte).` }, 413)
    if (!verifyWebhookSignature(raw, req.headers.get('x-hub-signature-256'), secret))
      return json({ message: 'Tanda tangan tidak valid.' }, 401)
    let body: unknown
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      req.payload.logger.warn('WhatsApp webhook: signed body is not JSON')
      return json({ message: 'Body bukan JSON yang valid.' }, 400)
    }
    if (!body || typeof body !== 'object' || (body as { object?: unknown }).object !== 'whatsapp_business_account') {
      req.payload.logger.warn('WhatsApp webhook: not a WhatsApp Business Account body, ignored')
      return json({ received: true, applied: 0 }, 200)
    }
    if (containsNul(body)) {
      // PostgreSQL cannot store it, and a refusal would only make Meta send it again forever.
      req.payload.logger.warn('WhatsApp webhook: body with a NUL character, ignored')
      return json({ received: true, applied: 0, ignored: 1 }, 200)
    }
    try {
      const result = await processWebhook(req.payload, body)
      if (result.ignored)
        req.payload.logger.warn(
          { ignored: result.ignored },
          'WhatsApp webhook: entries without the expected shape were ignored',
        )
      return json({ received: true, ...result }, 200)
    } catch (error) {
      req.payload.logger.error({ err: error }, 'WhatsApp webhook processing failed')
      return json({ message: 'Gagal memproses, silakan kirim ulang.' }, 503)
    }
  },
})
