import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startFakeMidtrans } from '../../src/fakes/midtrans'
import type { FakeMidtrans } from '../../src/fakes/midtrans'
import { startFakeXendit } from '../../src/fakes/xendit'
import type { FakeXendit } from '../../src/fakes/xendit'
import {
  createMidtransGateway,
  createXenditGateway,
  GatewayAuthError,
  GatewayError,
  GatewayPayloadError,
  GatewayRejectedError,
  GatewaySignatureError,
  GatewayUnavailableError,
} from '../../src/plugins/billing/gateways'
import type { NormalizedGatewayEvent, PaymentGateway } from '../../src/plugins/billing/gateways'
import { freePort } from '../helpers/net'

const SERVER_KEY = 'SB-Mid-server-int-test'
const SECRET_KEY = 'xnd_development_int_test'
const CALLBACK_TOKEN = 'int-test-callback-token'

/** What the webhook receiver did with one delivery. */
type Received = { provider: string; outcome: 'ok' | 'signature' | 'payload'; event?: NormalizedGatewayEvent }

let midtransFake: FakeMidtrans
let xenditFake: FakeXendit
let midtrans: PaymentGateway
let xendit: PaymentGateway
let receiver: http.Server
let receiverUrl: string
const received: Received[] = []

/** A webhook endpoint as the app will have one: verify, then answer 200, 401 or 400. */
function startReceiver(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const provider = req.url === '/midtrans' ? 'midtrans' : 'xendit'
      const gateway = provider === 'midtrans' ? midtrans : xendit
      try {
        const event = gateway.parseNotification({ headers: req.headers, rawBody: Buffer.concat(chunks) })
        received.push({ provider, outcome: 'ok', event })
        res.writeHead(200).end('OK')
      } catch (err) {
        const signature = err instanceof GatewaySignatureError
        received.push({ provider, outcome: signature ? 'signature' : 'payload' })
        res.writeHead(signature ? 401 : err instanceof GatewayPayloadError ? 400 : 500).end()
      }
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

let orderSeq = 0
const nextOrderId = () => `INV-20260101-${String(++orderSeq).padStart(4, '0')}-1`
const payment = (orderId = nextOrderId(), amount = 150_000) => ({
  orderId,
  amount,
  description: 'Internet 20 Mbps Januari 2026',
  customer: { name: 'Budi Santoso', email: 'budi@example.co.id', phone: '6281234567890' },
  expiresInMinutes: 60,
})

beforeAll(async () => {
  receiver = await startReceiver()
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  midtransFake = await startFakeMidtrans({ serverKey: SERVER_KEY, notificationUrl: `${receiverUrl}/midtrans` })
  xenditFake = await startFakeXendit({
    secretKey: SECRET_KEY,
    callbackToken: CALLBACK_TOKEN,
    notificationUrl: `${receiverUrl}/xendit`,
  })
  midtrans = createMidtransGateway({ serverKey: SERVER_KEY, baseUrl: midtransFake.url, timeoutMs: 2_000 })
  xendit = createXenditGateway({
    secretKey: SECRET_KEY,
    callbackToken: CALLBACK_TOKEN,
    baseUrl: xenditFake.url,
    timeoutMs: 2_000,
  })
})

afterAll(async () => {
  await midtransFake?.close()
  await xenditFake?.close()
  await new Promise((r) => receiver?.close(r))
})

beforeEach(() => {
  received.length = 0
})

describe('Midtrans Snap adapter against the fake', () => {
  it('creates a transaction and returns its payment page', async () => {
    const input = payment()
    const created = await midtrans.createPayment({ ...input, returnUrl: 'http://127.0.0.1:3000/portal/tagihan' })
    expect(created.provider).toBe('midtrans')
    expect(created.orderId).toBe(input.orderId)
    expect(created.payUrl).toBe(`${midtransFake.url}/snap/v4/redirection/${created.providerRef}`)
    expect(Date.parse(created.expiresAt!)).toBeGreaterThan(Date.now())

    const tx = midtransFake.transactions.get(input.orderId)!
    expect(tx.grossAmount).toBe(150_000)
    expect(tx.status).toBe('pending')
    expect(tx.request).toMatchObject({
      transaction_details: { order_id: input.orderId, gross_amount: 150_000 },
      customer_details: { first_name: 'Budi Santoso', email: 'budi@example.co.id' },
      expiry: { unit: 'minute', duration: 60 },
      callbacks: { finish: 'http://127.0.0.1:3000/portal/tagihan' },
    })
  })

  it('surfaces a reused order id as a refusal that is not worth retrying', async () => {
    const input = payment()
    await midtrans.createPayment(input)
    const err = await midtrans.createPayment(input).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatewayRejectedError)
    expect(err).not.toBeInstanceOf(GatewayUnavailableError)
    expect(err).toMatchObject({
      status: 400,
      retryable: false,
      providerMessages: ['transaction_details.order_id has already been taken'],
    })
  })

  it('passes on Snap validation messages', async () => {
    const err = await midtrans.createPayment(payment('INV 2026/01')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatewayRejectedError)
    expect((err as GatewayRejectedError).providerMessages).toContain(
      'transaction_details.order_id contains invalid character',
    )
    await expect(midtrans.createPayment(payment(nextOrderId(), 1500.5))).rejects.toThrow(RangeError)
  })

  it('says clearly when the server key is wrong', async () => {
    const wrong = createMidtransGateway({ serverKey: 'SB-Mid-server-wrong', baseUrl: midtransFake.url })
    const input = payment()
    const err = await wrong.createPayment(input).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatewayAuthError)
    expect((err as Error).message).toMatch(/server key/)
    expect((err as GatewayAuthError).status).toBe(401)
    expect(midtransFake.transactions.has(input.orderId)).toBe(false)
  })

  it('turns a 5xx into a retryable error, once', async () => {
    midtransFake.failNext(500)
    const input = payment()
    const err = await midtrans.createPayment(input).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatewayUnavailableError)
    expect(err).toMatchObject({ status: 500, retryable: true })
    // The failure was used up: a new attempt goes through.
    await expect(midtrans.createPayment(payment())).resolves.toMatchObject({ provider: 'midtrans' })
  })

  it('gives up on a Snap that never answers, and on one that is not there', async () => {
    midtransFake.failNext('timeout')
    const quick = createMidtransGateway({ serverKey: SERVER_KEY, baseUrl: midtransFake.url, timeoutMs: 300 })
    await expect(quick.createPayment(payment())).rejects.toBeInstanceOf(GatewayUnavailableError)
    const nowhere = createMidtransGateway({ serverKey: SERVER_KEY, baseUrl: `http://127.0.0.1:${await freePort()}` })
    await expect(nowhere.createPayment(payment())).rejects.toBeInstanceOf(GatewayUnavailableError)
  })

  it('sends signed notifications that the adapter verifies, repeats included', async () => {
    const input = payment()
    await midtrans.createPayment(input)
    const deliveries = await midtransFake.settle(input.orderId, { duplicate: 2 })
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200])
    expect(received).toHaveLength(3)
    const [first, ...repeats] = received.map((r) => r.event!)
    expect(first).toMatchObject({
      provider: 'midtrans',
      orderId: input.orderId,
      status: 'paid',
      amount: 150_000,
      currency: 'IDR',
    })
    for (const repeat of repeats) expect(repeat.eventKey).toBe(first.eventKey)
  })

  it('delivers out-of-order statuses as separate events', async () => {
    const input = payment()
    await midtrans.createPayment(input)
    await midtransFake.settle(input.orderId)
    await midtransFake.sendNotification(input.orderId, 'pending')
    const [settled, late] = received.map((r) => r.event!)
    expect(settled.status).toBe('paid')
    expect(late.status).toBe('pending')
    expect(late.eventKey).not.toBe(settled.eventKey)
  })

  it('has forged notifications refused with 401 and reports a changed amount faithfully', async () => {
    const input = payment()
    await midtrans.createPayment(input)
    const [forged] = await midtransFake.sendNotification(input.orderId, 'settlement', { tamperSignature: true })
    expect(forged.status).toBe(401)
    expect(received[0]).toMatchObject({ outcome: 'signature' })

    // A correctly signed, different amount is authentic: the billing code must compare it.
    await midtransFake.sendNotification(input.orderId, 'settlement', { amountOverride: '100000.00' })
    expect(received[1].event).toMatchObject({ status: 'paid', amount: 100_000 })
  })

  it('notifies expiry', async () => {
    const input = payment()
    await midtrans.createPayment(input)
    await midtransFake.expire(input.orderId)
    expect(received[0].event).toMatchObject({
      orderId: input.orderId,
      status: 'expired',
      eventKey: `midtrans:${input.orderId}:expire`,
    })
    await expect(midtransFake.settle(input.orderId)).rejects.toThrow(/expire/)
  })

  it('lets a customer pay on the payment page, notifying before sending them back', async () => {
    const input = payment()
    const created = await midtrans.createPayment({ ...input, returnUrl: 'http://127.0.0.1:3000/portal/tagihan' })
    const page = await (await fetch(created.payUrl)).text()
    expect(page).toContain('Rp150.000')
    expect(page).toContain('>Bayar</button>')

    const paid = await fetch(`${created.payUrl}/pay`, { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBe(303)
    const back = new URL(paid.headers.get('location')!)
    expect(back.pathname).toBe('/portal/tagihan')
    expect(back.searchParams.get('order_id')).toBe(input.orderId)
    expect(back.searchParams.get('transaction_status')).toBe('settlement')
    expect(received.map((r) => r.event?.status)).toEqual(['paid'])

    const again = await (await fetch(created.payUrl)).text()
    expect(again).toContain('sudah dibayar')
    expect(again).not.toContain('>Bayar</button>')
  })
})

