/**
 * The portal's profile over the wire, against the production server: a password changes only with
 * the current one (wrong → Indonesian error, rate-limited; a bare PATCH cannot do it), the sign-in
 * code's text is readable by no staff member (REST, GraphQL, search, the conversation, the admin's
 * message log), and the notification preferences are the customer's own, timestamped, and honoured
 * by the notifications plugin for non-essential kinds only.
 *
 * Client addresses are 10.78.x.y, a range no other file uses.
 */
import { sql } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { executeSqlOutsideTransaction } from '../../src/db/sql'
import { notify } from '../../src/plugins/notifications'
import { queueNotificationsBulk } from '../../src/plugins/notifications/operations/queueBulk'
import { seedMessageTemplates } from '../../src/seed/messageTemplates'
import { createCustomer, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, gql, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let ipCounter = 0
const newIp = () => `10.78.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`

async function customerToken(number: string, password = TEST_PASSWORD): Promise<string> {
  const res = await api('/api/customers/portal-login', {
    method: 'POST',
    ip: newIp(),
    body: { login: number, password },
  })
  if (res.status !== 200) throw new Error(`portal login ${res.status}: ${res.text}`)
  return res.json.token
}

const changePassword = (token: string, body: unknown, ip = newIp()) =>
  api('/api/portal/password', { method: 'POST', token, ip, body })

beforeAll(async () => {
  payload = await testPayload()
  await seedMessageTemplates(payload)
})

describe('password change needs the current password', () => {
  it('a right current password sets the new one; the old one no longer signs in', async () => {
    const { customer } = await createCustomer(payload)
    const token = await customerToken(customer.number!)
    const res = await changePassword(token, { currentPassword: TEST_PASSWORD, password: 'sandi-baru-4567' })
    expect(res.status, res.text).toBe(200)
    expect(res.json.message).toBe('Kata sandi baru tersimpan.')
    await expect(customerToken(customer.number!)).rejects.toThrow(/401/)
    expect(await customerToken(customer.number!, 'sandi-baru-4567')).toBeTruthy()
  })

  it('a wrong current password is refused in Indonesian and changes nothing', async () => {
    const { customer } = await createCustomer(payload)
    const token = await customerToken(customer.number!)
    const res = await changePassword(token, { currentPassword: 'bukan-sandinya', password: 'sandi-baru-4567' })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toBe('Kata sandi lama salah.')
    expect(await customerToken(customer.number!)).toBeTruthy()
    await expect(customerToken(customer.number!, 'sandi-baru-4567')).rejects.toThrow(/401/)
  })

  it('bad input: no current password, a short new one, the same one', async () => {
    const { customer } = await createCustomer(payload)
    const token = await customerToken(customer.number!)
    const missing = await changePassword(token, { password: 'sandi-baru-4567' })
    expect(missing.status).toBe(400)
    expect(missing.json.errors[0].message).toBe('Masukkan kata sandi lama.')
    const short = await changePassword(token, { currentPassword: TEST_PASSWORD, password: 'pendek' })
    expect(short.status).toBe(400)
    expect(short.json.errors[0].message).toBe('Kata sandi baru minimal 8 karakter.')
    const same = await changePassword(token, { currentPassword: TEST_PASSWORD, password: TEST_PASSWORD })
    expect(same.status).toBe(400)
    expect(same.json.errors[0].message).toBe('Kata sandi baru harus berbeda dari yang lama.')
  })

  it('after five wrong tries the customer waits, from any address, even with the right password', async () => {
    const { customer } = await createCustomer(payload)
    const token = await customerToken(customer.number!)
    for (let i = 0; i < 5; i++) {
      const res = await changePassword(token, { currentPassword: `salah-${i}-xxxx`, password: 'sandi-baru-4567' })
      expect(res.status, res.text).toBe(400)
    }
    const sixth = await changePassword(token, { currentPassword: TEST_PASSWORD, password: 'sandi-baru-4567' })
    expect(sixth.status).toBe(429)
    expect(sixth.json.errors[0].message).toMatch(/^Terlalu banyak percobaan\. Coba lagi dalam 5 menit\./)
    expect(await customerToken(customer.number!)).toBeTruthy()
  })

  it('anonymous callers and staff cannot use it', async () => {
    const anon = await api('/api/portal/password', {
      method: 'POST',
      ip: newIp(),
      body: { currentPassword: 'x', password: 'sandi-baru-4567' },
    })
    expect(anon.status).toBe(401)
    const cs = await createStaff(payload, 'customer_service')
    const staffToken = await login('users', { email: cs.email, password: cs.password })
    const asStaff = await changePassword(staffToken, { currentPassword: TEST_PASSWORD, password: 'sandi-baru-4567' })
    expect(asStaff.status).toBe(401)
  })

  it('a customer cannot set their password by PATCH or GraphQL without the current one', async () => {
    const { customer } = await createCustomer(payload)
    const token = await customerToken(customer.number!)
    const patch = await api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      token,
      ip: newIp(),
      body: { password: 'dibajak-12345' },
    })
    expect(patch.status).toBe(403)
    expect(patch.json.errors[0].message).toMatch(/^Kata sandi hanya bisa diganti dengan memasukkan kata sandi lama/)
    const viaGql = await gql(
      `mutation { updateCustomer(id: ${customer.id}, data: { password: "dibajak-12345" }) { id } }`,
      {},
      token,
    )
    expect(viaGql.errors?.[0]?.message).toMatch(/^Kata sandi hanya bisa diganti/)
    await expect(customerToken(customer.number!, 'dibajak-12345')).rejects.toThrow(/401/)
    expect(await customerToken(customer.number!)).toBeTruthy()
    // The e-mail still changes by PATCH (the password rule touches nothing else).
    const email = `${unique('surel').toLowerCase()}@uji.id`
    const ok = await api(`/api/customers/${customer.id}`, { method: 'PATCH', token, ip: newIp(), body: { email } })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.json.doc.email).toBe(email)
  })
})

