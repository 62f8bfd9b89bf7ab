/**
 * Billing ↔ notifications: the invoice run, payments, reminders, isolir and restore queue their
 * WhatsApp messages once each; inbound WhatsApp images become pending payments with the proof
 * fetched from the fake Graph API (a real HTTP server that checks the token and serves media like
 * Meta), and the "pay now" button answers with the invoice's pay link from the fake Midtrans.
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'
import pg from 'pg'
import sharp from 'sharp'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { startFakeWhatsApp, type FakeWhatsApp } from '../../src/fakes/whatsapp'
import { formatRupiah } from '../../src/lib/money'
import { payloadRestBridge } from '../../src/lib/restBridge'
import { notifyInvoicesIssued, sendPaymentReminders } from '../../src/plugins/billing/operations/billingNotices'
import { addDays, wibDayStart } from '../../src/plugins/billing/operations/calendar'
import { checkInvoiceLink, INVOICE_LINK_DAYS } from '../../src/plugins/billing/operations/invoices/invoiceLinks'
import { generateInvoices } from '../../src/plugins/billing/operations/invoices/generateInvoices'
import { suspendOverdue } from '../../src/plugins/billing/operations/isolir/suspendOverdue'
import { rejectPayment, verifyPayment } from '../../src/plugins/billing/operations/payments/verifyPayment'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { testPayload, uniquePhone } from '../helpers/payload'

const TOKEN = 'EAAG-tagihan-uji'
const PHONE_NUMBER_ID = '109876500001'
const APP_SECRET = 'rahasia-meta-tagihan'

let payload: Payload
let wa: FakeWhatsApp
let app: http.Server
let db: pg.Client

type Msg = Record<string, any>
const messagesWhere = async (where: Record<string, unknown>): Promise<Msg[]> =>
  (
    await payload.find({
      collection: 'messages',
      where: where as never,
      depth: 0,
      limit: 500,
      sort: 'id',
      overrideAccess: true,
    })
  ).docs as Msg[]
const customerMessages = (customerId: number, trigger?: string) =>
  messagesWhere({
    and: [
      { customer: { equals: customerId } },
      { direction: { equals: 'out' } },
      ...(trigger ? [{ trigger: { equals: trigger } }] : []),
    ],
  })
const jobsOf = async (messageId: number) =>
  (
    await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'sendNotification' } }, { 'input.messageId': { equals: messageId } }] },
      overrideAccess: true,
      depth: 0,
    })
  ).docs
const repliesTo = (wamid: string) => messagesWhere({ dedupeKey: { like: `reply:${wamid}` } })
const asUser = (user: object) => ({ ...user, collection: 'users' }) as never

async function template(key: string, body: string, providerTemplateName: string, buttons?: unknown[]) {
  return payload.create({
    collection: 'message-templates',
    data: {
      key,
      // Readable, as staff name templates (the admin's language check reads lists other tests fill).
      name: `Templat uji ${key.replace(/_/g, ' ')}`,
      body,
      providerTemplateName,
      language: 'id',
      category: 'UTILITY',
      approvalStatus: 'approved',
      ...(buttons ? { buttons } : {}),
    } as never,
    overrideAccess: true,
  })
}

/** A customer on a package with one open invoice due on `due` (a WIB day). */
async function customerWithInvoice(
  due: string,
  {
    price = 150_000,
    period = due.slice(0, 7),
    ...extra
  }: { price?: number; period?: string } & Record<string, unknown> = {},
) {
  const pkg = await createPackage(payload, { monthlyPrice: price })
  const { customer } = await createCustomer(payload, {
    package: pkg.id,
    billingDay: 1,
    activationDate: '2029-01-01T03:00:00.000Z',
    ...extra,
  })
  const invoice = await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      period,
      issueDate: wibDayStart(addDays(due, -10)).toISOString(),
      dueDate: wibDayStart(due).toISOString(),
      lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: price }],
    } as never,
    overrideAccess: true,
  })
  return { customer, invoice }
}

