import type { Endpoint } from 'payload'

import { NUL_MESSAGE } from '../../../lib/input'
import { logger } from '../../../lib/logger'
import {
  GATEWAY_PROVIDERS,
  GatewayConfigError,
  GatewayPayloadError,
  GatewaySignatureError,
  type GatewayProvider,
} from '../gateways'
import { gatewayFor, handleGatewayEvent } from '../operations/payments/gatewayPayments'

/** Notifications are small; anything bigger is not from a gateway. */
const MAX_NOTIFICATION_BYTES = 64 * 1024

/**
 * `POST /api/billing/gateways/:provider/notification` (midtrans | xendit): payment notifications.
 * Unsigned or mis-signed → 401 and nothing written; malformed → 400; unknown order → 404 (logged,
 * so the gateway's retries show up); everything else → 200, each event applied once.
 */
export const gatewayNotificationEndpoint: Endpoint = {
  path: '/billing/gateways/:provider/notification',
  method: 'post',
  handler: async (req) => {
    const provider = req.routeParams?.provider as GatewayProvider
    if (!GATEWAY_PROVIDERS.includes(provider))
      return Response.json({ errors: [{ message: 'Gateway tidak dikenal' }] }, { status: 404 })
    // Read whole (server.ts already caps request bodies) so the answer reaches a client still sending.
    const rawBody = Buffer.from(await req.arrayBuffer!())
    if (rawBody.length > MAX_NOTIFICATION_BYTES)
      return Response.json({ errors: [{ message: 'Notifikasi terlalu besar' }] }, { status: 413 })
    if (rawBody.includes(0) || rawBody.includes('\\u0000'))
      return Response.json({ errors: [{ message: NUL_MESSAGE }] }, { status: 400 })
    let event
    try {
      event = gatewayFor(provider).parseNotification({ headers: Object.fromEntries(req.headers.entries()), rawBody })
    } catch (error) {
      if (error instanceof GatewaySignatureError) {
        logger.warn({ provider }, 'gateway notification with a bad signature refused')
        return Response.json({ errors: [{ message: 'Tanda tangan tidak valid / invalid signature' }] }, { status: 401 })
      }
      if (error instanceof GatewayPayloadError)
        return Response.json({ errors: [{ message: error.message }] }, { status: 400 })
      if (error instanceof GatewayConfigError)
        return Response.json({ errors: [{ message: 'Gateway belum dikonfigurasi' }] }, { status: 503 })
      throw error
    }
    const result = await handleGatewayEvent({ payload: req.payload, event })
    if (result.status === 404)
      return Response.json({ errors: [{ message: `Order ${event.orderId} tidak dikenal` }] }, { status: 404 })
    return Response.json({ message: 'OK', outcome: result.outcome })
  },
}

export const gatewayWebhookEndpoints: Endpoint[] = [gatewayNotificationEndpoint]
