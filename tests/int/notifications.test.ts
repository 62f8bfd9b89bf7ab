/**
 * The notifications plugin end to end: the fake Graph API (a real HTTP server that checks tokens,
 * templates, parameter counts and the 24 h window, and posts signed webhooks), the webhook served over
 * real HTTP by Express + Payload's REST handler (as server.ts mounts it), the send task run through
 * the jobs queue, and a real SMTP server for the email fallback.
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'

import express from 'express'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakeFonnte, type FakeFonnte } from '../../src/fakes/fonnte'
import { startFakeWhatsApp, type FakeWhatsApp } from '../../src/fakes/whatsapp'
import { payloadRestBridge } from '../../src/lib/restBridge'
import { ChannelError } from '../../src/plugins/notifications/channels/errors'
import { FonnteClient } from '../../src/plugins/notifications/channels/fonnte'
import { WhatsAppCloudClient } from '../../src/plugins/notifications/channels/whatsapp'
import {
  notify,
  queueNotification,
  registerInboundHandler,
  unregisterInboundHandler,
} from '../../src/plugins/notifications'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { freePort } from '../helpers/net'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

const TOKEN = 'EAAG-uji-token'
const PHONE_NUMBER_ID = '109876543210'
const APP_SECRET = 'rahasia-aplikasi-meta'
const VERIFY_TOKEN = 'verifikasi-uji'

let payload: Payload
let wa: FakeWhatsApp
let fonnte: FakeFonnte
let smtp: SMTPServer
let app: http.Server
let base = ''
const mails: ParsedMail[] = []

const lexical = (words: string) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: null,
    children: [
      {
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: null,
        textFormat: 0,
        children: [{ type: 'text', text: words, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      },
    ],
  },
})

async function systemReq() {
  const { createLocalReq } = await import('payload')
  return createLocalReq({}, payload)
}

type Msg = Record<string, any>
const messagesWhere = async (where: Record<string, unknown>): Promise<Msg[]> =>
  (
    await payload.find({
      collection: 'messages',
      where: where as never,
      depth: 0,
      limit: 100,
      sort: 'id',
      overrideAccess: true,
    })
  ).docs as Msg[]
const message = async (id: number) =>
  (await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })) as Msg
/** [type, outcome] of a message's status events, by type. */
const outcomesFor = async (wamid: string) =>
  (
    (
      await payload.find({
        collection: 'whatsapp-events',
        where: { providerMessageId: { equals: wamid } },
        depth: 0,
        limit: 20,
        sort: 'type',
        overrideAccess: true,
      })
    ).docs as Msg[]
  ).map((e) => [e.type, e.outcome])
const eventsFor = async (key: string) =>
  (await payload.count({ collection: 'whatsapp-events', where: { eventKey: { equals: key } }, overrideAccess: true }))
    .totalDocs