describe('cancelling a pay link (an invoice was voided)', () => {
  it('Midtrans: an unstarted Snap session is cancelled and its page no longer takes money', async () => {
    const input = payment()
    const created = await midtrans.createPayment(input)
    await expect(midtrans.cancelPayment({ orderId: input.orderId, providerRef: created.providerRef })).resolves.toBe(
      'cancelled',
    )
    const page = await (await fetch(created.payUrl)).text()
    expect(page).toContain('sudah tidak berlaku')
    expect(page).not.toContain('>Bayar</button>')
    const pay = await fetch(`${created.payUrl}/pay`, { method: 'POST', redirect: 'manual' })
    expect(pay.status).toBe(303)
    await expect(midtransFake.settle(input.orderId)).rejects.toThrow(/cancel/)
    // Asking again is harmless.
    await expect(midtrans.cancelPayment({ orderId: input.orderId, providerRef: created.providerRef })).resolves.toBe(
      'cancelled',
    )
    expect(received).toEqual([])
  })

  it('Midtrans: once the customer has a VA number, the transaction is cancelled through the Core API and notified', async () => {
    const input = payment()
    const created = await midtrans.createPayment(input)
    await midtransFake.startPayment(input.orderId)
    const snap = await fetch(`${midtransFake.url}/snap/v1/transactions/${created.providerRef}/cancel`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${SERVER_KEY}:`).toString('base64')}` },
    })
    expect(((await snap.json()) as { error_messages: string[] }).error_messages).toEqual(['Transaction is on progress'])
    received.length = 0
    await expect(midtrans.cancelPayment({ orderId: input.orderId, providerRef: created.providerRef })).resolves.toBe(
      'cancelled',
    )
    expect(midtransFake.transactions.get(input.orderId)!.status).toBe('cancel')
    expect(received.map((r) => r.event && [r.event.eventKey, r.event.status])).toEqual([
      [`midtrans:${input.orderId}:cancel`, 'failed'],
    ])
  })

  it('Midtrans: a settled, an unknown or a started-but-expired transaction has nothing left to cancel', async () => {
    const settled = payment()
    const created = await midtrans.createPayment(settled)
    await midtransFake.settle(settled.orderId)
    await expect(midtrans.cancelPayment({ orderId: settled.orderId, providerRef: created.providerRef })).resolves.toBe(
      'final',
    )
    expect(midtransFake.transactions.get(settled.orderId)!.status).toBe('settlement')
    await expect(midtrans.cancelPayment({ orderId: 'INV-TIDAK-ADA-1', providerRef: 'token-tidak-ada' })).resolves.toBe(
      'final',
    )
    const expired = payment()
    const made = await midtrans.createPayment(expired)
    await midtransFake.startPayment(expired.orderId)
    await midtransFake.expire(expired.orderId)
    await expect(midtrans.cancelPayment({ orderId: expired.orderId, providerRef: made.providerRef })).resolves.toBe(
      'final',
    )
  })

  it('Midtrans: an outage is retryable and a wrong key says so', async () => {
    const input = payment()
    const created = await midtrans.createPayment(input)
    midtransFake.failNext(503)
    await expect(
      midtrans.cancelPayment({ orderId: input.orderId, providerRef: created.providerRef }),
    ).rejects.toBeInstanceOf(GatewayUnavailableError)
    const wrong = createMidtransGateway({ serverKey: 'SB-Mid-server-wrong', baseUrl: midtransFake.url })
    await expect(
      wrong.cancelPayment({ orderId: input.orderId, providerRef: created.providerRef }),
    ).rejects.toBeInstanceOf(GatewayAuthError)
    expect(midtransFake.transactions.get(input.orderId)!.status).toBe('pending')
  })

  it('Xendit: a pending invoice is expired (with its callback); a paid or unknown one has nothing left to cancel', async () => {
    const input = payment()
    const created = await xendit.createPayment(input)
    await expect(xendit.cancelPayment({ orderId: input.orderId, providerRef: created.providerRef })).resolves.toBe(
      'cancelled',
    )
    expect(xenditFake.invoices.get(created.providerRef)!.status).toBe('EXPIRED')
    expect(received.map((r) => r.event?.status)).toEqual(['expired'])
    const page = await (await fetch(created.payUrl)).text()
    expect(page).not.toContain('>Bayar</button>')
    await expect(xendit.cancelPayment({ orderId: input.orderId, providerRef: created.providerRef })).resolves.toBe(
      'final',
    )

    const paid = await xendit.createPayment(payment())
    await xenditFake.settle(paid.providerRef)
    await expect(xendit.cancelPayment({ orderId: paid.orderId, providerRef: paid.providerRef })).resolves.toBe('final')
    expect(xenditFake.invoices.get(paid.providerRef)!.status).toBe('PAID')
    await expect(xendit.cancelPayment({ orderId: 'INV-TIDAK-ADA-1', providerRef: 'a'.repeat(24) })).resolves.toBe(
      'final',
    )
    const pending = await xendit.createPayment(payment())
    xenditFake.failNext(503)
    await expect(
      xendit.cancelPayment({ orderId: pending.orderId, providerRef: pending.providerRef }),
    ).rejects.toBeInstanceOf(GatewayUnavailableError)
  })
})