describe('the sign-in code is hidden from staff', () => {
  let customerId: number
  let messageId: number
  let code: string
  const tokens: Record<'admin' | 'customer_service', string> = { admin: '', customer_service: '' }

  beforeAll(async () => {
    const { customer } = await createCustomer(payload)
    customerId = customer.id
    const sent = await api('/api/portal/code', { method: 'POST', ip: newIp(), body: { phone: customer.phone } })
    expect(sent.status, sent.text).toBe(200)
    const { rows } = await executeSqlOutsideTransaction(
      payload,
      sql`SELECT id, body FROM messages WHERE customer_id = ${customerId} AND trigger = 'login_code' ORDER BY id DESC LIMIT 1`,
    )
    messageId = Number(rows[0]!.id)
    code = /\b(\d{6})\b/.exec(String(rows[0]!.body))![1]!
    // A second, ordinary message of the same customer: its text stays readable (the positive control).
    await payload.create({
      collection: 'messages',
      data: {
        customer: customerId,
        direction: 'out',
        channel: 'whatsapp',
        status: 'sent',
        kind: 'text',
        body: `Halo biasa ${code.slice(0, 3)}`,
        dedupeKey: unique('biasa-'),
      },
      overrideAccess: true,
    })
    for (const role of ['admin', 'customer_service'] as const) {
      const staff = await createStaff(payload, role)
      tokens[role] = await login('users', { email: staff.email, password: staff.password })
    }
  })

  it.each(['admin', 'customer_service'] as const)(
    '%s reads the message and its status, never its text or variables (REST list, by id, GraphQL)',
    async (role) => {
      const t = tokens[role]
      const list = await api(`/api/messages?where[customer][equals]=${customerId}&depth=0&limit=10`, { token: t })
      expect(list.status).toBe(200)
      expect(list.text).not.toContain(code)
      const secret = list.json.docs.find((d: { id: number }) => d.id === messageId)
      expect(secret.trigger).toBe('login_code')
      expect(secret.status).toBeTruthy()
      expect(secret.body).toBeUndefined()
      expect(secret.variables).toBeUndefined()
      const ordinary = list.json.docs.find((d: { trigger?: string }) => d.trigger !== 'login_code')
      expect(ordinary.body).toBe(`Halo biasa ${code.slice(0, 3)}`)

      const one = await api(`/api/messages/${messageId}?depth=1`, { token: t })
      expect(one.status).toBe(200)
      expect(one.text).not.toContain(code)
      expect(one.json.body).toBeUndefined()

      const g = await gql(`{ Message(id: ${messageId}) { id trigger body variables interactive } }`, {}, t)
      expect(JSON.stringify(g)).not.toContain(code)
      expect(g.data.Message.trigger).toBe('login_code')
      expect(g.data.Message.body).toBeNull()
      expect(g.data.Message.variables).toBeNull()
    },
  )

  it.each(['admin', 'customer_service'] as const)(
    '%s cannot find the code by searching the text or variables',
    async (role) => {
      const t = tokens[role]
      for (const query of [
        `where[body][like]=${code}`,
        `where[body][contains]=${code.slice(0, 3)}`,
        `where[variables.kode][equals]=${code}`,
        `where[or][0][body][like]=${code}&where[or][1][to][equals]=x`,
      ]) {
        const res = await api(`/api/messages?where[customer][equals]=${customerId}&${query}&depth=0`, { token: t })
        expect(res.status, res.text).toBeLessThan(500)
        expect(
          (res.json?.docs ?? []).map((d: { id: number }) => d.id),
          query,
        ).not.toContain(messageId)
      }
      const count = await api(`/api/messages/count?where[customer][equals]=${customerId}&where[body][like]=${code}`, {
        token: t,
      })
      expect(count.json.totalDocs).toBe(0)
      // The ordinary message is still found by its text (search is not simply broken).
      const ordinary = await api(
        `/api/messages?where[customer][equals]=${customerId}&where[body][like]=Halo biasa&depth=0`,
        { token: t },
      )
      expect(ordinary.json.docs).toHaveLength(1)
    },
  )

  it("customer service's conversation view and the admin's message log do not show it", async () => {
    const conversation = await api(`/api/messages/conversation?customer=${customerId}`, {
      token: tokens.customer_service,
    })
    expect(conversation.status, conversation.text).toBe(200)
    expect(conversation.text).not.toContain(code)
    expect(conversation.json.messages.some((m: { id: number }) => m.id === messageId)).toBe(true)

    for (const path of [
      `/admin/collections/messages?where[customer][equals]=${customerId}`,
      `/admin/collections/messages/${messageId}`,
    ]) {
      const page = await fetch(`${inject('serverUrl')}${path}`, {
        redirect: 'manual',
        headers: { authorization: `JWT ${tokens.admin}`, 'x-forwarded-for': newIp() },
      })
      const html = await page.text()
      expect(page.status, path).toBe(200)
      expect(html, path).not.toContain(code)
    }
  })
})

