import { randomBytes } from 'node:crypto'
import path from 'node:path'

import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { documentVersion, renderInvoicePdf } from '../../src/plugins/billing/documents'
import { loadInvoiceDocument } from '../../src/plugins/billing/operations/documents/documents'
import { INVOICE_PDF_AHEAD_HEADER } from '../../src/plugins/billing/operations/documents/invoicePdfAhead'
import { createCustomer } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload } from '../helpers/payload'

/**
 * The server starts a signed-in customer's invoice PDF render as the request arrives, before
 * Payload has checked the session or the invoice's access (invoicePdfAhead.ts). What a caller
 * gets must not change: their own invoice's exact document, or nothing.
 */
let payload: Payload
beforeAll(async () => {
  // The server's PDF cache (global-setup), so this process reads the same files.
  process.env.PDF_CACHE_DIR = path.join(inject('mediaDir'), 'pdf-cache')
  payload = await testPayload()
})

async function download(id: number, headers: Record<string, string>) {
  const res = await fetch(`${inject('serverUrl')}/api/invoices/${id}/pdf`, { headers })
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) }
}

async function invoiceOf(customerId: number, period: string) {
  return payload.create({
    collection: 'invoices',
    data: {
      customer: customerId,
      period,
      issueDate: `${period}-01T00:00:00+07:00`,
      dueDate: `${period}-10T00:00:00+07:00`,
      lines: [{ description: 'Paket Fiber 30 Mbps', kind: 'package', quantity: 1, unitPrice: 225_000 }],
    } as never,
    overrideAccess: true,
  })
}

describe('invoice PDF: the render started before the checks', () => {
  it("the owner gets their invoice's exact document; another customer, a forged reference and a signed-out token get nothing", async () => {
    const a = await createCustomer(payload)
    const b = await createCustomer(payload)
    const tokenA = await login('customers', { username: a.customer.username!, password: a.password })
    const tokenB = await login('customers', { username: b.customer.username!, password: b.password })
    const invoice = await invoiceOf(a.customer.id, '2026-05')
    const { data, isp } = await loadInvoiceDocument({ req: await createLocalReq({}, payload), invoice })

    // B asks first for A's invoice (so no PDF of it is kept yet), with and without a made-up reference.
    const attempts: Record<string, string>[] = [
      { authorization: `JWT ${tokenB}` },
      { authorization: `JWT ${tokenB}`, [INVOICE_PDF_AHEAD_HEADER]: randomBytes(16).toString('hex') },
      { cookie: `payload-token=${tokenB}` },
    ]
    for (const headers of attempts) {
      const res = await download(invoice.id, headers)
      // 404 to B's session; the cookie without a page of ours behind it is no session (401).
      expect(res.status).toBe('cookie' in headers ? 401 : 404)
      expect(res.type).not.toBe('application/pdf')
    }

    // A gets exactly the document drawn from the invoice (as rendered in the main thread).
    const own = await download(invoice.id, {
      authorization: `JWT ${tokenA}`,
      [INVOICE_PDF_AHEAD_HEADER]: randomBytes(16).toString('hex'),
    })
    expect(own.status).toBe(200)
    expect(own.type).toBe('application/pdf')
    expect(own.bytes.equals(await renderInvoicePdf(data, isp))).toBe(true)

    // Ids past PostgreSQL's integer range, and another spelling of the path (with a made-up
    // reference), are answered as before: not found, never a 5xx.
    for (const path of [
      '/api/invoices/9999999999/pdf',
      '/api/invoices/2147483648/pdf',
      `/api/Invoices/${invoice.id}/pdf`,
    ]) {
      const res = await fetch(`${inject('serverUrl')}${path}`, {
        headers: { authorization: `JWT ${tokenA}`, [INVOICE_PDF_AHEAD_HEADER]: randomBytes(16).toString('hex') },
      })
      expect(res.status).toBe(404)
    }

    // A second invoice, never downloaded: once A signs out, their token opens nothing, though it
    // still carries a valid signature (the early render may start; it is never sent).
    const second = await invoiceOf(a.customer.id, '2026-06')
    expect((await api('/api/customers/logout', { method: 'POST', token: tokenA })).status).toBe(200)
    const out = await download(second.id, { authorization: `JWT ${tokenA}` })
    expect(out.status).toBe(401)
    expect(out.type).not.toBe('application/pdf')
  })

  it('an invoice changed while the first render runs is served as it is now', async () => {
    const a = await createCustomer(payload)
    const token = await login('customers', { username: a.customer.username!, password: a.password })
    const invoice = await invoiceOf(a.customer.id, '2026-07')
    const req = await createLocalReq({}, payload)
    const before = await loadInvoiceDocument({ req, invoice })
    const [first] = await Promise.all([
      download(invoice.id, { authorization: `JWT ${token}` }),
      payload.update({
        collection: 'invoices',
        id: invoice.id,
        data: { dueDate: '2026-07-20T00:00:00+07:00' },
        overrideAccess: true,
      }),
    ])
    const now = await payload.findByID({ collection: 'invoices', id: invoice.id, depth: 0, overrideAccess: true })
    const { data, isp } = await loadInvoiceDocument({ req, invoice: now })
    expect(data.dueDate).not.toBe(before.data.dueDate)
    // Whichever state the download read, its bytes are that state's whole document, never a mix.
    expect(first.status).toBe(200)
    const renders = [await renderInvoicePdf(before.data, before.isp), await renderInvoicePdf(data, isp)]
    expect(renders.some((pdf) => pdf.equals(first.bytes))).toBe(true)
    // The next download is the new state's.
    const after = await fetch(`${inject('serverUrl')}/api/invoices/${invoice.id}/pdf`, {
      headers: { authorization: `JWT ${token}` },
    })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).toBe(`"${documentVersion(data, isp)}"`)
    expect(Buffer.from(await after.arrayBuffer()).equals(await renderInvoicePdf(data, isp))).toBe(true)
  })
})
