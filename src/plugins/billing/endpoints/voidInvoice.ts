import type { Endpoint } from 'payload'

import { answer, readJsonObject, routeId } from '../../../lib/endpointKit'
import { voidInvoice } from '../operations/invoices/voidInvoice'

/** `POST /api/invoices/:id/void` `{ reason }` (finance). */
export const voidInvoiceEndpoint: Endpoint = {
  path: '/:id/void',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const id = routeId(req)
      const body = await readJsonObject(req)
      return Response.json({ message: 'Tagihan dibatalkan.', doc: await voidInvoice({ req, id, reason: body.reason }) })
    }),
}