describe('notification preferences and consent', () => {
  it("a customer saves their own preferences; the server stamps the consent's time and ignores a forged one", async () => {
    const { customer } = await createCustomer(payload)
    const token = await customerToken(customer.number!)
    const before = Date.now()
    const res = await api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      token,
      ip: newIp(),
      body: {
        notificationPreferences: { billingWhatsapp: false, promoEmail: true, consentedAt: '2020-01-01T00:00:00.000Z' },
      },
    })
    expect(res.status, res.text).toBe(200)
    const prefs = res.json.doc.notificationPreferences
    expect(prefs).toMatchObject({
      billingWhatsapp: false,
      billingEmail: true,
      outageWhatsapp: true,
      outageEmail: true,
      promoWhatsapp: false,
      promoEmail: true,
    })
    const at = new Date(prefs.consentedAt).getTime()
    expect(at).toBeGreaterThanOrEqual(before - 1000)
    expect(at).toBeLessThanOrEqual(Date.now() + 1000)

    // Saving something else keeps the consent's time.
    const email = await api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      token,
      ip: newIp(),
      body: { email: `${unique('p').toLowerCase()}@uji.id` },
    })
    expect(email.json.doc.notificationPreferences.consentedAt).toBe(prefs.consentedAt)
  })

  it("a customer cannot change another customer's preferences (REST, GraphQL)", async () => {
    const a = await createCustomer(payload)
    const b = await createCustomer(payload)
    const tokenA = await customerToken(a.customer.number!)
    const rest = await api(`/api/customers/${b.customer.id}`, {
      method: 'PATCH',
      token: tokenA,
      ip: newIp(),
      body: { notificationPreferences: { outageWhatsapp: false } },
    })
    expect([403, 404]).toContain(rest.status)
    const viaGql = await gql(
      `mutation { updateCustomer(id: ${b.customer.id}, data: { notificationPreferences: { outageWhatsapp: false } }) { id } }`,
      {},
      tokenA,
    )
    expect(viaGql.errors?.length ?? 0).toBeGreaterThan(0)
    const stored = await payload.findByID({ collection: 'customers', id: b.customer.id, overrideAccess: true })
    expect(stored.notificationPreferences?.outageWhatsapp).toBe(true)
    expect(stored.notificationPreferences?.consentedAt ?? null).toBeNull()
  })

  it('notify skips a billing reminder the customer declined on that channel, but still sends the isolir notice', async () => {
    const { customer } = await createCustomer(payload, {
      notificationPreferences: { billingWhatsapp: false, billingEmail: true },
    })
    const req = await createLocalReq({}, payload)
    const variables = {
      nama: 'Uji',
      nomor_tagihan: 'INV-UJI',
      periode: 'Desember 2026',
      jumlah: 'Rp200.000',
      jatuh_tempo: '10 Desember 2026',
      tautan_tagihan: 'https://contoh.id/t',
      hari_terlambat: '3',
    }
    const key = unique('pref-')
    const reminder = await notify({
      req,
      trigger: 'reminder_due_h1',
      customerId: customer.id,
      variables,
      dedupeKey: `${key}:reminder`,
      channel: 'whatsapp',
    })
    expect(reminder.status).toBe('disabled')
    const isolir = await notify({
      req,
      trigger: 'suspension_notice',
      customerId: customer.id,
      variables,
      dedupeKey: `${key}:isolir`,
      channel: 'whatsapp',
    })
    expect(isolir.status).toBe('queued')
    const { rows } = await executeSqlOutsideTransaction(
      payload,
      sql`SELECT trigger FROM messages WHERE dedupe_key LIKE ${`${key}:%`} ORDER BY trigger`,
    )
    expect(rows.map((r) => r.trigger)).toEqual(['suspension_notice'])
  })

  it('bulk runs (outage notices, reminders) leave out the customers who declined that kind on the channel', async () => {
    const found = await payload.find({
      collection: 'message-templates',
      where: { key: { equals: 'outage_notice' } },
      overrideAccess: true,
    })
    if (!found.docs.length)
      await payload.create({
        collection: 'message-templates',
        data: {
          key: 'outage_notice',
          name: 'Templat uji outage notice',
          body: 'Halo {{nama}}, {{gangguan}} sejak {{sejak}}. {{pesan}}',
          providerTemplateName: 'outage_notice',
          language: 'id',
          category: 'UTILITY',
          approvalStatus: 'approved',
        },
        overrideAccess: true,
      })
    const declined = await createCustomer(payload, { notificationPreferences: { outageWhatsapp: false } })
    const wants = await createCustomer(payload)
    const [d, w] = [declined.customer.id, wants.customer.id]
    const req = await createLocalReq({}, payload)
    const run = (trigger: string, key: string) =>
      queueNotificationsBulk({
        req,
        trigger,
        source: sql`SELECT id AS customer_id, ${key}::text || ':' || id AS dedupe_key,
                      jsonb_build_object('nama', name, 'gangguan', 'Gangguan uji', 'sejak', 'tadi', 'pesan', '-',
                        'nomor_tagihan', 'INV', 'periode', 'Des', 'jumlah', 'Rp1', 'jatuh_tempo', 'besok',
                        'tautan_tagihan', 'https://contoh.id') AS variables
                    FROM customers WHERE id IN (${d}, ${w})`,
      })
    const receivers = async (key: string) =>
      (
        await executeSqlOutsideTransaction(
          payload,
          sql`SELECT customer_id FROM messages WHERE dedupe_key LIKE ${`${key}:%`} ORDER BY customer_id`,
        )
      ).rows.map((r) => Number(r.customer_id))
    const outageKey = unique('bulk-outage-')
    expect(await run('outage_notice', outageKey)).toMatchObject({ status: 'queued', inserted: 1 })
    expect(await receivers(outageKey)).toEqual([w])
    // Reminders: neither declined them, both get one.
    const reminderKey = unique('bulk-h3-')
    expect(await run('reminder_due_h3', reminderKey)).toMatchObject({ status: 'queued', inserted: 2 })
    expect(await receivers(reminderKey)).toEqual([d, w].sort((x, y) => x - y))
  })
})