beforeAll(async () => {
  wa = await startFakeWhatsApp({
    token: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    templates: [
      { name: 'tagihan_terbit_v1', language: 'id', bodyParams: 5, buttons: ['quick_reply'] },
      { name: 'pengingat_v1', language: 'id', bodyParams: 4 },
      { name: 'info_tagihan_v1', language: 'id', bodyParams: 3 },
    ],
  })
  Object.assign(process.env, {
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_API_URL: wa.apiUrl,
    PUBLIC_URL: 'https://isp.example',
  })
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  const server = express()
  server.use(payloadRestBridge(payload.config))
  app = server.listen(0, '127.0.0.1')
  await new Promise((resolve) => app.once('listening', resolve))
  wa.setWebhookUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}/api/whatsapp/webhook`)

  await template(
    'invoice_issued',
    'Halo {{nama}}, tagihan {{nomor_tagihan}} periode {{periode}} sebesar {{jumlah}} jatuh tempo {{jatuh_tempo}}.',
    'tagihan_terbit_v1',
    [{ kind: 'quick_reply', text: 'Bayar sekarang', payload: 'PAY:{{nomor_tagihan}}' }],
  )
  for (const key of ['reminder_due_h3', 'reminder_due_h1', 'reminder_overdue_h1'])
    await template(
      key,
      `[${key}] {{nama}}: tagihan {{nomor_tagihan}} {{jumlah}} jatuh tempo {{jatuh_tempo}}.`,
      'pengingat_v1',
    )
  await template(
    'payment_received',
    'Pembayaran {{nomor_pembayaran}} {{jumlah}} diterima untuk {{tagihan}}.',
    'info_tagihan_v1',
  )
  await template(
    'payment_rejected',
    'Pembayaran {{nomor_pembayaran}} {{jumlah}} ditolak: {{alasan}}.',
    'info_tagihan_v1',
  )
  await template(
    'suspension_notice',
    'Layanan {{nama}} diisolir: tagihan {{nomor_tagihan}} terlambat {{hari_terlambat}} hari.',
    'info_tagihan_v1',
  )
  await template(
    'restore_notice',
    'Layanan {{nama}} ({{nomor_pelanggan}}) aktif kembali, terima kasih!',
    'info_tagihan_v1',
  )
  await payload.updateGlobal({
    slug: 'notification-settings',
    data: { pacing: { dailyRecipients: '100000', messagesPerSecond: 80 } } as never,
    overrideAccess: true,
  })
})

afterEach(async () => {
  await payload.updateGlobal({
    slug: 'billing-settings',
    data: { holidays: [], autoSuspend: true, graceDays: 7, dueDays: 10, gateway: 'midtrans' },
    overrideAccess: true,
  })
})

afterAll(async () => {
  await new Promise<void>((resolve) => app?.close(() => resolve()))
  await wa?.close()
  await db?.end()
})

describe('invoice run', () => {
  it('queues one invoice_issued message per invoice after the run, and queuing again adds none', async () => {
    const day = '2032-03-05'
    const pkg = await createPackage(payload, { monthlyPrice: 275_000 })
    const customers: Awaited<ReturnType<typeof createCustomer>>['customer'][] = []
    for (let i = 0; i < 3; i++)
      customers.push(
        (await createCustomer(payload, { package: pkg.id, billingDay: 5, activationDate: '2031-01-01T03:00:00.000Z' }))
          .customer,
      )
    const run = await generateInvoices({ payload, day })
    expect(run.created).toBeGreaterThanOrEqual(3)
    // The run committed its follow-up job with the invoices; no message yet.
    const followUps = await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'notifyInvoicesIssued' } }, { 'input.day': { equals: day } }] },
      overrideAccess: true,
    })
    expect(followUps.docs).toHaveLength(1)
    for (const c of customers) expect(await customerMessages(c.id, 'invoice_issued')).toHaveLength(0)

    await payload.jobs.runByID({ id: followUps.docs[0]!.id, overrideAccess: true })
    expect(
      (await payload.findByID({ collection: 'payload-jobs', id: followUps.docs[0]!.id, overrideAccess: true }))
        .completedAt,
    ).toBeTruthy()
    for (const c of customers) {
      const [invoice] = (
        await payload.find({
          collection: 'invoices',
          where: { customer: { equals: c.id } },
          overrideAccess: true,
          depth: 0,
        })
      ).docs
      const rows = await customerMessages(c.id, 'invoice_issued')
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ status: 'queued', to: c.phone, dedupeKey: `invoice_issued:${invoice!.id}` })
      expect(rows[0]!.body).toBe(
        `Halo ${c.name}, tagihan ${invoice!.number} periode Maret 2032 sebesar Rp275.000 jatuh tempo 15 Maret 2032.`,
      )
      // A signed link, made inside PostgreSQL, that the server accepts for this invoice only, for 60 days.
      const link = new URL(rows[0]!.variables.tautan_tagihan)
      expect(`${link.origin}${link.pathname}`).toBe(`https://isp.example/api/invoices/${invoice!.id}/pdf`)
      const [e, t] = [link.searchParams.get('e'), link.searchParams.get('t')]
      expect(Number(e) * 1000 - Date.now()).toBeGreaterThan((INVOICE_LINK_DAYS * 86_400 - 120) * 1000)
      expect(checkInvoiceLink(invoice!.id, e, t)).toBe('valid')
      expect(checkInvoiceLink(invoice!.id + 1, e, t)).toBe('invalid')
      expect(checkInvoiceLink(invoice!.id, e, t, new Date(Date.now() + (INVOICE_LINK_DAYS + 2) * 86_400_000))).toBe(
        'expired',
      )
      expect(await jobsOf(rows[0]!.id)).toHaveLength(1)
    }

    // Again (a retried job, a second worker): nothing new.
    const again = await notifyInvoicesIssued({ payload, day, batchSize: 2 })
    expect(again.queued).toBe(0)
    for (const c of customers) expect(await customerMessages(c.id, 'invoice_issued')).toHaveLength(1)

    // The message goes out as the approved template, its button carrying the invoice number.
    const [first] = await customerMessages(customers[0]!.id, 'invoice_issued')
    await payload.jobs.runByID({ id: (await jobsOf(first!.id))[0]!.id, overrideAccess: true })
    const sent = wa.accepted.filter((m) => m.to === customers[0]!.phone)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.body.template.name).toBe('tagihan_terbit_v1')
    const invoiceNumber = first!.variables.nomor_tagihan
    expect(sent[0]!.body.template.components[1].parameters[0].payload).toBe(`PAY:${invoiceNumber}`)
  })
})

