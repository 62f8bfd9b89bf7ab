import type { Endpoint, PayloadRequest } from 'payload'

import { hasRole } from '../../../access/roles'
import { answer, EndpointError, readJsonObject } from '../../../lib/endpointKit'
import { requiredId } from '../../../lib/input'
import { customerConversation } from '../operations/conversation'
import { notificationDashboard } from '../operations/dashboard'
import { markAttentionHandled, sendReplyByHand, sendTemplateByHand } from '../operations/manualMessages'

const idempotencyKeyOf = (req: PayloadRequest, body: Record<string, unknown>) =>
  req.headers.get('idempotency-key') ?? (typeof body.idempotencyKey === 'string' ? body.idempotencyKey : '')

const customerIdOf = (value: unknown): number => requiredId(value, 'Pelanggan')

/**
 * `POST /api/messages/send-template` (customer service, admin): `{"customer": 42, "template":
 * "invoice_issued", "variables": {"nama": "Budi", …}}` with an `Idempotency-Key` header. Queues the
 * template for the customer (201); the same key again answers the first message (200,
 * `replayed: true`). A variable left empty, an unapproved template or a customer without a number
 * is refused with 400 and a message saying which.
 */
export const sendTemplateEndpoint: Endpoint = {
  path: '/send-template',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      const body = await readJsonObject(req)
      const result = await sendTemplateByHand({
        req,
        customerId: customerIdOf(body.customer),
        templateKey: body.template as string,
        variables: body.variables,
        idempotencyKey: idempotencyKeyOf(req, body),
      })
      return Response.json(
        {
          message: result.replayed ? 'Pesan ini sudah dikirim sebelumnya.' : 'Pesan masuk antrean kirim.',
          doc: result.message,
          replayed: result.replayed,
        },
        { status: result.replayed ? 200 : 201 },
      )
    }),
}

/**
 * `POST /api/messages/send-text` (customer service, admin): `{"customer": 42, "text": "…"}` with
 * an `Idempotency-Key` header. Free text goes out within 24 h of the customer's last message;
 * outside that window the `cs_reply` template is sent instead.
 */
export const sendTextEndpoint: Endpoint = {
  path: '/send-text',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      const body = await readJsonObject(req)
      const result = await sendReplyByHand({
        req,
        customerId: customerIdOf(body.customer),
        text: body.text,
        idempotencyKey: idempotencyKeyOf(req, body),
      })
      return Response.json(
        {
          message: result.replayed ? 'Pesan ini sudah dikirim sebelumnya.' : 'Pesan masuk antrean kirim.',
          doc: result.message,
          replayed: result.replayed,
        },
        { status: result.replayed ? 200 : 201 },
      )
    }),
}

/**
 * `GET /api/messages/conversation?customer=42` (customer service, finance, admin): the customer's
 * conversation oldest first, whether the 24 h window is open, the templates and the variables
 * known about the customer.
 */
export const conversationEndpoint: Endpoint = {
  path: '/conversation',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      if (!hasRole(req.user, 'customer_service', 'finance'))
        throw new EndpointError(403, 'Anda tidak berhak melihat percakapan pelanggan.')
      const conversation = await customerConversation({
        req,
        customerId: customerIdOf(req.searchParams.get('customer')),
      })
      if (!conversation) throw new EndpointError(404, 'Pelanggan tidak ditemukan.')
      return Response.json(conversation)
    }),
}

/**
 * `GET /api/notifications/dashboard[?days=14]` (customer service, admin): daily sent, delivered,
 * read, failed and received counts for the last WIB days, and failures by error code.
 */
export const dashboardEndpoint: Endpoint = {
  path: '/notifications/dashboard',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      if (!hasRole(req.user, 'customer_service'))
        throw new EndpointError(403, 'Anda tidak berhak melihat dasbor notifikasi.')
      const raw = req.searchParams.get('days')
      const days = raw === null ? 14 : /^\d{1,2}$/.test(raw) ? Number(raw) : NaN
      if (!Number.isInteger(days) || days < 1 || days > 90) throw new EndpointError(400, 'Jumlah hari harus 1–90.')
      return Response.json(await notificationDashboard({ req, days }))
    }),
}

/**
 * `POST /api/messages/mark-handled` (customer service, admin): `{"customer": 42}` clears "Perlu
 * ditangani CS" on the customer's waiting messages without sending anything; answers how many.
 */
export const markHandledEndpoint: Endpoint = {
  path: '/mark-handled',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      const body = await readJsonObject(req)
      const { cleared } = await markAttentionHandled({ req, customerId: customerIdOf(body.customer) })
      return Response.json({
        message: cleared ? `${cleared} pesan ditandai sudah ditangani.` : 'Tidak ada pesan yang menunggu.',
        cleared,
      })
    }),
}

export const messageEndpoints: Endpoint[] = [
  sendTemplateEndpoint,
  sendTextEndpoint,
  conversationEndpoint,
  markHandledEndpoint,
]