describe('Snap fake checks requests as Snap does', () => {
  it('serves the official midtrans-client as Snap does', async () => {
    // The official client, pointed at the fake per instance: an independent check of the protocol.
    type SnapClient = {
      apiConfig: { getSnapApiBaseUrl(): string }
      createTransaction(body: unknown): Promise<{ token: string; redirect_url: string }>
    }
    const moduleName = 'midtrans-client'
    const { Snap } = (await import(moduleName)) as {
      Snap: new (o: { isProduction: boolean; serverKey: string }) => SnapClient
    }
    const snap = new Snap({ isProduction: false, serverKey: SERVER_KEY })
    snap.apiConfig.getSnapApiBaseUrl = () => `${midtransFake.url}/snap/v1`
    const body = { transaction_details: { order_id: nextOrderId(), gross_amount: 99_000 } }
    const created = await snap.createTransaction(body)
    expect(created.redirect_url).toBe(`${midtransFake.url}/snap/v4/redirection/${created.token}`)
    const reused = await snap.createTransaction(body).catch((e: unknown) => e)
    expect(reused).toMatchObject({
      httpStatusCode: 400,
      ApiResponse: { error_messages: ['transaction_details.order_id has already been taken'] },
    })
  })

  const post = (body: unknown, key = SERVER_KEY) =>
    fetch(`${midtransFake.url}/snap/v1/transactions`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  it.each([
    [
      { transaction_details: { order_id: 'A-1', gross_amount: 1500.5 } },
      'transaction_details.gross_amount must be an integer for currency IDR',
    ],
    [
      { transaction_details: { order_id: 'A-2', gross_amount: 0 } },
      'transaction_details.gross_amount must be greater than or equal to 1',
    ],
    [{ transaction_details: { gross_amount: 10_000 } }, 'transaction_details.order_id is required'],
    [
      {
        transaction_details: { order_id: 'A-3', gross_amount: 10_000 },
        item_details: [{ name: 'x', price: 5_000, quantity: 1 }],
      },
      'transaction_details.gross_amount is not equal to the sum of item_details',
    ],
  ])('refuses %j', async (body, message) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error_messages: string[] }).error_messages).toContain(message)
  })

  it('answers 401 in Midtrans form without the right Basic credentials', async () => {
    const res = await post({ transaction_details: { order_id: 'A-4', gross_amount: 10_000 } }, 'SB-Mid-server-other')
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error_messages: string[] }).error_messages[0]).toMatch(/unauthorized transaction/)
    const bare = await fetch(`${midtransFake.url}/snap/v1/transactions`, { method: 'POST', body: '{}' })
    expect(bare.status).toBe(401)
  })
})

