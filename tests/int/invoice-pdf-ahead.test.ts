import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { renderInvoicePdf } from '../../src/plugins/billing/documents'
import { renderInThread, startRenderThread, stopRenderThread } from '../../src/plugins/billing/documents/renderThread'
import {
  invoicePdf,
  invoicePdfKey,
  loadInvoiceDocument,
} from '../../src/plugins/billing/operations/documents/documents'
import {
  startInvoicePdfAhead,
  takeInvoicePdfAhead,
} from '../../src/plugins/billing/operations/documents/invoicePdfAhead'
import { documentVersion } from '../../src/plugins/billing/documents'
import type { Invoice } from '../../src/payload-types'
import { createCustomer } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let db: pg.Client
let req: PayloadRequest
let cacheDir: string

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'pdf-ahead-'))
  process.env.PDF_CACHE_DIR = cacheDir
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  req = await createLocalReq({}, payload)
  startRenderThread()
}, 60_000)
afterAll(async () => {
  await stopRenderThread()
  await db.end()
  await rm(cacheDir, { recursive: true, force: true })
})

/** Waits until the render thread has loaded (it answers undefined while it starts). */
async function threadReady(invoice: Invoice) {
  const { data, isp } = await loadInvoiceDocument({ req, invoice })
  for (let i = 0; i < 600; i++) {
    const pdf = renderInThread(data, isp)
    if (pdf) return pdf
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the render thread did not start')
}

async function makeInvoice(customerId: number, data: Record<string, unknown> = {}) {
  return payload.create({
    collection: 'invoices',
    data: {
      customer: customerId,
      period: '2026-03',
      issueDate: '2026-03-01T00:00:00+07:00',
      dueDate: '2026-03-10T00:00:00+07:00',
      lines: [{ description: 'Paket Fiber 20 Mbps', kind: 'package', quantity: 1, unitPrice: 175_000 }],
      ...data,
    } as never,
    overrideAccess: true,
  })
}

/** The early render the server would start for this customer and invoice, taken as the endpoint takes it. */
async function ahead(invoiceId: number, customerId: number) {
  const ref = await startInvoicePdfAhead(payload, invoiceId, customerId)
  const early = takeInvoicePdfAhead(ref)
  // Taken once: a second take (a replayed reference) finds nothing.
  expect(takeInvoicePdfAhead(ref)).toBeUndefined()
  return early
}

describe('invoice PDF rendered while the download is being checked', () => {
  it('the render thread draws the same bytes as the main thread', async () => {
    const { customer } = await createCustomer(payload)
    const invoice = await makeInvoice(customer.id)
    const { data, isp } = await loadInvoiceDocument({ req, invoice })
    const threaded = await threadReady(invoice)
    expect(threaded.equals(await renderInvoicePdf(data, isp))).toBe(true)
  }, 60_000)

  it('is the very document the endpoint builds, for invoices of every shape', async () => {
    const { customer } = await createCustomer(payload, { address: 'Jl. Melati No. 7, Bekasi' })
    const { customer: bare } = await createCustomer(payload)
    await db.query(`UPDATE customers SET address = NULL WHERE id = $1`, [bare.id])
    const invoices = [
      await makeInvoice(customer.id),
      await makeInvoice(customer.id, {
        period: null,
        lines: [
          { description: 'Pemasangan', kind: 'one_off', quantity: 1, unitPrice: 250_000 },
          { description: 'Kabel tambahan', kind: 'one_off', quantity: 3, unitPrice: 12_500 },
        ],
      }),
      await makeInvoice(bare.id, { period: '2026-04' }),
    ]
    // Tax, discount, credit and payment figures as stored, and a void with its reason.
    await db.query(
      `UPDATE invoices SET ppn = 19250, ppn_rate = 11, discount_total = 5000, credit_applied = 1000, amount_paid = 50000
        WHERE id = $1`,
      [invoices[1]!.id],
    )
    await db.query(`UPDATE invoices SET status = 'void', void_reason = 'Salah paket' WHERE id = $1`, [invoices[2]!.id])
    // An open pay link is printed; an expired one is not.
    const order = unique('ORD-')
    await db.query(
      `INSERT INTO gateway_payments (order_id, provider, invoice_id, customer_id, amount, status, pay_url, expires_at, updated_at, created_at)
       VALUES ($1::text, 'midtrans', $2, $3, 175000, 'pending', 'https://bayar.example.id/' || $1::text, now() + interval '1 day', now(), now()),
              ($1::text || '-old', 'midtrans', $2, $3, 175000, 'pending', 'https://bayar.example.id/old', now() - interval '1 day', now(), now())`,
      [order, invoices[0]!.id, customer.id],
    )
    for (const stored of invoices) {
      const invoice = await payload.findByID({ collection: 'invoices', id: stored.id, depth: 0, overrideAccess: true })
      const { data, isp } = await loadInvoiceDocument({ req, invoice })
      const early = await ahead(invoice.id, relationIdOf(invoice))
      expect(early, `invoice ${invoice.number}`).toBeDefined()
      expect(early!.key).toBe(invoicePdfKey(data, documentVersion(data, isp)))
      expect((await early!.pdf).equals(await renderInvoicePdf(data, isp))).toBe(true)
    }
    const first = await loadInvoiceDocument({ req, invoice: invoices[0]! })
    expect(first.data.payUrl).toBe(`https://bayar.example.id/${order}`)
  }, 120_000)

  it("reads nothing for an invoice that is not the token's customer's, and renders nothing already kept", async () => {
    const { customer: owner } = await createCustomer(payload)
    const { customer: other } = await createCustomer(payload)
    const invoice = await makeInvoice(owner.id)
    expect(await ahead(invoice.id, other.id)).toBeUndefined()
    expect(await ahead(999_999_999, owner.id)).toBeUndefined()

    // Once the endpoint has kept the PDF, a repeat download starts no render.
    const early = await ahead(invoice.id, owner.id)
    const kept = await invoicePdf({ req, invoice, ahead: early, prerender: true })
    expect(kept.pdf.equals(await early!.pdf)).toBe(true)
    expect(await ahead(invoice.id, owner.id)).toBeUndefined()
  }, 60_000)

  it('an early render of a document that changed since is not used: the endpoint draws the new one', async () => {
    const { customer } = await createCustomer(payload)
    const invoice = await makeInvoice(customer.id)
    const early = await ahead(invoice.id, customer.id)
    expect(early).toBeDefined()
    await early!.pdf
    // Changed after the early read (by staff, a payment, anything): a new version.
    await db.query(`UPDATE invoices SET amount_paid = 75000 WHERE id = $1`, [invoice.id])
    const now = await payload.findByID({ collection: 'invoices', id: invoice.id, depth: 0, overrideAccess: true })
    const { data, isp } = await loadInvoiceDocument({ req, invoice: now })
    const served = await invoicePdf({ req, invoice: now, ahead: early, prerender: true })
    expect(data.amountPaid).toBe(75_000)
    expect(served.version).toBe(documentVersion(data, isp))
    expect(served.pdf.equals(await renderInvoicePdf(data, isp))).toBe(true)
    expect(served.pdf.equals(await early!.pdf)).toBe(false)
  }, 60_000)
})

const relationIdOf = (invoice: Invoice) =>
  typeof invoice.customer === 'object' ? invoice.customer.id : (invoice.customer as number)