/** The send job of a message (there must be exactly one). */
async function jobOf(messageId: number) {
  const jobs = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'sendNotification' } }, { 'input.messageId': { equals: messageId } }] },
    overrideAccess: true,
    depth: 0,
  })
  expect(jobs.docs, `jobs of message ${messageId}`).toHaveLength(1)
  return jobs.docs[0]!
}
async function runSend(messageId: number) {
  const job = await jobOf(messageId)
  await payload.jobs.runByID({ id: job.id, overrideAccess: true })
  return payload.findByID({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
}

async function webhook(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/whatsapp/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  return { status: res.status, text: await res.text() }
}

async function template(data: Record<string, unknown>) {
  return payload.create({
    collection: 'message-templates',
    data: { language: 'id', category: 'UTILITY', approvalStatus: 'approved', ...data } as never,
    overrideAccess: true,
  })
}

beforeAll(async () => {
  const smtpPort = await freePort()
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData: (stream, _session, callback) => {
      simpleParser(stream).then((mail) => {
        mails.push(mail)
        callback()
      }, callback)
    },
  })
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve))
  wa = await startFakeWhatsApp({
    token: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    templates: [
      { name: 'sambutan_v1', language: 'id', bodyParams: 2, buttons: ['quick_reply'] },
      { name: 'status_tiket_v1', language: 'id', bodyParams: 3 },
      { name: 'info_umum_v1', language: 'id', bodyParams: 1 },
    ],
  })
  fonnte = await startFakeFonnte({ token: 'fonnte-uji' })
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    EMAIL_FROM: 'cs@isp.example',
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_API_URL: wa.apiUrl,
  })
  payload = await testPayload()

  const server = express()
  server.use(payloadRestBridge(payload.config))
  app = server.listen(0, '127.0.0.1')
  await new Promise((resolve) => app.once('listening', resolve))
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  wa.setWebhookUrl(`${base}/api/whatsapp/webhook`)

  await template({
    key: 'welcome',
    name: 'Sambutan',
    body: 'Halo {{nama}}, selamat bergabung! Nomor pelanggan Anda {{nomor_pelanggan}}.',
    providerTemplateName: 'sambutan_v1',
    emailSubject: 'Selamat datang',
    buttons: [{ kind: 'quick_reply', text: 'Lapor gangguan', payload: 'REPORT_PROBLEM' }],
  })
  await template({
    key: 'ticket_status_changed',
    name: 'Status tiket',
    body: 'Halo {{nama}}, tiket {{nomor_tiket}} kini berstatus {{status}}.',
    providerTemplateName: 'status_tiket_v1',
  })
  await template({
    key: 'info_umum',
    name: 'Info umum',
    body: 'Halo {{nama}}, ada kabar dari kami.',
    providerTemplateName: 'info_umum_v1',
    emailSubject: 'Kabar layanan',
  })
  // Published FAQ (with a newer unpublished draft), and an article that was never published.
  const kb = await payload.create({
    collection: 'knowledge-base',
    data: {
      title: 'Cara membayar tagihan internet',
      keywords: ['bayar', 'transfer', 'tagihan'],
      body: lexical('Bayar lewat transfer bank ke rekening BCA 123 atau di kantor kami.'),
      _status: 'published',
    } as never,
    overrideAccess: true,
  })
  await payload.update({
    collection: 'knowledge-base',
    id: kb.id,
    data: { title: 'Draf rahasia pembayaran' } as never,
    draft: true,
    overrideAccess: true,
  })
  await payload.create({
    collection: 'knowledge-base',
    data: {
      title: 'Kecepatan wifi lambat malam hari',
      keywords: ['lambat', 'wifi'],
      body: lexical('Restart router Anda.'),
      _status: 'draft',
    } as never,
    draft: true,
    overrideAccess: true,
  })
})

afterAll(async () => {
  await new Promise<void>((resolve) => app?.close(() => resolve()))
  await wa?.close()
  await fonnte?.close()
  await new Promise<void>((resolve) => smtp?.close(() => resolve()))
})

