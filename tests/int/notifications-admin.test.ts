/**
 * The notifications admin: sending a template or a reply by hand (operation and HTTP endpoint, over
 * Express + Payload's REST handler as server.ts mounts it), the customer's conversation, the
 * dashboard's daily counts, and the default templates against the fake Graph API (a real HTTP
 * server that checks template names and parameter counts).
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'

import { sql } from '@payloadcms/db-postgres'
import express from 'express'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { executeSql } from '../../src/db/sql'
import type { Customer, User } from '../../src/payload-types'
import { startFakeWhatsApp, type FakeWhatsApp } from '../../src/fakes/whatsapp'
import { payloadRestBridge } from '../../src/lib/restBridge'
import { WhatsAppCloudClient } from '../../src/plugins/notifications/channels/whatsapp'
import {
  customerConversation,
  notificationDashboard,
  sendReplyByHand,
  sendTemplateByHand,
} from '../../src/plugins/notifications'
import { templateNeeds } from '../../src/plugins/notifications/operations/queueNotification'
import { renderTemplate } from '../../src/plugins/notifications/operations/renderTemplate'
import { templateMessage } from '../../src/plugins/notifications/operations/sendNotification'
import { BILLING_TRIGGERS } from '../../src/plugins/billing/notifications/triggers'
import { CORE_TRIGGERS } from '../../src/plugins/notifications/types'
import { DEFAULT_TEMPLATES, providerTemplateName } from '../../src/seed/messageTemplates'
import { MONITORING_TRIGGERS } from '../../src/plugins/monitoring/notifications'
import { createCustomer, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

const TOKEN = 'EAAG-uji-admin'
const PHONE_NUMBER_ID = '555000111222'
const APP_SECRET = 'rahasia-admin'

let payload: Payload
let wa: FakeWhatsApp
let app: http.Server
let base = ''
let cs: { user: User; email: string; password: string }
let csReq: PayloadRequest
/** A template key unique to this run: other files keep their own templates in the same database. */
let tagihanKey: string

const reqAs = async (user: Record<string, unknown> | null, collection: 'users' | 'customers' = 'users') =>
  createLocalReq(user ? { user: { ...user, collection } as never } : {}, payload)
const failure = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return { status: (error as { status?: number }).status, message: (error as Error).message }
  }
  throw new Error('the call was accepted')
}
const messagesOf = async (customerId: number) =>
  (
    await payload.find({
      collection: 'messages',
      where: { customer: { equals: customerId } },
      sort: 'id',
      depth: 0,
      limit: 100,
      overrideAccess: true,
    })
  ).docs
const jobsOf = async (messageId: number) =>
  (
    await payload.count({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'sendNotification' } }, { 'input.messageId': { equals: messageId } }] },
      overrideAccess: true,
    })
  ).totalDocs

async function template(data: Record<string, unknown>) {
  return payload.create({
    collection: 'message-templates',
    data: { language: 'id', category: 'UTILITY', approvalStatus: 'approved', ...data } as never,
    overrideAccess: true,
  })
}