describe('payments', () => {
  it('a verified payment and a rejected one each tell the customer once', async () => {
    const { customer, invoice } = await customerWithInvoice('2032-04-10', { price: 200_000 })
    const cs = (await createStaff(payload, 'customer_service')).user
    const finance = (await createStaff(payload, 'finance')).user
    const pending = await payload.create({
      collection: 'payments',
      data: { customer: customer.id, amount: 250_000, method: 'bank_transfer', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: asUser(cs),
    })
    expect(await customerMessages(customer.id, 'payment_received')).toHaveLength(0)
    const financeReq = async () => createLocalReq({ user: asUser(finance) }, payload)
    await verifyPayment({ req: await financeReq(), id: pending.id })
    await verifyPayment({ req: await financeReq(), id: pending.id })
    const received = await customerMessages(customer.id, 'payment_received')
    expect(received).toHaveLength(1)
    expect(received[0]!.body).toBe(`Pembayaran ${pending.number} Rp250.000 diterima untuk ${invoice.number}.`)
    expect(received[0]!.variables.saldo).toBe(formatRupiah(50_000))

    const wrong = await payload.create({
      collection: 'payments',
      data: { customer: customer.id, amount: 90_000, method: 'bank_transfer' } as never,
      overrideAccess: false,
      user: asUser(cs),
    })
    await rejectPayment({ req: await financeReq(), id: wrong.id, reason: 'Nominal tidak sesuai mutasi' })
    await expect(
      rejectPayment({ req: await financeReq(), id: wrong.id, reason: 'Nominal tidak sesuai mutasi' }),
    ).rejects.toThrow()
    const rejected = await customerMessages(customer.id, 'payment_rejected')
    expect(rejected.map((m) => m.body)).toEqual([
      `Pembayaran ${wrong.number} Rp90.000 ditolak: Nominal tidak sesuai mutasi.`,
    ])
    // Rejected money is not "received".
    expect(await customerMessages(customer.id, 'payment_received')).toHaveLength(1)
  })
})

describe('payment reminders', () => {
  it('H-3, H-1 and H+1 go out on the right days, each once however often the run repeats', async () => {
    const day = '2032-06-10'
    const h3 = await customerWithInvoice(addDays(day, 3))
    const h1 = await customerWithInvoice(addDays(day, 1))
    const late = await customerWithInvoice(addDays(day, -1))
    const notYet = await customerWithInvoice(addDays(day, 2))
    const paid = await customerWithInvoice(addDays(day, 1))
    const finance = (await createStaff(payload, 'finance')).user
    await payload.create({
      collection: 'payments',
      data: { customer: paid.customer.id, amount: 150_000, method: 'cash', invoices: [paid.invoice.id] } as never,
      overrideAccess: false,
      user: asUser(finance),
    })
    const terminated = await customerWithInvoice(addDays(day, 1))
    await db.query(`UPDATE customers SET status = 'terminated' WHERE id = $1`, [terminated.customer.id])

    const reminders = async (c: { customer: { id: number } }) =>
      (await customerMessages(c.customer.id)).filter((m) => m.trigger.startsWith('reminder_'))
    for (let i = 0; i < 2; i++) await sendPaymentReminders({ payload, day })
    expect((await reminders(h3)).map((m) => [m.trigger, m.dedupeKey])).toEqual([
      ['reminder_due_h3', `reminder:due_h3:${h3.invoice.id}`],
    ])
    expect((await reminders(h1)).map((m) => m.trigger)).toEqual(['reminder_due_h1'])
    expect((await reminders(late)).map((m) => m.trigger)).toEqual(['reminder_overdue_h1'])
    for (const none of [notYet, paid, terminated]) expect(await reminders(none)).toHaveLength(0)
    const [lateRow] = await reminders(late)
    expect(lateRow!.body).toBe(
      `[reminder_overdue_h1] ${late.customer.name}: tagihan ${late.invoice.number} Rp150.000 jatuh tempo 9 Juni 2032.`,
    )
    const jobs = await jobsOf(lateRow!.id)
    expect(jobs).toHaveLength(1)
    expect(new Date(jobs[0]!.waitUntil!).getTime()).toBe(new Date(lateRow!.scheduledFor).getTime())

    // Two days on: the H-3 invoice is now due tomorrow; the one due on the 12th is now H-1's turn too.
    await sendPaymentReminders({ payload, day: addDays(day, 2) })
    expect((await reminders(h3)).map((m) => m.trigger)).toEqual(['reminder_due_h3', 'reminder_due_h1'])
    expect((await reminders(notYet)).map((m) => m.trigger)).toEqual([])
    expect((await reminders(h1)).map((m) => m.trigger)).toEqual(['reminder_due_h1', 'reminder_overdue_h1'])
  })

  it('beyond the daily recipient tier, reminders wait for the next day at 09:00 WIB instead of failing', async () => {
    const day = '2032-07-20'
    const a = await customerWithInvoice(addDays(day, 3))
    const b = await customerWithInvoice(addDays(day, 3))
    const c = await customerWithInvoice(addDays(day, 3))
    const start = new Date(Date.now())
    const todayStart = wibDayStart(new Date(start.getTime() + 7 * 3_600_000).toISOString().slice(0, 10))
    // Other numbers already messaged today fill the smallest tier above them but one place.
    const { rows } = await db.query(
      `SELECT count(DISTINCT "to")::int AS n FROM messages WHERE direction = 'out' AND channel = 'whatsapp' AND coalesce(scheduled_for, created_at) >= $1 AND coalesce(scheduled_for, created_at) < $1::timestamptz + interval '1 day'`,
      [todayStart.toISOString()],
    )
    const tier = [250, 2000, 10_000, 100_000].find((t) => t - 1 >= rows[0].n)!
    const fill = tier - 1 - rows[0].n
    await db.query(
      `INSERT INTO messages (direction, channel, status, "to", kind, dedupe_key, scheduled_for, attempts, needs_attention, created_at, updated_at)
       SELECT 'out', 'whatsapp', 'sent', '6289' || lpad(g::text, 9, '0') || $2, 'template', 'uji-tier:' || $2 || ':' || g, $1, 0, false, now(), now() FROM generate_series(1, $3::int) g WHERE $3::int > 0`,
      [start.toISOString(), String(process.pid).slice(-2), fill],
    )
    await payload.updateGlobal({
      slug: 'notification-settings',
      data: { pacing: { dailyRecipients: String(tier), messagesPerSecond: 80 } } as never,
      overrideAccess: true,
    })
    try {
      await sendPaymentReminders({ payload, day })
    } finally {
      await payload.updateGlobal({
        slug: 'notification-settings',
        data: { pacing: { dailyRecipients: '100000', messagesPerSecond: 80 } } as never,
        overrideAccess: true,
      })
      await db.query(`DELETE FROM messages WHERE dedupe_key LIKE 'uji-tier:%'`)
    }
    const scheduled = (
      await Promise.all([a, b, c].map(async (x) => (await customerMessages(x.customer.id, 'reminder_due_h3'))[0]!))
    ).map((m) => new Date(m.scheduledFor).getTime())
    const tomorrow9 = todayStart.getTime() + 24 * 3_600_000 + 9 * 3_600_000
    expect(scheduled.filter((t) => t < todayStart.getTime() + 24 * 3_600_000)).toHaveLength(1)
    expect(scheduled.filter((t) => t >= tomorrow9 && t < tomorrow9 + 60_000)).toHaveLength(2)
  })
})

describe('isolir and restore', () => {
  it('the isolir run sends one suspension notice; paying in full sends one restore notice', async () => {
    const { customer, invoice } = await customerWithInvoice('2026-02-10', { period: '2026-02' })
    await suspendOverdue({ payload, day: '2026-02-20' })
    await suspendOverdue({ payload, day: '2026-02-21' })
    const notices = await customerMessages(customer.id, 'suspension_notice')
    expect(notices).toHaveLength(1)
    const suspended = await payload.findByID({
      collection: 'customers',
      id: customer.id,
      overrideAccess: true,
      depth: 0,
    })
    expect(notices[0]!.dedupeKey).toBe(`suspension:${customer.id}:${suspended.suspendedAt}`)
    expect(notices[0]!.body).toBe(`Layanan ${customer.name} diisolir: tagihan ${invoice.number} terlambat 10 hari.`)
    expect(await jobsOf(notices[0]!.id)).toHaveLength(1)

    const finance = (await createStaff(payload, 'finance')).user
    await payload.create({
      collection: 'payments',
      data: { customer: customer.id, amount: 100_000, method: 'cash', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: asUser(finance),
    })
    expect(await customerMessages(customer.id, 'restore_notice')).toHaveLength(0)
    await payload.create({
      collection: 'payments',
      data: { customer: customer.id, amount: 50_000, method: 'cash', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: asUser(finance),
    })
    const restored = await customerMessages(customer.id, 'restore_notice')
    expect(restored).toHaveLength(1)
    expect(restored[0]!.body).toBe(`Layanan ${customer.name} (${customer.number}) aktif kembali, terima kasih!`)
    expect(await customerMessages(customer.id, 'payment_received')).toHaveLength(2)
  })
})

describe('WhatsApp inbound', () => {
  const png = () =>
    sharp({ create: { width: 8, height: 8, channels: 3, background: '#22aa55' } })
      .png()
      .toBuffer()
  const paymentsOf = async (customerId: number) =>
    (
      await payload.find({
        collection: 'payments',
        where: { customer: { equals: customerId } },
        overrideAccess: true,
        depth: 0,
      })
    ).docs

  it('a photo from a known customer becomes one pending payment with the proof, however often it arrives', async () => {
    const { customer, invoice } = await customerWithInvoice('2032-08-10', { price: 180_000 })
    const data = await png()
    const mediaId = wa.addMedia(data, 'image/png')
    const { id, statuses } = await wa.postInbound(
      customer.phone,
      { type: 'image', mediaId, mimeType: 'image/png', caption: 'sudah transfer BCA' },
      { times: 5 },
    )
    expect(statuses).toEqual([200, 200, 200, 200, 200])
    // The same picture forwarded again as a new message: still one payment.
    await wa.postInbound(customer.phone, { type: 'image', mediaId, mimeType: 'image/png' })

    const payments = await paymentsOf(customer.id)
    expect(payments).toHaveLength(1)
    expect(payments[0]).toMatchObject({
      status: 'pending',
      source: 'whatsapp',
      method: 'bank_transfer',
      amount: 180_000,
      invoices: [invoice.id],
      idempotencyKey: `whatsapp:${mediaId}`,
    })
    const proof = await payload.findByID({
      collection: 'media',
      id: payments[0]!.proof as number,
      overrideAccess: true,
      depth: 0,
    })
    expect([proof.mimeType, proof.filesize, proof.owner]).toEqual(['image/png', data.length, customer.id])
    // In finance's queue, not counted yet.
    expect((await payload.findByID({ collection: 'invoices', id: invoice.id, overrideAccess: true })).amountPaid).toBe(
      0,
    )
    const replies = await repliesTo(id)
    expect(replies).toHaveLength(1)
    expect(replies[0]!.body).toContain('bukti transfer sedang dicek')
    expect(replies[0]!.body).toContain(invoice.number)
    expect(wa.mediaRequests.filter((r) => r.id === mediaId).map((r) => [r.kind, r.status])).toEqual([
      ['meta', 200],
      ['download', 200],
    ])
  })

  it('an image from an unknown number creates nothing and gets the safe reply', async () => {
    const stranger = uniquePhone()
    const before = {
      media: (await payload.count({ collection: 'media', overrideAccess: true })).totalDocs,
      payments: (await payload.count({ collection: 'payments', overrideAccess: true })).totalDocs,
    }
    const mediaId = wa.addMedia(await png(), 'image/png')
    const { id } = await wa.postInbound(stranger, { type: 'image', mediaId, mimeType: 'image/png' }, { times: 2 })
    expect((await payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before.media)
    expect((await payload.count({ collection: 'payments', overrideAccess: true })).totalDocs).toBe(before.payments)
    expect(wa.mediaRequests.filter((r) => r.id === mediaId)).toHaveLength(0)
    const replies = await repliesTo(id)
    expect(replies).toHaveLength(1)
    expect(replies[0]!.body).toContain('belum terdaftar')
  })

  it('a known customer with nothing open, or a media id WhatsApp does not know, gets a reply and no payment', async () => {
    const { customer } = await createCustomer(payload)
    const { id } = await wa.postInbound(customer.phone, { type: 'image', data: await png(), mimeType: 'image/png' })
    expect(await paymentsOf(customer.id)).toHaveLength(0)
    expect((await repliesTo(id))[0]!.body).toContain('tidak ada tagihan')

    const owing = await customerWithInvoice('2032-08-11')
    const unknown = await wa.postInbound(owing.customer.phone, {
      type: 'image',
      mediaId: '999000111222',
      mimeType: 'image/jpeg',
    })
    expect(unknown.statuses).toEqual([200])
    expect(await paymentsOf(owing.customer.id)).toHaveLength(0)
    expect(wa.mediaRequests.filter((r) => r.id === '999000111222').map((r) => r.status)).toEqual([404])
    expect((await repliesTo(unknown.id))[0]!.body).toContain('kirim ulang')
  })

  it('"pay now" answers with the invoice pay link, only for the invoice’s owner', async () => {
    const { customer, invoice } = await customerWithInvoice('2032-08-12', { price: 210_000 })
    const { id } = await wa.postInbound(
      customer.phone,
      { type: 'button', payload: `PAY:${invoice.number}`, text: 'Bayar sekarang' },
      { times: 3 },
    )
    const links = await payload.find({
      collection: 'gateway-payments',
      where: { invoice: { equals: invoice.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(links.docs).toHaveLength(1)
    expect(links.docs[0]!.payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    const replies = await repliesTo(id)
    expect(replies).toHaveLength(1)
    expect(replies[0]!.body).toContain(links.docs[0]!.payUrl!)
    expect(replies[0]!.body).toContain('Rp210.000')

    // Someone else tapping a button with this invoice's number learns nothing and creates nothing.
    const { customer: other } = await createCustomer(payload)
    const foreign = await wa.postInbound(other.phone, { type: 'button', payload: `PAY:${invoice.number}` })
    expect((await repliesTo(foreign.id))[0]!.body).toContain('tidak ditemukan')
    expect(
      (
        await payload.count({
          collection: 'gateway-payments',
          where: { invoice: { equals: invoice.id } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(1)
  })

  it('"I have transferred" (button or words) asks for the photo', async () => {
    const { customer } = await createCustomer(payload)
    const tapped = await wa.postInbound(customer.phone, {
      type: 'button',
      payload: 'TRANSFERRED',
      text: 'Saya sudah transfer',
    })
    const said = await wa.postInbound(customer.phone, { type: 'text', text: 'Saya sudah transfer ya kak' })
    for (const { id } of [tapped, said]) expect((await repliesTo(id))[0]!.body).toContain('kirim foto bukti transfer')
  })
})
