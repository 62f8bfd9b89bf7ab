import path from 'node:path'

import type { PayloadRequest } from 'payload'

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
import { type IspProfileData, loadIspProfile } from './ispProfile'

let cache: PdfCache | undefined
/** Where rendered PDFs are kept (PDF_CACHE_DIR, default `.data/pdf-cache`). */
export const pdfCacheDir = () =>
  path.resolve(process.env.PDF_CACHE_DIR || path.join(process.env.DATA_DIR || '.data', 'pdf-cache'))
/** Rendered PDFs, by number and content version. */
const pdfCache = () => (cache ??= createPdfCache(pdfCacheDir()))

const PRINTED_CUSTOMER_FIELDS = { number: true, name: true, address: true, phone: true } as const

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

/** The reads a tagihan is drawn from besides the invoice itself, each already under way. */
export type InvoiceDocumentReads = {
  /** The customer's printed fields, read by the id given to `startInvoiceDocumentReads`. */
  customer?: { id: number; read: Promise<Pick<Customer, 'number' | 'name' | 'address' | 'phone'>> }
  openLink: Promise<string | undefined>
  letterhead: Promise<IspProfileData>
}

const printedCustomer = (req: PayloadRequest, id: number) =>
  // Only the printed fields: a whole customer also runs the subqueries of its five join fields.
  req.payload.findByID({
    collection: 'customers',
    id,
    depth: 0,
    joins: false,
    select: PRINTED_CUSTOMER_FIELDS,
    overrideAccess: true,
    req,
  })

/**
 * Starts the tagihan's reads that need only the invoice's id (its open pay link, the letterhead) and,
 * when the caller knows it, its customer's id, so they run alongside the invoice's own read instead
 * of after it. `loadInvoiceDocument` waits for them; a customer read for another id is not used.
 */
export function startInvoiceDocumentReads(
  req: PayloadRequest,
  { invoiceId, customerId }: { invoiceId: number; customerId?: number },
): InvoiceDocumentReads {
  const reads: InvoiceDocumentReads = {
    customer: customerId === undefined ? undefined : { id: customerId, read: printedCustomer(req, customerId) },
    openLink: req.payload
      .find({
        collection: 'gateway-payments',
        where: {
          invoice: { equals: invoiceId },
          status: { equals: 'pending' },
          expiresAt: { greater_than: new Date().toISOString() },
        },
        sort: '-createdAt',
        limit: 1,
        pagination: false, // no count query
        select: { payUrl: true },
        depth: 0,
        overrideAccess: true,
        req,
      })
      .then((found) => found.docs[0]?.payUrl ?? undefined),
    letterhead: loadIspProfile(req),
  }
  // Awaited by loadInvoiceDocument, unless the invoice turns out not to be the caller's to read.
  for (const read of [reads.customer?.read, reads.openLink, reads.letterhead]) read?.catch(() => undefined)
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
  const [customer, payUrl, isp] = await Promise.all([
    reads.customer?.id === customerId ? reads.customer.read : printedCustomer(req, customerId),
    reads.openLink,
    reads.letterhead,
  ])
  return { data: invoiceDocumentData(invoice, customer, payUrl), isp }
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
  prerender = false,
}: {
  req: PayloadRequest
  invoice: Invoice
  /** Reads started alongside the invoice's own (`startInvoiceDocumentReads`). */
  reads?: InvoiceDocumentReads
  /** Resolve only once the PDF is in the cache (the pre-render job). */
  prerender?: boolean
}): Promise<Pdf> {
  const { data, isp } = await loadInvoiceDocument({ req, invoice, reads })
  const version = documentVersion(data, isp)
  const pdf = await pdfCache().getOrRender(
    `${data.number}-${version}`,
    () => {
      logger.debug({ invoice: data.number }, 'rendering invoice PDF')
      return renderInvoicePdf(data, isp)
    },
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
