import type { Endpoint } from 'payload'

import { answer, routeId } from '../../../lib/endpointKit'
import { payLinkForInvoice } from '../operations/payments/gatewayPayments'

/** `POST /api/invoices/:id/pay`: the invoice's pay link (Midtrans Snap or Xendit), for its owner or staff. */
export const payInvoiceEndpoint: Endpoint = {
  path: '/:id/pay',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const { payment, reused } = await payLinkForInvoice({ req, invoiceId: routeId(req) })
      return Response.json(
        {
          payUrl: payment.payUrl,
          orderId: payment.orderId,
          amount: payment.amount,
          expiresAt: payment.expiresAt,
          provider: payment.provider,
          reused,
        },
        { status: reused ? 200 : 201 },
      )
    }),
}
