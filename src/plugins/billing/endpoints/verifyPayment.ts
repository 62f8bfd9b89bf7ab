import type { Endpoint } from 'payload'

import { answer, readJsonObject, routeId } from '../../../lib/endpointKit'
import { rejectPayment, verifyPayment } from '../operations/payments/verifyPayment'

/** `POST /api/payments/:id/verify` (finance): the verification queue's one-click verify. */
export const verifyPaymentEndpoint: Endpoint = {
  path: '/:id/verify',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const { payment, alreadyVerified } = await verifyPayment({ req, id: routeId(req) })
      return Response.json({
        message: alreadyVerified ? 'Pembayaran sudah diverifikasi sebelumnya.' : 'Pembayaran diverifikasi.',
        doc: payment,
      })
    }),
}

/** `POST /api/payments/:id/reject` `{ reason }` (finance). */
export const rejectPaymentEndpoint: Endpoint = {
  path: '/:id/reject',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const id = routeId(req)
      const body = await readJsonObject(req)
      const payment = await rejectPayment({ req, id, reason: body.reason })
      return Response.json({ message: 'Pembayaran ditolak.', doc: payment })
    }),
}
