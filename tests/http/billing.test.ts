import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import sharp from 'sharp'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { executeSql } from '../../src/db/sql'
import { midtransSignature } from '../../src/plugins/billing/gateways'
import {
  INVOICE_LINK_DAYS,
  invoiceLink,
  sqlInvoiceLink,
} from '../../src/plugins/billing/operations/invoices/invoiceLinks'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { TEST_GATEWAYS } from '../helpers/gateways'
import { api, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let db: pg.Client
beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(async () => {
  await db.end()
})

const MIDTRANS = '/api/billing/gateways/midtrans/notification'
const XENDIT = '/api/billing/gateways/xendit/notification'

/** A Midtrans notification body, signed as Midtrans signs it (or not). */
function midtransNotification(orderId: string, status: string, grossAmount: string, { sign = true } = {}) {
  const statusCode = status === 'settlement' ? '200' : status === 'pending' ? '201' : '202'
  return {
    order_id: orderId,
    status_code: statusCode,
    gross_amount: grossAmount,
    transaction_status: status,
    currency: 'IDR',
    transaction_time: '2026-11-27 10:00:00',
    signature_key: sign
      ? midtransSignature(orderId, statusCode, grossAmount, TEST_GATEWAYS.midtransServerKey)
      : 'f'.repeat(128),
  }
}

async function openInvoice(amount = 200_000, extra: Record<string, unknown> = {}, shared?: { id: number }) {
  const pkg = shared ?? (await createPackage(payload, { monthlyPrice: amount }))
  const { customer, password } = await createCustomer(payload, { package: pkg.id, billingDay: 1, ...extra })
  const invoice = await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      period: '2026-01',
      issueDate: '2026-01-01T00:00:00+07:00',
      dueDate: '2026-01-10T00:00:00+07:00',
      lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: amount }],
    } as never,
    overrideAccess: true,
  })
  return { customer, password, invoice }
}

/** A pay link attempt as the pay endpoint would have stored it. */
async function attempt(invoice: { id: number; customer: unknown; total?: number | null }, orderId = unique('ORD-')) {
  return payload.create({
    collection: 'gateway-payments',
    data: {
      orderId,
      provider: 'midtrans',
      invoice: invoice.id,
      customer: (invoice.customer as { id?: number }).id ?? (invoice.customer as number),
      amount: invoice.total!,
      status: 'pending',
      payUrl: 'https://contoh/bayar',
    },
    overrideAccess: true,
  })
}
const invoiceNow = (id: number) => payload.findByID({ collection: 'invoices', id, depth: 0, overrideAccess: true })
const count = async (table: string) => Number((await db.query(`SELECT count(*) FROM ${table}`)).rows[0].count)

