import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../../db/sql'
import { DomainError } from '../../../../lib/errors'
import { formatPhone } from '../../../../lib/format'
import { logger } from '../../../../lib/logger'
import { relationId } from '../../../../lib/relationId'
import type { Customer, Invoice, Payment } from '../../../../payload-types'
import {
  createPdfCache,
  documentVersion,
  type InvoiceDocumentData,
  renderInvoicePdf,
  renderInvoicesPdf,
  renderReceiptPdf,
  type PdfCache,
} from '../../documents'
import { periodLabel } from '../calendar'
import { renderInThread } from '../../documents/renderThread'
import type { InvoicePdfAhead } from './invoicePdfAhead'
import { type IspProfileData, loadIspProfile } from './ispProfile'

let cache: PdfCache | undefined
/** Where rendered PDFs are kept (PDF_CACHE_DIR, default `.data/pdf-cache`). */
export const pdfCacheDir = () =>
  path.resolve(process.env.PDF_CACHE_DIR || path.join(process.env.DATA_DIR || '.data', 'pdf-cache'))
/** Rendered PDFs, by number and content version. */
export const pdfCache = () => (cache ??= createPdfCache(pdfCacheDir()))
/** The cache key of a tagihan: its number and the version of everything it is drawn from. */
export const invoicePdfKey = (data: InvoiceDocumentData, version: string) => `${data.number}-${version}`

const documentCustomer = (customer: Pick<Customer, 'number' | 'name' | 'address' | 'phone'>) => ({
  number: customer.number ?? '',
  name: customer.name,
  address: customer.address ?? undefined,
  // Printed as people read and dial it: `0812-3456-7890`.
  phone: customer.phone ? formatPhone(customer.phone) : undefined,
})

type Pdf = { filename: string; version: string; pdf: Buffer }

/** What the tagihan prints, from the invoice, its customer and the open pay link if there is one. */
export function invoiceDocumentData(
  invoice: Invoice,
  customer: Pick<Customer, 'number' | 'name' | 'address' | 'phone'>,
  payUrl?: string | null,
): InvoiceDocumentData {
  return {
    number: invoice.number ?? '',
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    periodLabel: invoice.period ? periodLabel(invoice.period) : 'Tagihan sekali bayar',
    status: invoice.status,
    customer: documentCustomer(customer),
    lines: invoice.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amount: l.amount ?? l.quantity * l.unitPrice,
    })),
    subtotal: invoice.subtotal ?? 0,
    discount: invoice.discountTotal ?? 0,
    ppnRate: invoice.ppn ? (invoice.ppnRate ?? 11) : undefined,
    ppn: invoice.ppn ?? 0,
    creditApplied: invoice.creditApplied ?? 0,
    total: invoice.total ?? 0,
    amountPaid: invoice.amountPaid ?? 0,
    balanceDue: invoice.balanceDue ?? 0,
    payUrl: payUrl ?? undefined,
    voidReason: invoice.voidReason ?? undefined,
  }
}

type PrintedCustomer = Pick<Customer, 'number' | 'name' | 'address' | 'phone'>

/** What a tagihan prints of its customer and its open pay link, as one row read by the invoice's id. */
type InvoiceParties = { customerId: number; customer: PrintedCustomer; payUrl: string | undefined }

/** The reads a tagihan is drawn from besides the invoice itself, each already under way. */
export type InvoiceDocumentReads = {
  /** The invoice's customer (printed fields) and open pay link, or null when the invoice was not found. */
  parties: Promise<InvoiceParties | null>
  letterhead: Promise<IspProfileData>
}

/**
 * The customer's printed fields and the invoice's newest pending, unexpired pay link, in one
 * statement keyed by the invoice's id (so it need not wait for the invoice's own read).
 */
async function readInvoiceParties(req: PayloadRequest, invoiceId: number): Promise<InvoiceParties | null> {
  const { rows } = await executeSql(
    req,
    sql`SELECT c.id, c.number, c.name, c.address, c.phone,
               (SELECT g.pay_url FROM gateway_payments g
                 WHERE g.invoice_id = i.id AND g.status = 'pending' AND g.expires_at > ${new Date().toISOString()}
                 ORDER BY g.created_at DESC, g.id DESC LIMIT 1) AS pay_url
          FROM invoices i JOIN customers c ON c.id = i.customer_id
         WHERE i.id = ${invoiceId}`,
  )
  const row = rows[0] as
    | { id: number; number: string | null; name: string; address: string | null; phone: string; pay_url: string | null }
    | undefined
  if (!row) return null
  return {
    customerId: row.id,
    customer: { number: row.number, name: row.name, address: row.address, phone: row.phone },
    payUrl: row.pay_url ?? undefined,
  }
}

/**
 * Starts the tagihan's reads that need only the invoice's id (its customer, its open pay link, the
 * letterhead), so they run alongside the invoice's own read instead of after it.
 * `loadInvoiceDocument` waits for them.
 */
export function startInvoiceDocumentReads(
  req: PayloadRequest,
  { invoiceId }: { invoiceId: number },
): InvoiceDocumentReads {
  const reads: InvoiceDocumentReads = {
    parties: readInvoiceParties(req, invoiceId),
    letterhead: loadIspProfile(req),
  }
  // Awaited by loadInvoiceDocument, unless the invoice turns out not to be the caller's to read.
  for (const read of [reads.parties, reads.letterhead]) read.catch(() => undefined)
  return reads
}