async function post(path: string, body: unknown, { token, key }: { token?: string; key?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `JWT ${token}`
  if (key) headers['idempotency-key'] = key
  const res = await fetch(`${base}/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any }
}
async function login(email: string, password: string) {
  const res = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return ((await res.json()) as { token: string }).token
}

beforeAll(async () => {
  tagihanKey = unique('tagihan_manual_').toLowerCase()
  wa = await startFakeWhatsApp({
    token: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    templates: [
      { name: `${tagihanKey}_v1`, language: 'id', bodyParams: 3, buttons: ['quick_reply', 'quick_reply'] },
      { name: 'cs_reply_v1', language: 'id', bodyParams: 1, buttons: ['quick_reply'] },
    ],
  })
  Object.assign(process.env, {
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_API_URL: wa.apiUrl,
  })
  payload = await testPayload()
  const server = express()
  server.use(payloadRestBridge(payload.config))
  app = server.listen(0, '127.0.0.1')
  await new Promise((resolve) => app.once('listening', resolve))
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  wa.setWebhookUrl(`${base}/api/whatsapp/webhook`)

  cs = (await createStaff(payload, 'customer_service')) as typeof cs
  csReq = await reqAs(cs.user as never)
  await template({
    key: tagihanKey,
    name: 'Tagihan (kirim manual)',
    body: 'Halo {{nama}}, tagihan {{nomor_tagihan}} sebesar {{jumlah}} menunggu pembayaran.',
    providerTemplateName: `${tagihanKey}_v1`,
    buttons: [
      { kind: 'quick_reply', text: 'Bayar sekarang', payload: 'PAY:{{nomor_tagihan}}' },
      { kind: 'quick_reply', text: 'Sudah transfer', payload: 'TRANSFERRED' },
    ],
  })
  const csReply = await payload.count({
    collection: 'message-templates',
    where: { key: { equals: 'cs_reply' } },
    overrideAccess: true,
  })
  if (csReply.totalDocs === 0)
    await template({
      key: 'cs_reply',
      name: 'Balasan CS',
      body: 'Halo {{nama}}, tim kami sudah membalas pesan Anda.',
      providerTemplateName: 'cs_reply_v1',
      buttons: [{ kind: 'quick_reply', text: 'Lanjutkan chat', payload: 'CHAT_CS' }],
    })
})

afterAll(async () => {
  await new Promise<void>((resolve) => app?.close(() => resolve()))
  await wa?.close()
})

describe('sending a template by hand', () => {
  it('refuses a missing variable with an Indonesian message naming it, and writes nothing', async () => {
    const { customer } = await createCustomer(payload)
    const before = (await messagesOf(customer.id)).length
    const refused = await failure(
      sendTemplateByHand({
        req: csReq,
        customerId: customer.id,
        templateKey: tagihanKey,
        variables: { nama: 'Budi', nomor_tagihan: 'INV1', jumlah: '  ' },
        idempotencyKey: unique('k-'),
      }),
    )
    expect(refused.status).toBe(400)
    expect(refused.message).toBe('Variabel template belum diisi: jumlah. Lengkapi dulu sebelum mengirim.')
    expect(await messagesOf(customer.id)).toHaveLength(before)
  })

  it('a double click (same Idempotency-Key, at the same time) queues one message and one job; a new key is a new message', async () => {
    const { customer } = await createCustomer(payload)
    const key = unique('klik-')
    const input = {
      customerId: customer.id,
      templateKey: tagihanKey,
      variables: { nama: customer.name, nomor_tagihan: 'INV20261101007', jumlah: 'Rp185.000', extra: 'dibuang' },
      idempotencyKey: key,
    }
    const [a, b] = await Promise.all([
      sendTemplateByHand({ req: await reqAs(cs.user as never), ...input }),
      sendTemplateByHand({ req: await reqAs(cs.user as never), ...input }),
    ])
    expect([a.replayed, b.replayed].sort()).toEqual([false, true])
    expect(a.message.id).toBe(b.message.id)
    const rows = await messagesOf(customer.id)
    const manual = rows.filter((m) => m.trigger === 'manual')
    expect(manual).toHaveLength(1)
    expect(manual[0]).toMatchObject({
      status: 'queued',
      to: customer.phone,
      body: `Halo ${customer.name}, tagihan INV20261101007 sebesar Rp185.000 menunggu pembayaran.`,
      variables: { nama: customer.name, nomor_tagihan: 'INV20261101007', jumlah: 'Rp185.000' },
    })
    expect(manual[0]!.sentBy).toBe(cs.user.id)
    expect(await jobsOf(manual[0]!.id)).toBe(1)

    const again = await sendTemplateByHand({ req: csReq, ...input, idempotencyKey: unique('klik-') })
    expect(again.replayed).toBe(false)
    expect((await messagesOf(customer.id)).filter((m) => m.trigger === 'manual')).toHaveLength(2)

    // The send job delivers it as the approved template, buttons filled in.
    const job = (
      await payload.find({
        collection: 'payload-jobs',
        where: { 'input.messageId': { equals: manual[0]!.id } },
        overrideAccess: true,
      })
    ).docs[0]!
    await payload.jobs.runByID({ id: job.id, overrideAccess: true })
    const sent = wa.accepted.filter((m) => m.to === customer.phone)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.body.template.components[0].parameters.map((p: { text: string }) => p.text)).toEqual([
      customer.name,
      'INV20261101007',
      'Rp185.000',
    ])
    expect(sent[0]!.body.template.components[1].parameters[0].payload).toBe('PAY:INV20261101007')
    expect((await payload.findByID({ collection: 'messages', id: manual[0]!.id, overrideAccess: true })).status).toBe(
      'sent',
    )
  })

  it('only customer service and admins may send: a customer, a technician and finance get 403, nobody 401', async () => {
    const { customer } = await createCustomer(payload)
    const input = {
      customerId: customer.id,
      templateKey: tagihanKey,
      variables: { nama: 'A', nomor_tagihan: 'B', jumlah: 'C' },
      idempotencyKey: unique('k-'),
    }
    expect(
      (await failure(sendTemplateByHand({ req: await reqAs(customer as never, 'customers'), ...input }))).status,
    ).toBe(403)
    for (const role of ['technician', 'finance'] as const) {
      const staff = await createStaff(payload, role)
      expect((await failure(sendTemplateByHand({ req: await reqAs(staff.user as never), ...input }))).status).toBe(403)
      expect(
        (
          await failure(
            sendReplyByHand({
              req: await reqAs(staff.user as never),
              customerId: customer.id,
              text: 'Halo',
              idempotencyKey: unique('k-'),
            }),
          )
        ).status,
      ).toBe(403)
    }
    expect((await failure(sendTemplateByHand({ req: await reqAs(null), ...input }))).status).toBe(401)
    const admin = await createStaff(payload, 'admin')
    expect((await sendTemplateByHand({ req: await reqAs(admin.user as never), ...input })).replayed).toBe(false)
    expect((await messagesOf(customer.id)).filter((m) => m.trigger === 'manual')).toHaveLength(1)
  })

  it('refuses a template not yet approved, an unknown template or customer, and a short Idempotency-Key', async () => {
    const draftKey = unique('draf_').toLowerCase()
    await template({ key: draftKey, name: 'Draf', body: 'Halo {{nama}}', approvalStatus: 'draft' })
    const { customer } = await createCustomer(payload)
    expect(
      await failure(
        sendTemplateByHand({
          req: csReq,
          customerId: customer.id,
          templateKey: draftKey,
          variables: { nama: 'A' },
          idempotencyKey: unique('k-'),
        }),
      ),
    ).toEqual({ status: 400, message: 'Template "Draf" belum disetujui WhatsApp, jadi belum dapat dikirim.' })
    expect(
      (
        await failure(
          sendTemplateByHand({
            req: csReq,
            customerId: customer.id,
            templateKey: 'tidak_ada_sama_sekali',
            variables: {},
            idempotencyKey: unique('k-'),
          }),
        )
      ).status,
    ).toBe(404)
    expect(
      await failure(
        sendTemplateByHand({
          req: csReq,
          customerId: 987_654_321,
          templateKey: tagihanKey,
          variables: {},
          idempotencyKey: unique('k-'),
        }),
      ),
    ).toEqual({ status: 404, message: 'Pelanggan tidak ditemukan.' })
    expect(
      (
        await failure(
          sendTemplateByHand({
            req: csReq,
            customerId: customer.id,
            templateKey: tagihanKey,
            variables: { nama: 'A', nomor_tagihan: 'B', jumlah: 'C' },
            idempotencyKey: 'pendek',
          }),
        )
      ).status,
    ).toBe(400)
  })

  it('over HTTP: 201 then 200 for the same Idempotency-Key, 400 with the missing variable, 401 without a session, 403 for a technician', async () => {
    const { customer } = await createCustomer(payload)
    const token = await login(cs.email, TEST_PASSWORD)
    const body = {
      customer: customer.id,
      template: tagihanKey,
      variables: { nama: customer.name, nomor_tagihan: 'INV9', jumlah: 'Rp100.000' },
    }
    const key = unique('http-')
    const first = await post('/messages/send-template', body, { token, key })
    expect(first.status).toBe(201)
    expect(first.json).toMatchObject({
      replayed: false,
      doc: { status: 'queued', direction: 'out', template: { key: tagihanKey }, sentBy: { id: cs.user.id } },
    })
    const second = await post('/messages/send-template', body, { token, key })
    expect([second.status, second.json.replayed, second.json.doc.id]).toEqual([200, true, first.json.doc.id])
    const missing = await post(
      '/messages/send-template',
      { ...body, variables: { nama: 'Budi' } },
      { token, key: unique('http-') },
    )
    expect(missing.status).toBe(400)
    expect(missing.json.errors[0].message).toBe(
      'Variabel template belum diisi: nomor_tagihan, jumlah. Lengkapi dulu sebelum mengirim.',
    )
    expect((await post('/messages/send-template', body, { token })).status).toBe(400)
    expect((await post('/messages/send-template', body, { key: unique('http-') })).status).toBe(401)
    const tech = await createStaff(payload, 'technician')
    expect(
      (
        await post('/messages/send-template', body, {
          token: await login(tech.email, tech.password),
          key: unique('http-'),
        })
      ).status,
    ).toBe(403)
    expect((await messagesOf(customer.id)).filter((m) => m.trigger === 'manual')).toHaveLength(1)
  })
})

describe('the conversation and replies by hand', () => {
  it('lists in and out oldest first with statuses; a reply inside the 24 h window goes out as text and clears "Perlu ditangani CS"', async () => {
    // A prospect: no welcome message of its own, whatever templates other files left behind.
    const { customer } = (await createCustomer(payload, { status: 'prospect' })) as { customer: Customer }
    const out = await sendTemplateByHand({
      req: csReq,
      customerId: customer.id,
      templateKey: tagihanKey,
      variables: { nama: customer.name, nomor_tagihan: 'INV5', jumlah: 'Rp5' },
      idempotencyKey: unique('k-'),
    })
    const job = (
      await payload.find({
        collection: 'payload-jobs',
        where: { 'input.messageId': { equals: out.message.id } },
        overrideAccess: true,
      })
    ).docs[0]!
    await payload.jobs.runByID({ id: job.id, overrideAccess: true })
    const wamid = wa.accepted.find((m) => m.to === customer.phone)!.id
    expect(await wa.postStatuses([{ id: wamid, status: 'delivered' }])).toEqual([200])

    let conversation = await customerConversation({ req: csReq, customerId: customer.id })
    expect(conversation!.windowOpen).toBe(false)
    expect(conversation!.knownVariables).toMatchObject({ nama: customer.name, nomor_pelanggan: customer.number })

    // The customer writes a question nobody answers automatically: it waits for customer service.
    const { statuses } = await wa.postInbound(customer.phone!, {
      type: 'text',
      text: 'Kapan teknisi bisa datang hari Sabtu xyzzy?',
    })
    expect(statuses).toEqual([200])
    conversation = await customerConversation({ req: csReq, customerId: customer.id })
    const shape = conversation!.messages.map((m) => [m.direction, m.status, m.needsAttention])
    expect(shape.slice(0, 2)).toEqual([
      ['out', 'delivered', false],
      ['in', 'received', true],
    ])
    expect(conversation!.needsAttention).toBe(1)
    expect(conversation!.windowOpen).toBe(true)
    const times = conversation!.messages.map((m) => Date.parse(m.createdAt))
    expect([...times].sort((a, b) => a - b)).toEqual(times)

    const reply = await sendReplyByHand({
      req: csReq,
      customerId: customer.id,
      text: 'Bisa, teknisi datang Sabtu pukul 09.00.',
      idempotencyKey: unique('k-'),
    })
    expect(reply.message).toMatchObject({
      kind: 'text',
      trigger: 'cs_reply',
      body: 'Bisa, teknisi datang Sabtu pukul 09.00.',
      status: 'queued',
    })
    const replyJob = (
      await payload.find({
        collection: 'payload-jobs',
        where: { 'input.messageId': { equals: reply.message.id } },
        overrideAccess: true,
      })
    ).docs[0]!
    await payload.jobs.runByID({ id: replyJob.id, overrideAccess: true })
    expect(wa.accepted.filter((m) => m.to === customer.phone).at(-1)!.body).toMatchObject({
      type: 'text',
      text: { body: 'Bisa, teknisi datang Sabtu pukul 09.00.' },
    })
    conversation = await customerConversation({ req: csReq, customerId: customer.id })
    expect(conversation!.needsAttention).toBe(0)
    expect(conversation!.messages.at(-1)).toMatchObject({
      id: reply.message.id,
      status: 'sent',
      sentBy: { id: cs.user.id },
    })
  })

  it('outside the 24 h window a reply goes out as the cs_reply template (131047 fallback)', async () => {
    const { customer } = await createCustomer(payload)
    const reply = await sendReplyByHand({
      req: csReq,
      customerId: customer.id,
      text: 'Halo, ini balasan kami.',
      idempotencyKey: unique('k-'),
    })
    const job = (
      await payload.find({
        collection: 'payload-jobs',
        where: { 'input.messageId': { equals: reply.message.id } },
        overrideAccess: true,
      })
    ).docs[0]!
    await payload.jobs.runByID({ id: job.id, overrideAccess: true })
    const requests = wa.requests.filter((r) => r.to === customer.phone)
    expect(requests.map((r) => [r.type, r.error])).toEqual([
      ['text', 131047],
      ['template', undefined],
    ])
    expect(requests[1]!.body.template.name).toBe('cs_reply_v1')
    const stored = await payload.findByID({ collection: 'messages', id: reply.message.id, overrideAccess: true })
    expect([stored.status, stored.errorCode]).toEqual(['sent', 131047])
  })

  it('"Tandai sudah ditangani" clears one customer\'s waiting questions without sending anything, for customer service only', async () => {
    const { customer } = (await createCustomer(payload, { status: 'prospect' })) as { customer: Customer }
    const { customer: other } = (await createCustomer(payload, { status: 'prospect' })) as { customer: Customer }
    for (const c of [customer, other])
      expect((await wa.postInbound(c.phone!, { type: 'text', text: 'Pertanyaan xyzzy plugh quux?' })).statuses).toEqual(
        [200],
      )
    await wa.postInbound(customer.phone!, { type: 'text', text: 'Halo xyzzy plugh quux' })
    expect((await customerConversation({ req: csReq, customerId: customer.id }))!.needsAttention).toBe(2)
    const sentBefore = wa.accepted.length
    const outBefore = (await messagesOf(customer.id)).filter((m) => m.direction === 'out').length

    const finance = await createStaff(payload, 'finance')
    expect((await post('/messages/mark-handled', { customer: customer.id })).status).toBe(401)
    expect(
      (
        await post(
          '/messages/mark-handled',
          { customer: customer.id },
          { token: await login(finance.email, finance.password) },
        )
      ).status,
    ).toBe(403)
    const token = await login(cs.email, TEST_PASSWORD)
    for (const bad of [{}, { customer: 'abc' }, { customer: -1 }])
      expect((await post('/messages/mark-handled', bad, { token })).status).toBe(400)
    expect((await post('/messages/mark-handled', { customer: 999_999_999 }, { token })).status).toBe(404)
    expect((await customerConversation({ req: csReq, customerId: customer.id }))!.needsAttention).toBe(2)

    const done = await post('/messages/mark-handled', { customer: customer.id }, { token })
    expect([done.status, done.json.cleared, done.json.message]).toEqual([200, 2, '2 pesan ditandai sudah ditangani.'])
    expect((await customerConversation({ req: csReq, customerId: customer.id }))!.needsAttention).toBe(0)
    // A double click: nothing more to clear. The other customer's question still waits; nothing was sent.
    expect((await post('/messages/mark-handled', { customer: customer.id }, { token })).json).toMatchObject({
      cleared: 0,
      message: 'Tidak ada pesan yang menunggu.',
    })
    expect((await customerConversation({ req: csReq, customerId: other.id }))!.needsAttention).toBe(1)
    expect(wa.accepted.length).toBe(sentBefore)
    expect((await messagesOf(customer.id)).filter((m) => m.direction === 'out')).toHaveLength(outBefore)
  })

  it("a customer cannot read someone else's conversation; finance can read but not send", async () => {
    const { customer } = await createCustomer(payload)
    const { customer: other } = await createCustomer(payload)
    expect(
      await customerConversation({ req: await reqAs(other as never, 'customers'), customerId: customer.id }),
    ).toBeNull()
    const finance = await createStaff(payload, 'finance')
    expect(
      (await customerConversation({ req: await reqAs(finance.user as never), customerId: customer.id }))!.customer.id,
    ).toBe(customer.id)
  })
})

describe('dashboard', () => {
  it('counts each event on its WIB day over the last 14 days and groups failures by error code', async () => {
    // A fortnight far from today, so messages other tests write now do not count.
    const now = new Date('2031-03-20T05:00:00Z') // 20 March 2031, 12:00 WIB
    const { customer } = await createCustomer(payload)
    const at = (iso: string) => new Date(iso).toISOString()
    const rows: Record<string, unknown>[] = [
      // 19 March 23:30 WIB sent, delivered 20 March 00:10 WIB, read 20 March 07:00 WIB.
      {
        status: 'read',
        sentAt: at('2031-03-19T16:30:00Z'),
        deliveredAt: at('2031-03-19T17:10:00Z'),
        readAt: at('2031-03-20T00:00:00Z'),
      },
      { status: 'delivered', sentAt: at('2031-03-20T01:00:00Z'), deliveredAt: at('2031-03-20T01:00:05Z') },
      {
        status: 'failed',
        sentAt: at('2031-03-18T02:00:00Z'),
        failedAt: at('2031-03-18T02:00:09Z'),
        errorCode: 131026,
        errorReason: 'Message undeliverable',
      },
      {
        status: 'failed',
        failedAt: at('2031-03-18T03:00:00Z'),
        errorCode: 131026,
        errorReason: 'Message undeliverable',
      },
      { status: 'failed', failedAt: at('2031-03-06T17:30:00Z'), errorCode: 130429, errorReason: 'Rate limit hit' }, // 7 March 00:30 WIB: the first day
      { status: 'failed', failedAt: at('2031-03-06T16:59:00Z'), errorCode: 132000, errorReason: 'too early' }, // 6 March 23:59 WIB: before it
      { status: 'failed', failedAt: at('2031-03-19T03:00:00Z'), errorReason: 'Variabel template belum diisi: jumlah' },
      { status: 'queued' },
      { direction: 'in', status: 'received', createdAt: at('2031-03-20T02:00:00Z') },
    ]
    for (const [index, { createdAt, ...row }] of rows.entries()) {
      const doc = await payload.create({
        collection: 'messages',
        data: {
          direction: 'out',
          channel: 'whatsapp',
          kind: 'template',
          customer: customer.id,
          to: customer.phone,
          dedupeKey: unique(`dasbor-${index}-`),
          ...row,
        } as never,
        overrideAccess: true,
      })
      // Payload stamps createdAt itself: an inbound message of that day is backdated here.
      await executeSql(
        csReq,
        sql`UPDATE messages SET created_at = ${(createdAt as string | undefined) ?? at('2031-03-10T00:00:00Z')} WHERE id = ${doc.id}`,
      )
    }
    const dashboard = await notificationDashboard({ req: csReq, now })
    expect(dashboard.daily).toHaveLength(14)
    expect([dashboard.daily[0]!.day, dashboard.daily.at(-1)!.day]).toEqual(['2031-03-07', '2031-03-20'])
    const nonZero = dashboard.daily.filter((d) => d.sent + d.delivered + d.read + d.failed + d.received > 0)
    expect(nonZero).toEqual([
      { day: '2031-03-07', sent: 0, delivered: 0, read: 0, failed: 1, received: 0 },
      { day: '2031-03-18', sent: 1, delivered: 0, read: 0, failed: 2, received: 0 },
      { day: '2031-03-19', sent: 1, delivered: 0, read: 0, failed: 1, received: 0 },
      { day: '2031-03-20', sent: 1, delivered: 2, read: 1, failed: 0, received: 1 },
    ])
    expect(dashboard.totals).toEqual({ sent: 3, delivered: 2, read: 1, failed: 4, received: 1 })
    expect(dashboard.failureReasons.map((r) => [r.errorCode, r.count, r.label])).toEqual([
      [131026, 2, 'Nomor tidak dapat menerima WhatsApp (tidak terdaftar/diblokir)'],
      [130429, 1, 'Batas kecepatan kirim tercapai'],
      [null, 1, 'Variabel template belum diisi: jumlah'],
    ])
    expect(dashboard.range).toEqual({ from: '2031-03-06T17:00:00.000Z', to: '2031-03-20T17:00:00.000Z' })
    expect(dashboard.queuedNow).toBeGreaterThanOrEqual(1)
  })
})

describe('default templates', () => {
  it('one per automatic message, each rendering its sample and accepted by the fake Graph API as approved', async () => {
    const keys = DEFAULT_TEMPLATES.map((t) => t.key)
    for (const trigger of [...CORE_TRIGGERS, ...BILLING_TRIGGERS, ...MONITORING_TRIGGERS].filter(
      (t) => t.name !== 'auto_answer',
    ))
      expect(keys).toContain(trigger.name)
    const rows = DEFAULT_TEMPLATES.map((t) => ({
      key: t.key,
      name: t.name,
      language: 'id' as const,
      body: t.body,
      buttons: t.buttons ?? [],
      providerTemplateName: providerTemplateName(t.key),
    }))
    const fake = await startFakeWhatsApp({
      token: TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      appSecret: APP_SECRET,
      templates: rows.map((t) => ({
        name: t.providerTemplateName!,
        language: 'id',
        bodyParams: templateNeeds({ ...t, buttons: [] }).length,
        buttons: (t.buttons ?? []).map((b) => b.kind),
      })),
    })
    try {
      const client = new WhatsAppCloudClient({ apiUrl: fake.apiUrl, token: TOKEN, phoneNumberId: PHONE_NUMBER_ID })
      for (const [index, t] of rows.entries()) {
        const sample = DEFAULT_TEMPLATES[index]!.sampleData
        expect(renderTemplate(t.body, sample), t.key).not.toMatch(/\{\{/)
        expect(
          (await client.sendTemplate(templateMessage('6281200000001', t, sample))).providerMessageId,
          t.key,
        ).toMatch(/^wamid\./)
      }
      const invoice = fake.accepted.find((m) => m.body.template.name === 'invoice_issued_v1')!
      expect(
        invoice.body.template.components
          .slice(1)
          .map((c: { parameters: { payload: string }[] }) => c.parameters[0]!.payload),
      ).toEqual(['PAY:INV20261105001', 'TRANSFERRED', 'REPORT_PROBLEM'])
    } finally {
      await fake.close()
    }
  })
})