describe('gateway notifications', () => {
  it('refuses unsigned, mis-signed, malformed and oversized notifications without writing anything', async () => {
    const { invoice } = await openInvoice()
    const order = await attempt(invoice)
    const before = [await count('gateway_events'), await count('payments')]
    const forged = midtransNotification(order.orderId, 'settlement', '200000.00', { sign: false })
    expect((await api(MIDTRANS, { method: 'POST', body: forged })).status).toBe(401)
    const { signature_key: _, ...unsigned } = midtransNotification(order.orderId, 'settlement', '200000.00')
    expect((await api(MIDTRANS, { method: 'POST', body: unsigned })).status).toBe(401)
    // A valid signature for a different amount does not cover this one.
    const tampered = { ...midtransNotification(order.orderId, 'settlement', '1000.00'), gross_amount: '200000.00' }
    expect((await api(MIDTRANS, { method: 'POST', body: tampered })).status).toBe(401)
    expect((await api(MIDTRANS, { method: 'POST', body: '{"order_id": ' })).status).toBe(400)
    expect((await api(MIDTRANS, { method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(200_000) }) })).status).toBe(
      413,
    )
    expect(
      (
        await api(XENDIT, {
          method: 'POST',
          body: { external_id: order.orderId, status: 'PAID', paid_amount: 200000, currency: 'IDR' },
          headers: { 'x-callback-token': 'salah' },
        })
      ).status,
    ).toBe(401)
    expect([await count('gateway_events'), await count('payments')]).toEqual(before)
    expect((await invoiceNow(invoice.id)).status).toBe('unpaid')
  })

  it('answers 404 for an unknown order and records it once', async () => {
    const orderId = unique('TAKADA-')
    const body = midtransNotification(orderId, 'settlement', '50000.00')
    expect((await api(MIDTRANS, { method: 'POST', body })).status).toBe(404)
    expect((await api(MIDTRANS, { method: 'POST', body })).status).toBe(404)
    const events = await db.query('SELECT outcome FROM gateway_events WHERE order_id = $1', [orderId])
    expect(events.rows).toEqual([{ outcome: 'unknown_order' }])
  })

  it('holds a wrong amount for finance instead of marking the invoice paid', async () => {
    const { invoice } = await openInvoice(150_000)
    const order = await attempt(invoice)
    const res = await api(MIDTRANS, {
      method: 'POST',
      body: midtransNotification(order.orderId, 'settlement', '15000.00'),
    })
    expect(res.status).toBe(200)
    expect(res.json.outcome).toBe('amount_mismatch')
    expect((await invoiceNow(invoice.id)).status).toBe('unpaid')
    const stored = await payload.findByID({ collection: 'gateway-payments', id: order.id, overrideAccess: true })
    expect(stored.status).toBe('review')
    const alert = await payload.count({
      collection: 'payload-jobs',
      where: {
        and: [
          { taskSlug: { equals: 'staffAlert' } },
          { 'input.key': { like: `gateway-mismatch:midtrans:${order.orderId}` } },
        ],
      },
      overrideAccess: true,
    })
    expect(alert.totalDocs).toBe(1)
  })

  it(
    '1,000 notifications, 30% repeated and shuffled, pay each invoice once and record each payment once',
    { timeout: 300_000 },
    async () => {
      const orders: { invoiceId: number; orderId: string; amount: number }[] = []
      const pkg = await createPackage(payload, { monthlyPrice: 100_000 })
      for (let i = 0; i < 350; i++) {
        const amount = 100_000 + i * 1000
        const { invoice } = await openInvoice(amount, {}, pkg)
        const order = await attempt(invoice)
        orders.push({ invoiceId: invoice.id, orderId: order.orderId, amount })
      }
      const first = orders.flatMap((o) => [
        midtransNotification(o.orderId, 'pending', `${o.amount}.00`),
        midtransNotification(o.orderId, 'settlement', `${o.amount}.00`),
      ])
      const notifications = [...first, ...first.slice(0, 300)]
      // Every tenth order also gets an "expire" after it was paid: it must not un-pay.
      notifications.push(
        ...orders
          .filter((_, i) => i % 10 === 0)
          .map((o) => midtransNotification(o.orderId, 'expire', `${o.amount}.00`)),
      )
      const shuffled = notifications
        .map((n) => ({ n, k: Math.random() }))
        .sort((a, b) => a.k - b.k)
        .map(({ n }) => n)
        .slice(0, 1000)
      const statuses: number[] = []
      for (let i = 0; i < shuffled.length; i += 25) {
        statuses.push(
          ...(await Promise.all(
            shuffled.slice(i, i + 25).map((body) => api(MIDTRANS, { method: 'POST', body }).then((r) => r.status)),
          )),
        )
      }
      expect(statuses.filter((s) => s !== 200)).toEqual([])

      const settled = new Set(shuffled.filter((n) => n.transaction_status === 'settlement').map((n) => n.order_id))
      const ids = orders.map((o) => o.invoiceId)
      const invoices = await db.query(`SELECT id, status, amount_paid FROM invoices WHERE id = ANY($1)`, [ids])
      for (const row of invoices.rows) {
        const order = orders.find((o) => o.invoiceId === row.id)!
        if (settled.has(order.orderId)) expect([row.status, Number(row.amount_paid)]).toEqual(['paid', order.amount])
        else expect(row.status).toBe('unpaid')
      }
      const payments = await db.query(
        `SELECT reference, count(*)::int AS n FROM payments WHERE reference = ANY($1) GROUP BY reference`,
        [orders.map((o) => `midtrans:${o.orderId}`)],
      )
      expect(payments.rows.length).toBe(settled.size)
      expect(payments.rows.every((r) => r.n === 1)).toBe(true)
      const events = await db.query(`SELECT event_key FROM gateway_events WHERE order_id = ANY($1)`, [
        orders.map((o) => o.orderId),
      ])
      expect(new Set(events.rows.map((r) => r.event_key)).size).toBe(events.rows.length)
    },
  )

  it('a suspended customer paying through the pay link is restored by the settlement, with the router restore queued', async () => {
    const { customer, password, invoice } = await openInvoice(175_000, { status: 'active' })
    await payload.update({
      collection: 'customers',
      id: customer.id,
      data: { status: 'suspended' },
      overrideAccess: true,
    })
    // Marked as billing's isolir, as the isolir run does in SQL (a suspension through the API is by hand).
    await payload.db.updateOne({ collection: 'customers', id: customer.id, data: { suspensionSource: 'billing' } })
    const token = await login('customers', { username: customer.username!, password })
    const link = await api(`/api/invoices/${invoice.id}/pay`, { method: 'POST', token })
    expect(link.status).toBe(201)
    expect(link.json.payUrl).toContain(inject('midtransUrl'))
    const again = await api(`/api/invoices/${invoice.id}/pay`, { method: 'POST', token })
    expect([again.status, again.json.payUrl]).toEqual([200, link.json.payUrl])

    // The customer presses "Bayar" on the gateway's page; the gateway notifies the server.
    const paid = await fetch(`${link.json.payUrl}/pay`, { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBeLessThan(400)
    const after = await invoiceNow(invoice.id)
    expect(after.status).toBe('paid')
    const restored = await payload.findByID({
      collection: 'customers',
      id: customer.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(restored.status).toBe('active')
    const actions = await payload.find({
      collection: 'network-actions',
      where: { customer: { equals: customer.id } },
      sort: 'createdAt',
      overrideAccess: true,
    })
    expect(actions.docs.map((a) => a.action)).toEqual(['suspend', 'restore'])
    expect((await api(`/api/invoices/${invoice.id}/pay`, { method: 'POST', token })).status).toBe(409)
  })

  it('Xendit: the right callback token pays, a repeat with the same webhook-id changes nothing', async () => {
    const { invoice } = await openInvoice(120_000)
    const order = await payload.create({
      collection: 'gateway-payments',
      data: {
        orderId: unique('XND-'),
        provider: 'xendit',
        invoice: invoice.id,
        customer: invoice.customer as number,
        amount: 120_000,
        status: 'pending',
      },
      overrideAccess: true,
    })
    const body = {
      id: unique('inv'),
      external_id: order.orderId,
      status: 'PAID',
      amount: 120000,
      paid_amount: 120000,
      currency: 'IDR',
      paid_at: '2026-11-27T03:00:00.000Z',
    }
    const headers = { 'x-callback-token': TEST_GATEWAYS.xenditCallbackToken, 'webhook-id': unique('wh') }
    expect((await api(XENDIT, { method: 'POST', body, headers })).status).toBe(200)
    expect((await api(XENDIT, { method: 'POST', body, headers })).status).toBe(200)
    expect((await invoiceNow(invoice.id)).status).toBe('paid')
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM payments WHERE reference = $1`, [`xendit:${order.orderId}`]))
        .rows[0].n,
    ).toBe(1)
  })
})

describe('record payment, documents', () => {
  it('a double click records one payment; the same key for another amount is refused', async () => {
    const finance = await createStaff(payload, 'finance')
    const token = await login('users', { email: finance.email, password: finance.password })
    const { customer, invoice } = await openInvoice(210_000)
    const key = `klik-${unique()}`
    const body = { customer: customer.id, amount: 210_000, method: 'cash', invoices: [invoice.id] }
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        api('/api/payments/record', { method: 'POST', token, body, headers: { 'idempotency-key': key } }),
      ),
    )
    expect([a.status, b.status].sort()).toEqual([200, 201])
    expect(a.json.doc.id).toBe(b.json.doc.id)
    expect(
      (
        await api('/api/payments/record', {
          method: 'POST',
          token,
          body: { ...body, amount: 1000 },
          headers: { 'idempotency-key': key },
        })
      ).status,
    ).toBe(409)
    expect(
      (
        await payload.count({
          collection: 'payments',
          where: { customer: { equals: customer.id } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(1)
    expect((await invoiceNow(invoice.id)).status).toBe('paid')
    for (const bad of [
      { ...body, amount: 10.5 },
      { ...body, amount: -5 },
      { ...body, method: 'kripto' },
      'bukan json',
    ]) {
      const res = await api('/api/payments/record', { method: 'POST', token, body: bad })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toBeTruthy()
    }
    expect((await api('/api/payments/record', { method: 'POST', body })).status).toBe(401)
  })

  it('customers cannot write amount, status or processor over REST, and cannot verify', async () => {
    const { customer, password } = await openInvoice()
    const token = await login('customers', { username: customer.username!, password })
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#2a7' } })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new Blob([png], { type: 'image/png' }), 'bukti.png')
    form.append('_payload', JSON.stringify({ alt: 'bukti transfer' }))
    const upload = await api('/api/media', { method: 'POST', token, body: form })
    expect(upload.status).toBe(201)
    const created = await api('/api/payments', {
      method: 'POST',
      token,
      body: { amount: 200_000, method: 'bank_transfer', proof: upload.json.doc.id, status: 'verified', processedBy: 1 },
    })
    expect(created.status).toBe(201)
    expect(created.json.doc.status).toBe('pending')
    expect(created.json.doc.processedBy ?? null).toBeNull()
    const id = created.json.doc.id
    expect((await api(`/api/payments/${id}`, { method: 'PATCH', token, body: { amount: 1 } })).status).toBe(403)
    expect((await api(`/api/payments/${id}/verify`, { method: 'POST', token })).status).toBe(403)
    const html = new FormData()
    html.append('file', new Blob(['<html><script>alert(1)</script></html>'], { type: 'image/png' }), 'bukti.png')
    html.append('_payload', JSON.stringify({ alt: 'palsu' }))
    expect((await api('/api/media', { method: 'POST', token, body: html })).status).toBe(400)
  })

  it('the invoice PDF is served to its owner and staff, from cache on repeat, and to nobody else', async () => {
    const { customer, password, invoice } = await openInvoice(185_000)
    const other = await openInvoice()
    const token = await login('customers', { username: customer.username!, password })
    const first = await api(`/api/invoices/${invoice.id}/pdf`, { token })
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('application/pdf')
    expect(first.text.startsWith('%PDF')).toBe(true)
    const etag = first.headers.get('etag')!
    expect((await api(`/api/invoices/${invoice.id}/pdf`, { token, headers: { 'if-none-match': etag } })).status).toBe(
      304,
    )
    const otherToken = await login('customers', { username: other.customer.username!, password: other.password })
    expect((await api(`/api/invoices/${invoice.id}/pdf`, { token: otherToken })).status).toBe(404)
    expect((await api(`/api/invoices/${invoice.id}/pdf`)).status).toBe(401)
    // A payment changes the invoice, so the PDF (and its version) changes with it.
    const finance = await createStaff(payload, 'finance')
    await payload.create({
      collection: 'payments',
      data: { customer: customer.id, amount: 185_000, method: 'cash' } as never,
      overrideAccess: false,
      user: { ...finance.user, collection: 'users' },
    })
    const paid = await api(`/api/invoices/${invoice.id}/pdf`, { token, headers: { 'if-none-match': etag } })
    expect(paid.status).toBe(200)
    expect(paid.headers.get('etag')).not.toBe(etag)
  })

  it('a link sent in a message opens that invoice without signing in, no other invoice, and not after it expires', async () => {
    const { customer, password, invoice } = await openInvoice(215_000)
    const other = await openInvoice()
    const pathOf = (link: string) => {
      const url = new URL(link, 'http://localhost')
      return { path: url.pathname, e: url.searchParams.get('e')!, t: url.searchParams.get('t')! }
    }
    // As the bulk runs make it (inside PostgreSQL) and as a message sent by hand makes it.
    const req = await createLocalReq({}, payload)
    const { rows } = await executeSql(req, sql`SELECT ${sqlInvoiceLink(sql`${invoice.id}::int`)} AS link`)
    for (const link of [String(rows[0]!.link), invoiceLink(invoice.id)]) {
      const { path, e, t } = pathOf(link)
      expect(path).toBe(`/api/invoices/${invoice.id}/pdf`)
      const res = await api(`${path}?e=${e}&t=${t}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.text.startsWith('%PDF')).toBe(true)
    }

    const { e, t } = pathOf(invoiceLink(invoice.id))
    const flipped = `${t.slice(0, -1)}${t.endsWith('0') ? '1' : '0'}`
    const refused = [
      `/api/invoices/${other.invoice.id}/pdf?e=${e}&t=${t}`, // another invoice with this invoice's link
      `/api/invoices/${invoice.id}/pdf?e=${e}&t=${flipped}`, // a changed signature
      `/api/invoices/${invoice.id}/pdf?e=${Number(e) + 86_400}&t=${t}`, // a longer life
      `/api/invoices/${invoice.id}/pdf?t=${t}`, // no expiry
      `/api/invoices/${invoice.id}/pdf?e=${e}&t=`, // empty signature
      `/api/invoices/${invoice.id}/pdf?e=${e}&t=${'a'.repeat(5000)}`, // oversized
      `/api/invoices/${invoice.id}/pdf?e=-1&t=${t}`, // malformed expiry
    ]
    for (const path of refused) {
      const res = await api(path)
      expect(res.status, path).toBe(403)
      expect(res.json.errors[0].message).toBe('Tautan tagihan tidak valid.')
    }
    // Sent 62 days ago: expired, with the way to the portal.
    const old = pathOf(invoiceLink(invoice.id, new Date(Date.now() - (INVOICE_LINK_DAYS + 2) * 86_400_000)))
    const expired = await api(`${old.path}?e=${old.e}&t=${old.t}`)
    expect(expired.status).toBe(410)
    expect(expired.json.errors[0].message).toMatch(/kedaluwarsa.*portal pelanggan/)
    // Without a link: signing in, as before.
    expect((await api(`/api/invoices/${invoice.id}/pdf`)).status).toBe(401)
    // Someone signed in on the phone (here another customer) still opens the link they were sent;
    // with a bad link, the session decides: their own invoice opens, another's is not found.
    const otherToken = await login('customers', { username: other.customer.username!, password: other.password })
    const opened = await api(`/api/invoices/${invoice.id}/pdf?e=${e}&t=${t}`, { token: otherToken })
    expect(opened.status).toBe(200)
    // Drawn from the invoice's own customer whoever opens it: the owner, signed in, gets the same version.
    const ownerToken = await login('customers', { username: customer.username!, password })
    const owners = await api(`/api/invoices/${invoice.id}/pdf`, { token: ownerToken })
    expect(owners.status).toBe(200)
    expect(opened.headers.get('etag')).toBe(owners.headers.get('etag'))
    expect((await api(`/api/invoices/${invoice.id}/pdf?e=${e}&t=${flipped}`, { token: otherToken })).status).toBe(404)
    expect((await api(`/api/invoices/${other.invoice.id}/pdf?e=${e}&t=${t}`, { token: otherToken })).status).toBe(200)
  })
})