describe('adapters against the fakes', () => {
  it('WhatsApp: a wrong token is an auth error carrying code 190; a wrong template name 132001; a wrong parameter count 132000', async () => {
    const bad = new WhatsAppCloudClient({ apiUrl: wa.apiUrl, token: 'salah', phoneNumberId: PHONE_NUMBER_ID })
    const error = await bad.sendText('6281234567890', 'x').catch((e) => e)
    expect(error).toBeInstanceOf(ChannelError)
    expect([error.kind, error.code]).toEqual(['auth', 190])
    const good = new WhatsAppCloudClient({ apiUrl: wa.apiUrl, token: TOKEN, phoneNumberId: PHONE_NUMBER_ID })
    expect(
      await good
        .sendTemplate({ to: '6281234567890', name: 'tidak_ada', language: 'id', bodyParams: ['a'] })
        .catch((e) => [e.kind, e.code]),
    ).toEqual(['template', 132001])
    expect(
      await good
        .sendTemplate({ to: '6281234567890', name: 'info_umum_v1', language: 'id', bodyParams: ['a', 'b'] })
        .catch((e) => [e.kind, e.code]),
    ).toEqual(['template', 132000])
    const ok = await good.sendTemplate({
      to: '6281234567890',
      name: 'info_umum_v1',
      language: 'id',
      bodyParams: ['Budi'],
    })
    expect(ok.providerMessageId).toMatch(/^wamid\./)
    // Interactive messages need the 24 h window, like free text.
    const to = uniquePhone()
    expect(
      await good
        .sendInteractive({ kind: 'buttons', to, body: 'Pilih', buttons: [{ id: 'A', title: 'A' }] })
        .catch((e) => e.code),
    ).toBe(131047)
    wa.customerWrote(to)
    expect(
      (
        await good.sendInteractive({
          kind: 'list',
          to,
          body: 'Pilih',
          buttonText: 'Menu',
          rows: [{ id: 'R1', title: 'Satu' }],
        })
      ).providerMessageId,
    ).toMatch(/^wamid\./)
  })

  it('Fonnte: sends with the token as Authorization and form fields; refuses a wrong token', async () => {
    const to = uniquePhone()
    const sent = await new FonnteClient({ apiUrl: fonnte.url, token: 'fonnte-uji' }).sendText(to, 'Halo dari Fonnte')
    expect(sent.providerMessageId).toMatch(/^fonnte:\d+$/)
    expect(fonnte.sent.at(-1)).toMatchObject({ target: to, message: 'Halo dari Fonnte' })
    const error = await new FonnteClient({ apiUrl: fonnte.url, token: 'salah' }).sendText(to, 'x').catch((e) => e)
    expect(error.kind).toBe('auth')
  })
})

