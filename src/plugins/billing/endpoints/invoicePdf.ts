import type { Endpoint, PayloadRequest } from 'payload'

import { answer, EndpointError, routeId } from '../../../lib/endpointKit'
import { invoicePdf, startInvoiceDocumentReads } from '../operations/documents/documents'
import { INVOICE_PDF_AHEAD_HEADER, takeInvoicePdfAhead } from '../operations/documents/invoicePdfAhead'
import { checkInvoiceLink } from '../operations/invoices/invoiceLinks'

/** A PDF answer; a client holding the same version (ETag) gets 304 without the bytes. */
export function pdfResponse(
  req: PayloadRequest,
  { filename, version, pdf }: { filename: string; version: string; pdf: Buffer },
): Response {
  const etag = `"${version}"`
  const headers = {
    ETag: etag,
    'Cache-Control': 'private, no-cache',
    'Content-Disposition': `inline; filename="${filename}"`,
  }
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: { ...headers, 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length) },
  })
}

/**
 * `GET /api/invoices/:id/pdf`: the tagihan PDF, for its owner and office staff, or for anyone
 * holding a link sent in a message (`?e=<expiry>&t=<signature>`, see invoiceLinks.ts): that link
 * opens this one invoice and nothing else, until it expires.
 */
export const invoicePdfEndpoint: Endpoint = {
  path: '/:id/pdf',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      const id = routeId(req)
      // A render server.ts may have started as the request arrived (invoicePdfAhead.ts).
      const ahead = takeInvoicePdfAhead(req.headers.get(INVOICE_PDF_AHEAD_HEADER))
      const token = req.searchParams.get('t')
      // A valid link opens the invoice whoever is signed in; a bad one falls back to the session, if any.
      const check = token === null ? undefined : checkInvoiceLink(id, req.searchParams.get('e'), token)
      const byLink = check === 'valid'
      if (!byLink && !req.user) {
        if (check === 'invalid') throw new EndpointError(403, 'Tautan tagihan tidak valid.')
        if (check === 'expired')
          throw new EndpointError(
            410,
            'Tautan tagihan sudah kedaluwarsa. Silakan masuk ke portal pelanggan untuk melihat tagihan Anda.',
          )
        throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      }
      // The document's other reads need only the invoice's id: they run alongside the invoice's
      // read rather than after it, which takes them off a first download's wait (and are dropped
      // if the invoice is not the caller's to read).
      const reads = startInvoiceDocumentReads(req, { invoiceId: id })
      // Otherwise read with the caller's access: another customer's invoice is simply not found.
      const invoice = await req.payload.findByID({
        collection: 'invoices',
        id,
        depth: 0,
        joins: false,
        overrideAccess: byLink,
        user: byLink ? undefined : req.user,
        req,
        disableErrors: true,
      })
      if (!invoice) throw new EndpointError(404, 'Tagihan tidak ditemukan.')
      const response = pdfResponse(req, await invoicePdf({ req, invoice, reads, ahead }))
      // The link is the key: keep it out of Referer headers of anything the viewer opens.
      if (byLink) response.headers.set('Referrer-Policy', 'no-referrer')
      return response
    }),
}
