import type { Endpoint } from 'payload'

import { answer, EndpointError, routeId } from '../../../lib/endpointKit'
import { receiptPdf } from '../operations/documents/documents'
import { pdfResponse } from './invoicePdf'

/** `GET /api/payments/:id/receipt`: the kwitansi of a verified payment, for its owner and office staff. */
export const receiptPdfEndpoint: Endpoint = {
  path: '/:id/receipt',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      const payment = await req.payload.findByID({
        collection: 'payments',
        id: routeId(req),
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
        disableErrors: true,
      })
      if (!payment) throw new EndpointError(404, 'Pembayaran tidak ditemukan.')
      if (payment.status !== 'verified')
        throw new EndpointError(409, 'Kwitansi tersedia setelah pembayaran diverifikasi.')
      return pdfResponse(req, await receiptPdf({ req, payment }))
    }),
}