/** The tagihan's data and letterhead, read as the invoice PDF is drawn from them. */
export async function loadInvoiceDocument({
  req,
  invoice,
  reads = startInvoiceDocumentReads(req, { invoiceId: invoice.id }),
}: {
  req: PayloadRequest
  invoice: Invoice
  /** Reads started before the invoice was at hand (`startInvoiceDocumentReads` for this invoice). */
  reads?: InvoiceDocumentReads
}): Promise<{ data: InvoiceDocumentData; isp: IspProfileData }> {
  const customerId = relationId(invoice.customer)!
  // Independent reads: in parallel, so a first download waits for the slowest one, not their sum.
  const [partiesRead, isp] = await Promise.all([reads.parties, reads.letterhead])
  // The invoice moved to another customer between the reads: read again, now for the one it names.
  const parties = partiesRead?.customerId === customerId ? partiesRead : await readInvoiceParties(req, invoice.id)
  if (!parties || parties.customerId !== customerId)
    throw new DomainError('not_found', `Pelanggan tagihan ${invoice.number ?? invoice.id} tidak ditemukan.`)
  return { data: invoiceDocumentData(invoice, parties.customer, parties.payUrl), isp }
}

/**
 * The invoice PDF. Rendered once per content version (any change to the invoice, its customer's
 * printed details, its open pay link or the letterhead makes a new version) and served from the
 * cache after that.
 */
export async function invoicePdf({
  req,
  invoice,
  reads,
  ahead,
  prerender = false,
}: {
  req: PayloadRequest
  invoice: Invoice
  /** Reads started alongside the invoice's own (`startInvoiceDocumentReads`). */
  reads?: InvoiceDocumentReads
  /** A render started as the request arrived (invoicePdfAhead.ts): used only if it is of this very document. */
  ahead?: InvoicePdfAhead
  /** Resolve only once the PDF is in the cache (the pre-render job). */
  prerender?: boolean
}): Promise<Pdf> {
  const { data, isp } = await loadInvoiceDocument({ req, invoice, reads })
  const version = documentVersion(data, isp)
  const key = invoicePdfKey(data, version)
  const render = () => {
    logger.debug({ invoice: data.number }, 'rendering invoice PDF')
    // Off the event loop when the server's render thread is free, else here.
    return renderInThread(data, isp)?.catch(() => renderInvoicePdf(data, isp)) ?? renderInvoicePdf(data, isp)
  }
  const pdf = await pdfCache().getOrRender(
    key,
    // The same key is the same document (its version hashes everything the PDF is drawn from).
    () => (ahead?.key === key ? ahead.pdf.catch(render) : render()),
    // A download does not wait for the file; a pre-render job does.
    { answerBeforeWrite: !prerender },
  )
  return { filename: `tagihan-${data.number}.pdf`, version, pdf }
}

/**
 * Several invoices as one PDF to print, a page each in the order asked, drawn by the same renderer
 * as each invoice's own PDF. Reads with the person's access: an invoice they may not read is
 * reported as not found, and nothing is printed.
 */
export async function invoicesPdf({ req, ids }: { req: PayloadRequest; ids: number[] }): Promise<Pdf> {
  const found = await req.payload.find({
    collection: 'invoices',
    where: { id: { in: ids } },
    limit: ids.length,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const byId = new Map(found.docs.map((invoice) => [invoice.id, invoice]))
  const missing = ids.filter((id) => !byId.has(id))
  if (missing.length) throw new DomainError('not_found', `Tagihan tidak ditemukan: ${missing.join(', ')}.`)
  const documents = await Promise.all(ids.map((id) => loadInvoiceDocument({ req, invoice: byId.get(id)! })))
  const pdf = await renderInvoicesPdf(
    documents.map((d) => d.data),
    documents[0]!.isp,
  )
  return { filename: `tagihan-${ids.length}-lembar.pdf`, version: '', pdf }
}

/** The receipt (kwitansi) of a verified payment, cached the same way. */
export async function receiptPdf({ req, payment }: { req: PayloadRequest; payment: Payment }): Promise<Pdf> {
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: relationId(payment.customer)!,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const invoiceIds = (payment.allocations ?? [])
    .map((a) => relationId(a.invoice))
    .filter((id): id is number => id !== null)
  const invoices = invoiceIds.length
    ? (
        await req.payload.find({
          collection: 'invoices',
          where: { id: { in: invoiceIds } },
          depth: 0,
          limit: invoiceIds.length,
          overrideAccess: true,
          req,
        })
      ).docs
    : []
  const byId = new Map(invoices.map((i) => [i.id, i]))
  const processor = relationId(payment.processedBy)
  const staff = processor
    ? await req.payload.findByID({
        collection: 'users',
        id: processor,
        depth: 0,
        overrideAccess: true,
        req,
        disableErrors: true,
      })
    : null
  const isp = await loadIspProfile(req)
  const data = {
    number: payment.number ?? '',
    paymentDate: payment.paymentDate,
    method: payment.method,
    reference: payment.reference ?? undefined,
    amount: payment.amount,
    customer: documentCustomer(customer),
    invoices: (payment.allocations ?? []).map((a) => {
      const invoice = byId.get(relationId(a.invoice)!)
      return {
        number: invoice?.number ?? '',
        periodLabel: invoice?.period ? periodLabel(invoice.period) : '-',
        amount: a.amount,
      }
    }),
    processedBy: staff?.name ?? undefined,
    notes: payment.creditAdded
      ? `Kelebihan bayar ${payment.creditAdded} menjadi saldo untuk tagihan berikutnya.`
      : undefined,
  }
  const version = documentVersion(data, isp)
  const pdf = await pdfCache().getOrRender(`${data.number}-${version}`, () => renderReceiptPdf(data, isp))
  return { filename: `kwitansi-${data.number}.pdf`, version, pdf }
}