describe('gateway settlements cannot be blocked by another customer and are never lost', () => {
  const png = () =>
    sharp({ create: { width: 4, height: 4, channels: 3, background: '#27a' } })
      .png()
      .toBuffer()
  async function uploadProof(token: string) {
    const form = new FormData()
    form.append('file', new Blob([await png()], { type: 'image/png' }), 'bukti.png')
    form.append('_payload', JSON.stringify({ alt: 'bukti transfer' }))
    const res = await api('/api/media', { method: 'POST', token, body: form })
    expect(res.status, res.text).toBe(201)
    return res.json.doc.id as number
  }
  const eventsOf = async (orderId: string) =>
    (await db.query('SELECT outcome FROM gateway_events WHERE order_id = $1 ORDER BY id', [orderId])).rows.map(
      (r) => r.outcome,
    )
  const alertsFor = async (key: string) =>
    (
      await payload.count({
        collection: 'payload-jobs',
        where: { and: [{ taskSlug: { equals: 'staffAlert' } }, { 'input.key': { equals: key } }] },
        overrideAccess: true,
      })
    ).totalDocs
  const creditOf = async (customerId: number) =>
    (await payload.findByID({ collection: 'customers', id: customerId, depth: 0, overrideAccess: true }))
      .creditBalance ?? 0

  it("a customer cannot take the key of someone else's settlement (REST, GraphQL, record), and pay link order ids are not guessable", async () => {
    const victim = await openInvoice(165_000)
    const victimToken = await login('customers', { username: victim.customer.username!, password: victim.password })
    const link = await api(`/api/invoices/${victim.invoice.id}/pay`, { method: 'POST', token: victimToken })
    expect(link.status, link.text).toBe(201)
    const orderId: string = link.json.orderId
    const key = `gateway:midtrans:${orderId}`

    const attacker = await openInvoice(90_000)
    const token = await login('customers', { username: attacker.customer.username!, password: attacker.password })
    const proof = await uploadProof(token)
    const rest = await api('/api/payments', {
      method: 'POST',
      token,
      body: { amount: 1000, method: 'bank_transfer', proof, idempotencyKey: key },
    })
    expect(rest.status, rest.text).toBe(201)
    const graphql = await api('/api/graphql', {
      method: 'POST',
      token,
      body: {
        query: `mutation ($data: mutationPaymentInput!) { createPayment(data: $data) { id } }`,
        variables: {
          data: {
            customer: attacker.customer.id,
            amount: 1000,
            method: 'bank_transfer',
            status: 'pending',
            paymentDate: new Date().toISOString(),
            proof,
            idempotencyKey: `gateway:xendit:${orderId}`,
          },
        },
      },
    })
    expect(graphql.json?.errors, graphql.text).toBeUndefined()
    const recorded = await api('/api/payments/record', {
      method: 'POST',
      token,
      body: { amount: 1000, method: 'bank_transfer', proof },
      headers: { 'idempotency-key': key },
    })
    expect(recorded.status, recorded.text).toBe(201)
    const stored = await db.query('SELECT idempotency_key FROM payments WHERE customer_id = $1 ORDER BY id', [
      attacker.customer.id,
    ])
    expect(stored.rows.map((r) => r.idempotency_key)).toEqual([null, null, `customers:${attacker.customer.id}:${key}`])

    // The victim pays on the gateway's page; the signed settlement is applied.
    const paid = await fetch(`${link.json.payUrl}/pay`, { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBeLessThan(400)
    expect((await invoiceNow(victim.invoice.id)).status).toBe('paid')
    const payment = await db.query('SELECT status, idempotency_key FROM payments WHERE reference = $1', [
      `midtrans:${orderId}`,
    ])
    expect(payment.rows).toEqual([{ status: 'verified', idempotency_key: key }])
    expect(await eventsOf(orderId)).toEqual(['applied'])

    // The order id is not the guessable invoice number and attempt; another invoice's differs too.
    expect(orderId).toMatch(new RegExp(`^${victim.invoice.number}-1-[0-9a-f]{16}$`))
    const other = await openInvoice(70_000)
    const otherToken = await login('customers', { username: other.customer.username!, password: other.password })
    const second = await api(`/api/invoices/${other.invoice.id}/pay`, { method: 'POST', token: otherToken })
    expect(second.json.orderId.slice(-16)).not.toBe(orderId.slice(-16))
  })

  it('voiding an invoice cancels its pay link at the gateway; a settlement that still arrives becomes credit, once, with a staff alert', async () => {
    const { customer, password, invoice } = await openInvoice(160_000)
    const token = await login('customers', { username: customer.username!, password })
    const link = await api(`/api/invoices/${invoice.id}/pay`, { method: 'POST', token })
    expect(link.status, link.text).toBe(201)
    const orderId: string = link.json.orderId

    const finance = await createStaff(payload, 'finance')
    const financeToken = await login('users', { email: finance.email, password: finance.password })
    const voided = await api(`/api/invoices/${invoice.id}/void`, {
      method: 'POST',
      token: financeToken,
      body: { reason: 'Salah paket' },
    })
    expect(voided.status, voided.text).toBe(200)
    const linkRow = async () =>
      (await db.query('SELECT status, review_note FROM gateway_payments WHERE order_id = $1', [orderId])).rows[0]
    expect((await linkRow()).status).toBe('cancelled')
    // No link is offered for it any more, and the job cancels the one at the gateway.
    expect((await api(`/api/invoices/${invoice.id}/pay`, { method: 'POST', token })).status).toBe(409)
    const jobs = await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'cancelPayLinks' } }, { 'input.invoice': { equals: invoice.id } }] },
      overrideAccess: true,
    })
    expect(jobs.totalDocs).toBe(1)
    await payload.jobs.runByID({ id: jobs.docs[0]!.id, overrideAccess: true })
    const job = await payload.findByID({ collection: 'payload-jobs', id: jobs.docs[0]!.id, overrideAccess: true })
    expect([job.completedAt ? 'done' : 'open', job.hasError ?? false]).toEqual(['done', false])
    const page = await fetch(link.json.payUrl)
    expect(await page.text()).toContain('sudah tidak berlaku')
    const pay = await fetch(`${link.json.payUrl}/pay`, { method: 'POST', redirect: 'manual' })
    expect(pay.status).toBe(303)
    expect((await invoiceNow(invoice.id)).status).toBe('void')

    // A customer who had already received a VA number pays it anyway: the money is recorded.
    const settlement = midtransNotification(orderId, 'settlement', '160000.00')
    const res = await api(MIDTRANS, { method: 'POST', body: settlement })
    expect(res.status, res.text).toBe(200)
    expect(res.json.outcome).toBe('credited')
    expect((await api(MIDTRANS, { method: 'POST', body: settlement })).json.outcome).toBe('duplicate')
    expect((await invoiceNow(invoice.id)).status).toBe('void')
    const payments = await db.query(
      'SELECT status, amount, credit_added FROM payments WHERE reference = $1 AND customer_id = $2',
      [`midtrans:${orderId}`, customer.id],
    )
    expect(payments.rows.map((r) => [r.status, Number(r.amount), Number(r.credit_added)])).toEqual([
      ['verified', 160_000, 160_000],
    ])
    expect(await creditOf(customer.id)).toBe(160_000)
    expect(await eventsOf(orderId)).toEqual(['credited'])
    expect((await linkRow()).status).toBe('paid')
    expect((await linkRow()).review_note).toContain('sudah dibatalkan')
    // The customer sees their link paid, not finance's note on it.
    const own = await api(`/api/gateway-payments?where[orderId][equals]=${orderId}`, { token })
    expect(own.json.docs.map((d: Record<string, unknown>) => [d.status, d.reviewNote])).toEqual([['paid', undefined]])
    expect(await alertsFor(`gateway-credited:midtrans:${orderId}:settlement`)).toBe(1)
  })

  it('a settlement for an invoice another payment already paid becomes credit with a staff alert, not a second payment of it', async () => {
    const { customer, invoice } = await openInvoice(145_000)
    const order = await attempt(invoice)
    const finance = await createStaff(payload, 'finance')
    const financeToken = await login('users', { email: finance.email, password: finance.password })
    const cash = await api('/api/payments/record', {
      method: 'POST',
      token: financeToken,
      body: { customer: customer.id, amount: 145_000, method: 'cash', invoices: [invoice.id] },
    })
    expect(cash.status, cash.text).toBe(201)
    expect((await invoiceNow(invoice.id)).status).toBe('paid')

    const body = midtransNotification(order.orderId, 'settlement', '145000.00')
    const res = await api(MIDTRANS, { method: 'POST', body })
    expect([res.status, res.json.outcome]).toEqual([200, 'credited'])
    expect((await api(MIDTRANS, { method: 'POST', body })).json.outcome).toBe('duplicate')
    const after = await invoiceNow(invoice.id)
    expect([after.status, after.amountPaid]).toEqual(['paid', 145_000])
    expect(await creditOf(customer.id)).toBe(145_000)
    expect(await eventsOf(order.orderId)).toEqual(['credited'])
    expect(await alertsFor(`gateway-credited:midtrans:${order.orderId}:settlement`)).toBe(1)
  })

  it('a settlement that cannot be recorded is kept for finance with an alert, never answered 4xx and lost', async () => {
    // A pay link whose customer is not the invoice's (data gone wrong): the payment is refused.
    const { invoice } = await openInvoice(130_000)
    const stranger = await openInvoice(10_000)
    const order = await payload.create({
      collection: 'gateway-payments',
      data: {
        orderId: unique('ORD-'),
        provider: 'midtrans',
        invoice: invoice.id,
        customer: stranger.customer.id,
        amount: 130_000,
        status: 'pending',
      },
      overrideAccess: true,
    })
    const body = midtransNotification(order.orderId, 'settlement', '130000.00')
    const res = await api(MIDTRANS, { method: 'POST', body })
    expect([res.status, res.json?.outcome]).toEqual([200, 'held'])
    expect((await api(MIDTRANS, { method: 'POST', body })).json.outcome).toBe('duplicate')
    const row = (await db.query('SELECT status, review_note FROM gateway_payments WHERE id = $1', [order.id])).rows[0]
    expect(row.status).toBe('review')
    expect(row.review_note).toContain('tidak bisa dicatat otomatis')
    expect(await eventsOf(order.orderId)).toEqual(['held'])
    expect(await alertsFor(`gateway-held:midtrans:${order.orderId}:settlement`)).toBe(1)
    expect((await invoiceNow(invoice.id)).status).toBe('unpaid')
  })
})