describe('Xendit invoice adapter (xendit-node) against the fake', () => {
  it('creates an invoice and returns its checkout page', async () => {
    const input = payment()
    const created = await xendit.createPayment({ ...input, returnUrl: 'http://127.0.0.1:3000/portal/tagihan' })
    expect(created).toMatchObject({ provider: 'xendit', orderId: input.orderId })
    expect(created.payUrl).toBe(`${xenditFake.url}/web/${created.providerRef}`)
    const invoice = xenditFake.invoices.get(created.providerRef)!
    expect(created.expiresAt).toBe(invoice.expiryDate.toISOString())
    expect(invoice.request).toMatchObject({
      external_id: input.orderId,
      amount: 150_000,
      currency: 'IDR',
      invoice_duration: 3600,
      payer_email: 'budi@example.co.id',
      customer: { given_names: 'Budi Santoso', mobile_number: '+6281234567890' },
      success_redirect_url: 'http://127.0.0.1:3000/portal/tagihan',
    })
  })

  it('allows two invoices for one external_id, as Xendit does', async () => {
    const input = payment()
    const a = await xendit.createPayment(input)
    const b = await xendit.createPayment(input)
    expect(b.providerRef).not.toBe(a.providerRef)
    expect(xenditFake.find(input.orderId).id).toBe(b.providerRef)
  })

  it('says clearly when the secret key is wrong', async () => {
    const wrong = createXenditGateway({
      secretKey: 'xnd_development_wrong',
      callbackToken: CALLBACK_TOKEN,
      baseUrl: xenditFake.url,
    })
    const err = await wrong.createPayment(payment()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatewayAuthError)
    expect(err).toMatchObject({ status: 401, provider: 'xendit' })
    expect((err as Error).message).toMatch(/secret key.*INVALID_API_KEY/)
  })

  it('turns a 5xx into a retryable error, once', async () => {
    xenditFake.failNext(503)
    const err = await xendit.createPayment(payment()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatewayUnavailableError)
    expect(err).toMatchObject({ status: 503, retryable: true })
    await expect(xendit.createPayment(payment())).resolves.toMatchObject({ provider: 'xendit' })
  })

  it('gives up on a Xendit that never answers, and on one that is not there', async () => {
    xenditFake.failNext('timeout')
    const quick = createXenditGateway({
      secretKey: SECRET_KEY,
      callbackToken: CALLBACK_TOKEN,
      baseUrl: xenditFake.url,
      timeoutMs: 300,
    })
    await expect(quick.createPayment(payment())).rejects.toBeInstanceOf(GatewayUnavailableError)
    const nowhere = createXenditGateway({
      secretKey: SECRET_KEY,
      callbackToken: CALLBACK_TOKEN,
      baseUrl: `http://127.0.0.1:${await freePort()}`,
    })
    await expect(nowhere.createPayment(payment())).rejects.toBeInstanceOf(GatewayUnavailableError)
  })

  it('sends callbacks the adapter verifies; a repeat keeps its webhook-id', async () => {
    const input = payment()
    const created = await xendit.createPayment(input)
    const deliveries = await xenditFake.settle(created.providerRef, { duplicate: 1 })
    expect(deliveries.map((d) => d.status)).toEqual([200, 200])
    const [first, repeat] = received.map((r) => r.event!)
    expect(first).toMatchObject({
      provider: 'xendit',
      orderId: input.orderId,
      status: 'paid',
      amount: 150_000,
      currency: 'IDR',
    })
    expect(first.eventKey).toBe(`xendit:${deliveries[0].headers['webhook-id']}`)
    expect(repeat.eventKey).toBe(first.eventKey)
  })

  it('has a callback with the wrong token refused with 401', async () => {
    const created = await xendit.createPayment(payment())
    const [forged] = await xenditFake.sendNotification(created.providerRef, 'PAID', { tamperToken: true })
    expect(forged.status).toBe(401)
    expect(received).toEqual([{ provider: 'xendit', outcome: 'signature' }])
  })

  it('keys callbacks without webhook-id by external_id and status, and reports what was paid', async () => {
    const input = payment()
    const created = await xendit.createPayment(input)
    await xenditFake.sendNotification(created.providerRef, 'PAID', { omitWebhookId: true, amountOverride: 149_000 })
    await xenditFake.expire(created.providerRef, { omitWebhookId: true })
    const [paid, expired] = received.map((r) => r.event!)
    expect(paid).toMatchObject({ eventKey: `xendit:${input.orderId}:PAID`, status: 'paid', amount: 149_000 })
    expect(expired).toMatchObject({ eventKey: `xendit:${input.orderId}:EXPIRED`, status: 'expired', amount: 150_000 })
  })

  it('lets a customer pay on the checkout page', async () => {
    const created = await xendit.createPayment({ ...payment(), returnUrl: 'http://127.0.0.1:3000/portal/tagihan' })
    const page = await (await fetch(created.payUrl)).text()
    expect(page).toContain('Rp150.000')
    const paid = await fetch(`${created.payUrl}/pay`, { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe('http://127.0.0.1:3000/portal/tagihan')
    expect(received.map((r) => r.event?.status)).toEqual(['paid'])
    expect(xenditFake.invoices.get(created.providerRef)!.status).toBe('PAID')
  })
})

describe('Xendit fake checks requests as Xendit does', () => {
  const post = (body: unknown, key = SECRET_KEY) =>
    fetch(`${xenditFake.url}/v2/invoices`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })

  it.each([
    [{ amount: 10_000 }, '"external_id" is required'],
    [{ external_id: 'X-1', amount: 0 }, '"amount" must be larger than or equal to 1'],
    [{ external_id: 'X-2', amount: 10_000, currency: 'USD' }, '"currency" "USD" is not supported for this business'],
    [
      { external_id: 'X-3', amount: 10_000, customer: { mobile_number: '081234567890' } },
      '"customer.mobile_number" must be in E.164 format',
    ],
  ])('refuses %j', async (body, message) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error_code: 'API_VALIDATION_ERROR', message })
  })

  it('answers 401 INVALID_API_KEY without the right Basic credentials', async () => {
    const res = await post({ external_id: 'X-4', amount: 10_000 }, 'xnd_development_other')
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error_code: 'INVALID_API_KEY' })
  })
})

describe('errors', () => {
  it('all share GatewayError and carry the provider', async () => {
    midtransFake.failNext(502)
    const err = await midtrans.createPayment(payment()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GatewayError)
    expect(err).toMatchObject({ provider: 'midtrans', name: 'GatewayUnavailableError' })
  })
})