describe('outgoing messages', () => {
  it('welcomes a customer once when they become active, as the approved template with its button', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    await payload.update({ collection: 'customers', id: customer.id, data: { status: 'active' }, overrideAccess: true })
    await payload.update({
      collection: 'customers',
      id: customer.id,
      data: { address: 'Jl. Baru 1' },
      overrideAccess: true,
    })
    const rows = await messagesWhere({ dedupeKey: { equals: `welcome:customer:${customer.id}` } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      status: 'queued',
      to: customer.phone,
      body: `Halo ${customer.name}, selamat bergabung! Nomor pelanggan Anda ${customer.number}.`,
    })

    const job = await runSend(rows[0]!.id)
    expect(job.completedAt).toBeTruthy()
    const sent = wa.accepted.filter((m) => m.to === customer.phone)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.body.template.name).toBe('sambutan_v1')
    expect(sent[0]!.body.template.components[0].parameters.map((p: { text: string }) => p.text)).toEqual([
      customer.name,
      customer.number,
    ])
    expect(sent[0]!.body.template.components[1]).toMatchObject({
      sub_type: 'quick_reply',
      index: '0',
      parameters: [{ payload: 'REPORT_PROBLEM' }],
    })
    const stored = await message(rows[0]!.id)
    expect(stored).toMatchObject({ status: 'sent', providerMessageId: sent[0]!.id, attempts: 1 })

    // The job again (a duplicate run): the stored provider id stops a second send.
    const { sendNotification } = await import('../../src/plugins/notifications/operations/sendNotification')
    expect(await sendNotification({ req: await systemReq(), messageId: rows[0]!.id })).toBe('already_sent')
    expect(wa.accepted.filter((m) => m.to === customer.phone)).toHaveLength(1)
  })

  it('refuses a template whose variables are missing: logged as failed, never queued or sent', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const requestsBefore = wa.requests.length
    const result = await notify({
      req: await systemReq(),
      trigger: 'ticket_status_changed',
      customerId: customer.id,
      dedupeKey: unique('uji-kurang-'),
      variables: { nama: customer.name, status: 'Selesai' },
    })
    expect(result).toMatchObject({ status: 'refused', missing: ['nomor_tiket'] })
    const row = await message((result as { messageId: number }).messageId)
    expect(row).toMatchObject({ status: 'failed' })
    expect(row.errorReason).toContain('nomor_tiket')
    const jobs = await payload.count({
      collection: 'payload-jobs',
      where: { 'input.messageId': { equals: row.id } },
      overrideAccess: true,
    })
    expect(jobs.totalDocs).toBe(0)
    expect(wa.requests.length).toBe(requestsBefore)
  })

  it('one dedupe key, one message: queuing it again does nothing', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const key = unique('uji-sekali-')
    const first = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: key,
      variables: { nama: 'Budi' },
    })
    const second = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: key,
      variables: { nama: 'Budi' },
    })
    expect(first.status).toBe('queued')
    expect(second.status).toBe('duplicate')
    expect(await messagesWhere({ dedupeKey: { equals: key } })).toHaveLength(1)
  })

  it('131047: free text outside the 24 h window goes out as the approved template instead', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const result = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: unique('uji-47-'),
      text: 'Pesan bebas',
      variables: { nama: customer.name },
    })
    expect(result.status).toBe('queued')
    const id = (result as { messageId: number }).messageId
    await runSend(id)
    const toCustomer = wa.requests.filter((r) => r.to === customer.phone)
    expect(toCustomer.map((r) => [r.type, r.error ?? null])).toEqual([
      ['text', 131047],
      ['template', null],
    ])
    expect(await message(id)).toMatchObject({
      status: 'sent',
      errorCode: 131047,
      providerMessageId: wa.accepted.find((a) => a.to === customer.phone)!.id,
    })
  })

  it('131026: a number not on WhatsApp gets the message by email, once', async () => {
    const email = `${unique('pelanggan').toLowerCase()}@contoh.id`
    const { customer } = await createCustomer(payload, { status: 'prospect', email })
    wa.failFor(customer.phone, 131026)
    const result = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: unique('uji-26-'),
      variables: { nama: customer.name },
    })
    const id = (result as { messageId: number }).messageId
    await runSend(id)
    wa.failFor(customer.phone, null)
    expect(await message(id)).toMatchObject({ status: 'failed', errorCode: 131026 })
    const fallback = await messagesWhere({ fallbackOf: { equals: id } })
    expect(fallback).toHaveLength(1)
    expect(fallback[0]).toMatchObject({ channel: 'email', to: email, status: 'queued' })
    await runSend(fallback[0]!.id)
    await runSend(fallback[0]!.id)
    const received = mails.filter((m) => [m.to].flat().some((t) => t?.value.some((v) => v.address === email)))
    expect(received).toHaveLength(1)
    expect(received[0]!.subject).toBe('Kabar layanan')
    expect(received[0]!.text).toContain(`Halo ${customer.name}, ada kabar dari kami.`)
    expect(await message(fallback[0]!.id)).toMatchObject({ status: 'sent' })
  })

  it('130429: backs off and retries, and sends exactly once when the limit clears', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const result = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: unique('uji-429-'),
      variables: { nama: customer.name },
    })
    const id = (result as { messageId: number }).messageId
    wa.failNext(130429)
    const first = await runSend(id)
    expect(first.completedAt).toBeFalsy()
    expect(first.hasError).toBeFalsy()
    expect(first.totalTried).toBe(1)
    expect(new Date(first.waitUntil!).getTime()).toBeGreaterThan(Date.now())
    expect(await message(id)).toMatchObject({ status: 'queued', errorCode: 130429, attempts: 1 })
    const second = await runSend(id)
    expect(second.completedAt).toBeTruthy()
    expect(wa.accepted.filter((m) => m.to === customer.phone)).toHaveLength(1)
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('tells the customer when their ticket changes status', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const ticket = await payload.create({
      collection: 'tickets',
      data: { subject: 'Internet mati', customer: customer.id, type: 'repair', priority: 'normal', status: 'open' },
      overrideAccess: true,
    })
    await payload.update({ collection: 'tickets', id: ticket.id, data: { status: 'closed' }, overrideAccess: true })
    const rows = await messagesWhere({
      and: [{ customer: { equals: customer.id } }, { trigger: { equals: 'ticket_status_changed' } }],
    })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.body).toBe(`Halo ${customer.name}, tiket ${ticket.number} kini berstatus Ditutup.`)
  })

  it('an installation scheduled with a technician tells the customer and the technician, once each', async () => {
    await template({
      key: 'installation_scheduled',
      name: 'Jadwal pasang',
      body: 'Halo {{nama}}, pemasangan dijadwalkan {{jadwal}}.',
      providerTemplateName: 'info_umum_v1',
    })
    await template({
      key: 'technician_assigned',
      name: 'Teknisi',
      body: 'Teknisi {{teknisi}} menangani tiket {{nomor_tiket}}.',
      providerTemplateName: 'info_umum_v1',
    })
    await template({
      key: 'technician_job',
      name: 'Tugas teknisi',
      body: 'Tugas baru {{nomor_tiket}} di {{alamat}}.',
      providerTemplateName: 'info_umum_v1',
    })
    const tech = await createStaff(payload, 'technician')
    await payload.update({
      collection: 'users',
      id: tech.user.id,
      data: { phone: uniquePhone() },
      overrideAccess: true,
    })
    const { customer } = await createCustomer(payload, { status: 'prospect', address: 'Jl. Melati 5' })
    const at = new Date(Date.UTC(2026, 11, 1, 2, 0)).toISOString()
    const ticket = await payload.create({
      collection: 'tickets',
      data: {
        subject: 'Pasang baru',
        customer: customer.id,
        type: 'installation',
        priority: 'normal',
        status: 'open',
        assignedTechnician: tech.user.id,
        scheduledAt: at,
      },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { description: 'bawa ONT' },
      overrideAccess: true,
    })
    const toCustomer = await messagesWhere({ customer: { equals: customer.id } })
    expect(toCustomer.map((m) => m.trigger).sort()).toEqual(['installation_scheduled', 'technician_assigned'])
    expect(toCustomer.find((m) => m.trigger === 'installation_scheduled')!.body).toContain('1 Desember 2026')
    const toTech = await messagesWhere({ staffRecipient: { equals: tech.user.id } })
    expect(toTech).toHaveLength(1)
    expect(toTech[0]!.body).toBe(`Tugas baru ${ticket.number} di Jl. Melati 5.`)
  })

  it('a customer reads only their own messages', async () => {
    const a = await createCustomer(payload, { status: 'prospect' })
    const b = await createCustomer(payload, { status: 'prospect' })
    for (const c of [a.customer, b.customer])
      await queueNotification({
        req: await systemReq(),
        trigger: 'info_umum',
        templateKey: 'info_umum',
        customerId: c.id,
        dedupeKey: unique('uji-milik-'),
        variables: { nama: c.name },
      })
    const seen = await payload.find({
      collection: 'messages',
      where: { customer: { in: [a.customer.id, b.customer.id] } },
      overrideAccess: false,
      user: { ...a.customer, collection: 'customers' } as never,
      depth: 0,
    })
    expect(seen.docs.map((m) => (m as Msg).customer)).toEqual([a.customer.id])
  })

  it('switched off in the settings, a trigger queues nothing', async () => {
    await payload.updateGlobal({
      slug: 'notification-settings',
      data: { triggers: { ticket_status_changed: { enabled: false } } } as never,
      overrideAccess: true,
    })
    try {
      const { customer } = await createCustomer(payload, { status: 'prospect' })
      const ticket = await payload.create({
        collection: 'tickets',
        data: { subject: 'Lambat', customer: customer.id, type: 'repair', priority: 'normal', status: 'open' },
        overrideAccess: true,
      })
      await payload.update({ collection: 'tickets', id: ticket.id, data: { status: 'closed' }, overrideAccess: true })
      expect(await messagesWhere({ customer: { equals: customer.id } })).toHaveLength(0)
    } finally {
      await payload.updateGlobal({
        slug: 'notification-settings',
        data: { triggers: { ticket_status_changed: { enabled: true } } } as never,
        overrideAccess: true,
      })
    }
  })
})

