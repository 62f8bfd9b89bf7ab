import { randomBytes } from 'node:crypto'

import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { pgPool } from '../../../../db/pool'
import { logger } from '../../../../lib/logger'
import type { Invoice } from '../../../../payload-types'
import { documentVersion } from '../../documents'
import { renderInThread } from '../../documents/renderThread'
import { invoiceDocumentData, invoicePdfKey, pdfCache } from './documents'
import { ispProfileAt, LETTERHEAD_DIGEST } from './ispProfile'

/**
 * A customer's first download of a tagihan waits for Payload to check their session, then for the
 * invoice's access-checked read, then for the render (~45 ms). The render needs none of the checks:
 * the PDF is a function of the document's data. So when a signed-in customer asks for their
 * invoice's PDF, server.ts starts the render at once (`startInvoicePdfAhead`), in the render thread,
 * from one statement that reads the invoice only if it is theirs by the token's own claim; Payload
 * checks the session and the access meanwhile, as for any download.
 *
 * Nothing is answered on the early read's word. The endpoint builds the document from its own
 * access-checked read and takes the early render only when it is of the very same document: the
 * cache key holds the SHA-256 of everything the PDF is drawn from (`documentVersion`), so equal keys
 * mean equal bytes. A session that was signed out, an invoice that changed in between, or a token
 * naming someone else gets a document rendered as before, or 401/404; the early render is dropped.
 */
export type InvoicePdfAhead = { key: string; pdf: Promise<Buffer> }

/** The header server.ts hands the early render's reference to the endpoint in (set by server.ts only). */
export const INVOICE_PDF_AHEAD_HEADER = 'x-invoice-pdf-ahead'

const started = new Map<string, InvoicePdfAhead>()
let localReq: Promise<PayloadRequest> | undefined

/**
 * The invoice's document as the endpoint would build it, read only if the invoice is the
 * customer's, and the letterhead's digest: one prepared statement, run on the pool.
 */
const OWN_INVOICE = {
  name: 'invoice-pdf-ahead',
  text: `SELECT i.number, i.period, i.issue_date, i.due_date, i.status, i.subtotal, i.discount_total, i.ppn, i.ppn_rate,
                i.credit_applied, i.total, i.amount_paid, i.balance_due, i.void_reason,
                (SELECT coalesce(json_agg(json_build_object('description', l.description, 'quantity', l.quantity,
                                           'unitPrice', l.unit_price, 'amount', l.amount) ORDER BY l._order), '[]')
                   FROM invoices_lines l WHERE l._parent_id = i.id) AS lines,
                c.number AS customer_number, c.name AS customer_name, c.address AS customer_address, c.phone AS customer_phone,
                (SELECT g.pay_url FROM gateway_payments g
                  WHERE g.invoice_id = i.id AND g.status = 'pending' AND g.expires_at > $3
                  ORDER BY g.created_at DESC, g.id DESC LIMIT 1) AS pay_url,
                (${LETTERHEAD_DIGEST}) AS letterhead
           FROM invoices i JOIN customers c ON c.id = i.customer_id
          WHERE i.id = $1 AND i.customer_id = $2`,
}

async function readOwnInvoice(payload: Payload, invoiceId: number, customerId: number) {
  const { rows } = await pgPool(payload).query({ ...OWN_INVOICE, values: [invoiceId, customerId, new Date()] })
  const r = rows[0] as Record<string, unknown> | undefined
  if (!r) return undefined
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  const date = (v: unknown) => new Date(v as string).toISOString()
  // The fields invoiceDocumentData reads, as Payload's read returns them.
  const invoice = {
    number: r.number,
    period: r.period,
    issueDate: date(r.issue_date),
    dueDate: date(r.due_date),
    status: r.status,
    lines: r.lines,
    subtotal: num(r.subtotal),
    discountTotal: num(r.discount_total),
    ppn: num(r.ppn),
    ppnRate: num(r.ppn_rate),
    creditApplied: num(r.credit_applied),
    total: num(r.total),
    amountPaid: num(r.amount_paid),
    balanceDue: num(r.balance_due),
    voidReason: r.void_reason,
  } as unknown as Invoice
  const customer = {
    number: r.customer_number as string | null,
    name: r.customer_name as string,
    address: r.customer_address as string | null,
    phone: r.customer_phone as string,
  }
  return { data: invoiceDocumentData(invoice, customer, r.pay_url as string | null), letterhead: String(r.letterhead) }
}

async function renderAhead(payload: Payload, invoiceId: number, customerId: number) {
  const own = await readOwnInvoice(payload, invoiceId, customerId)
  if (!own) return undefined
  const { data } = own
  const isp = await ispProfileAt(await (localReq ??= createLocalReq({}, payload)), own.letterhead)
  const key = invoicePdfKey(data, documentVersion(data, isp))
  // Already kept (a repeat download, or one pre-rendered after the invoice run): nothing to render.
  if (await pdfCache().has(key)) return undefined
  const pdf = renderInThread(data, isp)
  return pdf && { key, pdf }
}

/**
 * Starts rendering a customer's invoice PDF ahead of the checks (see above). Resolves once the
 * render is under way, to the reference the endpoint takes it by, or to undefined when there is
 * nothing to start (not their invoice, already kept, the render thread busy or off: the endpoint
 * renders as before). The server passes the request on to Payload only then, so the early read
 * does not wait behind Payload's own work on the event loop; it is one statement.
 */
export async function startInvoicePdfAhead(
  payload: Payload,
  invoiceId: number,
  customerId: number,
): Promise<string | undefined> {
  const ahead = await renderAhead(payload, invoiceId, customerId).catch((error: unknown) => {
    logger.warn({ err: error, invoiceId }, 'early invoice PDF render failed; the download renders it itself')
    return undefined
  })
  if (!ahead) return undefined
  // A render that fails after the download stopped waiting for it is not an unhandled rejection.
  ahead.pdf.catch(() => undefined)
  const ref = randomBytes(16).toString('hex')
  started.set(ref, ahead)
  return ref
}

/** The early render under this reference (once: it is forgotten when taken). */
export function takeInvoicePdfAhead(ref: string | null | undefined): InvoicePdfAhead | undefined {
  if (!ref) return undefined
  const ahead = started.get(ref)
  started.delete(ref)
  return ahead
}

/** Forgets an early render the endpoint did not take (the request ended another way). */
export function dropInvoicePdfAhead(ref: string): void {
  started.delete(ref)
}