describe('webhook', () => {
  it('GET verification echoes the challenge only for the right verify token', async () => {
    const ok = await fetch(
      `${base}/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    )
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444'])
    const bad = await fetch(
      `${base}/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1158201444`,
    )
    expect(bad.status).toBe(403)
  })

  it('refuses unsigned, mis-signed and forged bodies with 401 and stores nothing', async () => {
    const { body, id } = wa.inboundBody(uniquePhone(), { type: 'text', text: 'halo' })
    const raw = JSON.stringify(body)
    expect((await webhook(raw)).status).toBe(401)
    expect((await webhook(raw, { 'x-hub-signature-256': wa.sign(raw, 'rahasia-lain') })).status).toBe(401)
    expect((await webhook(raw, { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) })).status).toBe(401)
    expect((await webhook(raw, { 'x-hub-signature-256': wa.sign(raw).toUpperCase() })).status).toBe(401)
    // A valid signature of a different body (tampered in transit).
    expect((await webhook(raw.replace('halo', 'HALO'), { 'x-hub-signature-256': wa.sign(raw) })).status).toBe(401)
    expect(await eventsFor(id)).toBe(0)
    expect(await messagesWhere({ providerMessageId: { equals: id } })).toHaveLength(0)
  })

  it('answers 413 to a 5 MB garbage body and 400 to invalid JSON, never 500', async () => {
    const garbage = Buffer.alloc(5 * 1024 * 1024, 0x7a).toString()
    expect((await webhook(garbage, { 'x-hub-signature-256': wa.sign(garbage) })).status).toBe(413)
    const broken = '{"object":"whatsapp_business_account","entry":[{'
    expect((await webhook(broken, { 'x-hub-signature-256': wa.sign(broken) })).status).toBe(400)
    const shapeless = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { statuses: [{ id: 5 }], messages: [{}] } }] }],
    })
    expect((await webhook(shapeless, { 'x-hub-signature-256': wa.sign(shapeless) })).status).toBe(200)
  })

  it('applies shuffled and repeated statuses forward only', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const result = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: unique('uji-status-'),
      variables: { nama: customer.name },
    })
    const id = (result as { messageId: number }).messageId
    await runSend(id)
    const wamid = (await message(id)).providerMessageId as string
    const statuses = await wa.postStatuses(
      [
        { id: wamid, status: 'read' },
        { id: wamid, status: 'sent' },
        { id: wamid, status: 'delivered' },
        { id: wamid, status: 'failed', errorCode: 131026 },
      ],
      { times: 5 },
    )
    expect(statuses.every((s) => s === 200)).toBe(true)
    const row = await message(id)
    expect(row.status).toBe('read')
    expect(row.deliveredAt).toBeTruthy()
    expect(row.readAt).toBeTruthy()
    expect(row.failedAt).toBeFalsy()
    for (const s of ['sent', 'delivered', 'read', 'failed']) expect(await eventsFor(`${wamid}:${s}`)).toBe(1)
    // Each event says what it did: only the first (read) moved the message.
    expect(await outcomesFor(wamid)).toEqual([
      ['delivered', 'stale'],
      ['failed', 'stale'],
      ['read', 'updated'],
      ['sent', 'stale'],
    ])
    // A late failure never reaches a read message, so no email fallback either.
    expect(await messagesWhere({ fallbackOf: { equals: id } })).toHaveLength(0)
  })

  it('the same statuses posted concurrently are recorded once each and end forward only', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const result = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: unique('uji-serentak-'),
      variables: { nama: customer.name },
    })
    const id = (result as { messageId: number }).messageId
    await runSend(id)
    const wamid = (await message(id)).providerMessageId as string
    const bodies = (['delivered', 'read'] as const).map((status) => wa.statusBody([{ id: wamid, status }]))
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch(base + '/api/whatsapp/webhook', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': wa.sign(JSON.stringify(bodies[i % 2])),
          },
          body: JSON.stringify(bodies[i % 2]),
        }).then(async (r) => [r.status, (await r.json()) as { applied: number; duplicates: number }] as const),
      ),
    )
    expect(answers.every(([status]) => status === 200)).toBe(true)
    expect(answers.reduce((n, [, a]) => n + a.applied, 0)).toBe(2)
    expect(answers.reduce((n, [, a]) => n + a.duplicates, 0)).toBe(10)
    expect(await eventsFor(`${wamid}:delivered`)).toBe(1)
    expect(await eventsFor(`${wamid}:read`)).toBe(1)
    expect(await message(id)).toMatchObject({
      status: 'read',
      deliveredAt: expect.any(String),
      readAt: expect.any(String),
    })
  })

  it('statuses that arrive before the send is recorded are applied once it is', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const result = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: unique('uji-awal-'),
      variables: { nama: customer.name },
    })
    const id = (result as { messageId: number }).messageId
    const answered = wa.earlyStatusAnswers.length
    wa.postStatusesBeforeAnswer(['sent', 'delivered'])
    await runSend(id)
    expect(wa.earlyStatusAnswers.slice(answered)).toEqual([200, 200])
    const row = await message(id)
    // When they came no message had that wamid yet, but they carry the send's attempt key
    // (biz_opaque_callback_data): the first tied the message to its wamid, then each applied.
    expect(await outcomesFor(row.providerMessageId)).toEqual([
      ['delivered', 'updated'],
      ['sent', 'stale'],
    ])
    expect(row).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) })
  })

  it('a failed status with 131026 fails a sent message and queues the email fallback once', async () => {
    const email = `${unique('gagal').toLowerCase()}@contoh.id`
    const { customer } = await createCustomer(payload, { status: 'prospect', email })
    const result = await queueNotification({
      req: await systemReq(),
      trigger: 'info_umum',
      templateKey: 'info_umum',
      customerId: customer.id,
      dedupeKey: unique('uji-26b-'),
      variables: { nama: customer.name },
    })
    const id = (result as { messageId: number }).messageId
    await runSend(id)
    const wamid = (await message(id)).providerMessageId as string
    await wa.postStatuses(
      [
        { id: wamid, status: 'failed', errorCode: 131026 },
        { id: wamid, status: 'sent' },
      ],
      { times: 3 },
    )
    expect(await message(id)).toMatchObject({ status: 'failed', errorCode: 131026 })
    const fallback = await messagesWhere({ fallbackOf: { equals: id } })
    expect(fallback.map((f) => [f.channel, f.to])).toEqual([['email', email]])
  })

  it('a text question replayed 5 times is answered once from the published FAQ', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const { id, statuses } = await wa.postInbound(
      customer.phone,
      { type: 'text', text: 'Bagaimana cara bayar tagihan lewat transfer?' },
      { times: 5 },
    )
    expect(statuses).toEqual([200, 200, 200, 200, 200])
    expect(await eventsFor(id)).toBe(1)
    const inbound = await messagesWhere({ providerMessageId: { equals: id } })
    expect(inbound).toHaveLength(1)
    expect(inbound[0]).toMatchObject({
      direction: 'in',
      status: 'received',
      customer: customer.id,
      needsAttention: false,
    })
    const replies = await messagesWhere({ dedupeKey: { like: `reply:${id}` } })
    expect(replies).toHaveLength(1)
    expect(replies[0]!.body).toContain('Cara membayar tagihan internet')
    expect(replies[0]!.body).not.toContain('Draf rahasia')
    // Inside the window the free-text reply goes out as is.
    await runSend(replies[0]!.id)
    expect(wa.accepted.filter((m) => m.to === customer.phone && m.type === 'text')).toHaveLength(1)
  })

  it('a question only a draft article covers goes to customer service', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const { id } = await wa.postInbound(customer.phone, { type: 'text', text: 'wifi lambat sekali malam hari' })
    const inbound = await messagesWhere({ providerMessageId: { equals: id } })
    expect(inbound[0]!.needsAttention).toBe(true)
    const replies = await messagesWhere({ dedupeKey: { like: `reply:${id}` } })
    expect(replies).toHaveLength(1)
    expect(replies[0]!.body).toContain('layanan pelanggan')
  })

  it('an image from an unknown number is logged and answered safely, once, however often it comes', async () => {
    const stranger = uniquePhone()
    const { id, statuses } = await wa.postInbound(stranger, { type: 'image', caption: 'bukti transfer' }, { times: 5 })
    expect(statuses.every((s) => s === 200)).toBe(true)
    expect(await eventsFor(id)).toBe(1)
    const inbound = await messagesWhere({ providerMessageId: { equals: id } })
    expect(inbound).toHaveLength(1)
    expect(inbound[0]).toMatchObject({ customer: null, kind: 'image', to: stranger })
    const replies = await messagesWhere({ dedupeKey: { like: `reply:${id}` } })
    expect(replies).toHaveLength(1)
    expect(replies[0]).toMatchObject({ to: stranger, customer: null })
    expect(replies[0]!.body).toContain('belum terdaftar')
  })

  it('"report a problem" opens one ticket and answers with its number', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const { id } = await wa.postInbound(
      customer.phone,
      { type: 'button', payload: 'REPORT_PROBLEM', text: 'Lapor gangguan' },
      { times: 3 },
    )
    const tickets = await payload.find({
      collection: 'tickets',
      where: { customer: { equals: customer.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(tickets.docs).toHaveLength(1)
    const replies = await messagesWhere({ dedupeKey: { like: `reply:${id}` } })
    expect(replies).toHaveLength(1)
    expect(replies[0]!.body).toContain(tickets.docs[0]!.number!)
  })

  it('registered inbound handlers run before the built-in routing (the extension point billing uses)', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    const seen: string[] = []
    // Billing's own handlers own `PAY:`; this one listens to a prefix nobody else uses.
    registerInboundHandler({
      name: 'uji-bayar',
      match: { types: ['button', 'interactive'], buttonPayloadPrefix: 'UJI:' },
      handle: async ({ message, customer: who, reply }) => {
        seen.push(`${who?.id}:${message.buttonPayload}`)
        await reply('Tautan pembayaran: https://bayar.example/INV1')
        return true
      },
    })
    try {
      const { id } = await wa.postInbound(
        customer.phone,
        { type: 'interactive', reply: { kind: 'button_reply', id: 'UJI:INV1', title: 'Bayar' } },
        { times: 2 },
      )
      expect(seen).toEqual([`${customer.id}:UJI:INV1`])
      const replies = await messagesWhere({ dedupeKey: { like: `reply:${id}` } })
      expect(replies.map((r) => r.body)).toEqual(['Tautan pembayaran: https://bayar.example/INV1'])
    } finally {
      unregisterInboundHandler('uji-bayar')
    }
  })
})

describe('access', () => {
  it('messages and events cannot be written through the API; templates by content editors only', async () => {
    const cs = await createStaff(payload, 'customer_service')
    const editor = await createStaff(payload, 'content_editor')
    const asUser = (user: unknown) => ({
      overrideAccess: false,
      user: { ...(user as object), collection: 'users' } as never,
    })
    await expect(
      payload.create({
        collection: 'messages',
        data: { direction: 'out', channel: 'whatsapp', status: 'sent', kind: 'text', to: '6281' } as never,
        ...asUser(cs.user),
      }),
    ).rejects.toThrow()
    await expect(
      payload.create({
        collection: 'message-templates',
        data: {
          key: unique('cs_').toLowerCase(),
          name: 'x',
          body: 'x',
          language: 'id',
          category: 'UTILITY',
          approvalStatus: 'draft',
        } as never,
        ...asUser(cs.user),
      }),
    ).rejects.toThrow()
    const made = await payload.create({
      collection: 'message-templates',
      data: {
        key: unique('ed_').toLowerCase(),
        name: 'x',
        body: 'Halo {{nama}}',
        sampleData: { nama: 'Budi' },
        language: 'id',
        category: 'UTILITY',
        approvalStatus: 'draft',
      } as never,
      ...asUser(editor.user),
    })
    expect((made as Msg).preview).toBe('Halo Budi')
    expect((made as Msg).providerBody).toBe('Halo {{1}}')
  })
})
