/**
 * The customer portal over the wire, against the production server: its pages show a customer
 * their own data only (another customer's ids in the URL are "not found"), anonymous callers and
 * staff are sent to the sign-in page, and the WhatsApp one-time code (sign-in and password reset)
 * answers the same for any number, is used up after one use or five wrong tries, and is rate-limited.
 *
 * Client addresses are 10.77.x.y (X-Forwarded-For through the loopback proxy), a range no other
 * file uses.
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { executeSqlOutsideTransaction } from '../../src/db/sql'
import { formatPhone } from '../../src/lib/phone'
import { wibIsoDay } from '../../src/lib/wib'
import { seedMessageTemplates } from '../../src/seed/messageTemplates'
import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api } from '../helpers/http'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

let payload: Payload
let ipCounter = 0
const newIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`

type Party = {
  id: number
  name: string
  number: string
  phone: string
  cookie: string
  invoice: number
  ticket: number
  invoiceNumber: string
}
const A = {} as Party
const B = {} as Party

/**
 * A portal page as a browser asks for it: cookie, `Sec-Fetch-Site` (a session cookie counts only on
 * requests from the product's own pages), no redirect following.
 */
async function page(path: string, cookie?: string) {
  const res = await fetch(`${inject('serverUrl')}${path}`, {
    redirect: 'manual',
    headers: { 'x-forwarded-for': newIp(), 'sec-fetch-site': 'same-origin', ...(cookie ? { cookie } : {}) },
  })
  return { status: res.status, location: res.headers.get('location'), html: await res.text() }
}

const cookieOf = (headers: Headers) => {
  const set = headers.get('set-cookie') ?? ''
  const match = /payload-token=([^;]+)/.exec(set)
  if (!match) throw new Error(`no session cookie in ${set}`)
  return `payload-token=${match[1]}`
}

async function portalLogin(loginName: string, password: string) {
  return api('/api/customers/portal-login', { method: 'POST', ip: newIp(), body: { login: loginName, password } })
}

/** The last code sent to a customer over WhatsApp, read from the outgoing message. */
async function lastCode(customerId: number): Promise<string | undefined> {
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT body FROM messages WHERE customer_id = ${customerId} AND trigger = 'login_code' ORDER BY id DESC LIMIT 1`,
  )
  return /\b(\d{6})\b/.exec(String(rows[0]?.body ?? ''))?.[1]
}
async function codeCount(customerId: number): Promise<number> {
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT count(*)::int AS n FROM messages WHERE customer_id = ${customerId} AND trigger = 'login_code'`,
  )
  return Number(rows[0]?.n ?? 0)
}

async function party(target: Party, packageId: number) {
  const { customer } = await createCustomer(payload, { package: packageId, name: unique('Pelanggan Portal ') })
  const invoice = await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      issueDate: new Date().toISOString(),
      dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      lines: [{ description: 'Paket bulanan', kind: 'package', quantity: 1, unitPrice: 185_000 }],
    } as never,
    overrideAccess: true,
  })
  const ticket = await payload.create({
    collection: 'tickets',
    data: {
      subject: unique('Internet mati '),
      customer: customer.id,
      type: 'repair',
      description: 'Lampu LOS merah',
    } as never,
    overrideAccess: true,
  })
  const res = await portalLogin(customer.number!, TEST_PASSWORD)
  expect(res.status).toBe(200)
  Object.assign(target, {
    id: customer.id,
    name: customer.name,
    number: customer.number!,
    phone: customer.phone!,
    cookie: cookieOf(res.headers),
    invoice: invoice.id,
    invoiceNumber: invoice.number!,
    ticket: ticket.id,
  })
}

beforeAll(async () => {
  payload = await testPayload()
  await seedMessageTemplates(payload)
  const pkg = await createPackage(payload, { name: unique('Paket Portal ') })
  await party(A, pkg.id)
  await party(B, pkg.id)
})

describe('portal pages show the signed-in customer only their own data', () => {
  it('anonymous callers are sent to the sign-in page from every signed-in page; / goes to the portal', async () => {
    for (const path of [
      '/portal',
      '/portal/tagihan',
      `/portal/tagihan/${A.invoice}`,
      '/portal/pembayaran',
      '/portal/tiket',
      `/portal/tiket/${A.ticket}`,
      '/portal/tiket/baru',
      '/portal/profil',
    ]) {
      const res = await page(path)
      expect([303, 307, 308], path).toContain(res.status)
      expect(res.location, path).toMatch(/\/portal\/masuk$/)
    }
    const root = await page('/')
    expect([307, 308]).toContain(root.status)
    expect(root.location).toMatch(/\/portal$/)
    const signIn = await page('/portal/masuk')
    expect(signIn.status).toBe(200)
    expect(signIn.html).toContain('Masuk ke Portal Pelanggan')
    expect(signIn.html).toContain('lang="id"')
  })

  it('the dashboard shows the customer, their package, unpaid invoice and open ticket, none of B', async () => {
    const res = await page('/portal', A.cookie)
    expect(res.status).toBe(200)
    expect(res.html).toContain(A.name)
    expect(res.html).toContain(A.invoiceNumber)
    expect(res.html).toContain('Rp185.000')
    expect(res.html).not.toContain(B.name)
    expect(res.html).not.toContain(B.invoiceNumber)
  })

  it("the outage banner and usage chart (monitoring's collections) show for the affected customer only", async () => {
    const message = unique('Kabel optik putus di Jl. Margonda; teknisi menuju lokasi ')
    // Who an incident affects is derived: A is under its ODP and went offline as it began.
    const odp = await payload.create({
      collection: 'network-nodes',
      data: { name: unique('ODP-MARGONDA-'), kind: 'odp' },
      overrideAccess: true,
    })
    await payload.update({ collection: 'customers', id: A.id, data: { odp: odp.name }, overrideAccess: true })
    const startedAt = new Date(Date.now() - 5 * 60_000).toISOString()
    await payload.create({
      collection: 'network-incidents',
      data: {
        title: 'Gangguan ODP Margonda',
        status: 'open',
        startedAt,
        affectedCount: 1,
        node: odp.id,
        customerMessage: message,
      } as never,
      overrideAccess: true,
    })
    await executeSqlOutsideTransaction(
      payload,
      sql`INSERT INTO customer_outages (customer_id, started_at, source) VALUES (${A.id}, ${startedAt}, 'test')`,
    )
    await payload.create({
      collection: 'usage-daily',
      data: { customer: A.id, day: wibIsoDay(), rxBytes: 3 * 1024 ** 3, txBytes: 512 * 1024 ** 2 } as never,
      overrideAccess: true,
    })
    const a = await page('/portal', A.cookie)
    expect(a.html).toContain(message)
    expect(a.html).toContain('Pemakaian 30 hari')
    expect(a.html).toContain('3,5 GB')
    const b = await page('/portal', B.cookie)
    expect(b.status).toBe(200)
    expect(b.html).not.toContain(message)
    expect(b.html).not.toContain('Pemakaian 30 hari')
  })

  it("another customer's invoice and ticket ids are not found; their own are shown", async () => {
    const own = await page(`/portal/tagihan/${A.invoice}`, A.cookie)
    expect(own.status).toBe(200)
    expect(own.html).toContain(A.invoiceNumber)
    const other = await page(`/portal/tagihan/${B.invoice}`, A.cookie)
    expect(other.status).toBe(404)
    expect(other.html).not.toContain(B.invoiceNumber)
    expect((await page(`/portal/tiket/${B.ticket}`, A.cookie)).status).toBe(404)
    expect((await page(`/portal/tiket/${A.ticket}`, A.cookie)).status).toBe(200)
    expect((await page('/portal/tagihan/abc', A.cookie)).status).toBe(404)
    for (const path of [
      '/portal/tagihan',
      '/portal/pembayaran',
      '/portal/tiket',
      '/portal/profil',
      '/portal/paket',
      '/portal/faq',
    ]) {
      const res = await page(path, A.cookie)
      expect(res.status, path).toBe(200)
      expect(res.html, path).not.toContain(B.invoiceNumber)
      expect(res.html, path).not.toContain(B.name)
    }
  })

  it("the REST paths the portal's client code calls answer another customer's ids with 403/404", async () => {
    const token = A.cookie
    // As the portal's pages send them: the page's origin, the session cookie.
    const origin = new URL(inject('serverUrl')).origin
    const other = await fetch(`${inject('serverUrl')}/api/invoices/${B.invoice}/pay`, {
      method: 'POST',
      headers: { cookie: token, origin, 'x-forwarded-for': newIp() },
    })
    expect([403, 404]).toContain(other.status)
    const pdf = await fetch(`${inject('serverUrl')}/api/invoices/${B.invoice}/pdf`, {
      headers: { cookie: token, 'sec-fetch-site': 'same-origin' },
    })
    expect(pdf.status).toBe(404)
    const rate = await fetch(`${inject('serverUrl')}/api/tickets/${B.ticket}`, {
      method: 'PATCH',
      headers: { cookie: token, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 1 }),
    })
    expect([403, 404]).toContain(rate.status)
  })

  it('staff sessions are not portal sessions: they are sent to the sign-in page', async () => {
    const staff = await createStaff(payload, 'customer_service')
    const res = await api('/api/users/login', {
      method: 'POST',
      body: { email: staff.email, password: staff.password },
    })
    const cookie = cookieOf(res.headers)
    const dash = await page('/portal', cookie)
    expect(dash.status).toBe(307)
    expect(dash.location).toMatch(/\/portal\/masuk$/)
  })

  it('the manifest and service worker are served for installing', async () => {
    const manifest = await api('/portal/manifest.webmanifest')
    expect(manifest.status).toBe(200)
    expect(manifest.json.start_url).toBe('/portal')
    expect(manifest.json.icons.length).toBeGreaterThanOrEqual(2)
    const sw = await fetch(`${inject('serverUrl')}/portal/sw.js`)
    expect(sw.status).toBe(200)
    expect(await sw.text()).toContain('portal-pages')
    const icon = await fetch(`${inject('serverUrl')}/portal/icons/icon-192.png`)
    expect(icon.headers.get('content-type')).toBe('image/png')
  })
})

describe('package change quote', () => {
  it("quotes the billing plugin's proration for the rest of an invoiced month, before any request", async () => {
    const from = await createPackage(payload, { name: unique('Paket Hemat '), monthlyPrice: 200_000 })
    const to = await createPackage(payload, { name: unique('Paket Cepat '), monthlyPrice: 300_000 })
    const hidden = await createPackage(payload, { name: unique('Paket Lama '), monthlyPrice: 150_000, active: false })
    const { customer } = await createCustomer(payload, { package: from.id })
    const today = wibIsoDay()
    await payload.create({
      collection: 'invoices',
      data: {
        customer: customer.id,
        period: today.slice(0, 7),
        issueDate: new Date().toISOString(),
        dueDate: new Date().toISOString(),
        lines: [{ description: 'Paket bulanan', kind: 'package', quantity: 1, unitPrice: 200_000 }],
      } as never,
      overrideAccess: true,
    })
    const cookie = cookieOf((await portalLogin(customer.number!, TEST_PASSWORD)).headers)
    const res = await page('/portal/paket', cookie)
    expect(res.status).toBe(200)
    const [year, month, day] = today.split('-').map(Number) as [number, number, number]
    const totalDays = new Date(Date.UTC(year, month, 0)).getUTCDate()
    const days = totalDays - day + 1
    const expected = Math.round((100_000 * days) / totalDays)
    expect(res.html).toContain(to.name)
    expect(res.html).toContain(`data-quote="${expected}"`)
    expect(res.html).not.toContain(hidden.name)
  })
})

describe('one-time code over WhatsApp', () => {
  const requestCode = (phone: string, ip = newIp(), purpose?: string) =>
    api('/api/portal/code', { method: 'POST', ip, body: { phone, ...(purpose ? { purpose } : {}) } })
  const codeLogin = (phone: string, code: string, ip = newIp()) =>
    api('/api/portal/code/login', { method: 'POST', ip, body: { phone, code } })

  it('answers the same for a customer number and an unknown one, and sends only to the customer', async () => {
    const { customer } = await createCustomer(payload)
    const known = await requestCode(formatPhone(customer.phone))
    const unknown = await requestCode(uniquePhone())
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(unknown.json).toEqual(known.json)
    expect(known.json.message).toMatch(/WhatsApp/)
    expect(await lastCode(customer.id)).toMatch(/^\d{6}$/)
  })

  it('signs in with the code (phone typed any way) once; the answer carries only what the customer may read', async () => {
    const { customer } = await createCustomer(payload, { notes: 'catatan staf rahasia' })
    await requestCode(`+62 ${customer.phone!.slice(2, 5)}-${customer.phone!.slice(5)}`)
    const code = (await lastCode(customer.id))!
    const res = await codeLogin(`0${customer.phone!.slice(2)}`, code)
    expect(res.status).toBe(200)
    expect(res.json.user.id).toBe(customer.id)
    expect(res.json.user.notes).toBeUndefined()
    const cookie = cookieOf(res.headers)
    expect((await page('/portal', cookie)).status).toBe(200)
    // The bearer token works on the REST API as the customer.
    const me = await api('/api/customers/me', { token: res.json.token })
    expect(me.json.user.id).toBe(customer.id)
    // Used up.
    const again = await codeLogin(customer.phone!, code)
    expect(again.status).toBe(401)
    expect(again.json.errors[0].message).toMatch(/Kode salah/)
  })

  it('five wrong tries burn the code: the right one fails after them', async () => {
    const { customer } = await createCustomer(payload)
    await requestCode(customer.phone!)
    const code = (await lastCode(customer.id))!
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) expect((await codeLogin(customer.phone!, wrong)).status).toBe(401)
    expect((await codeLogin(customer.phone!, code)).status).toBe(401)
  })

  it('a new code replaces the earlier one', async () => {
    const { customer } = await createCustomer(payload)
    await requestCode(customer.phone!)
    const first = (await lastCode(customer.id))!
    await requestCode(customer.phone!)
    const second = (await lastCode(customer.id))!
    if (first !== second) expect((await codeLogin(customer.phone!, first)).status).toBe(401)
    expect((await codeLogin(customer.phone!, second)).status).toBe(200)
  })

  it('codes sent to one number are rate-limited, whatever the address, without sending more', async () => {
    const { customer } = await createCustomer(payload)
    for (let i = 0; i < 3; i++) expect((await requestCode(customer.phone!)).status).toBe(200)
    const refused = await requestCode(customer.phone!)
    expect(refused.status).toBe(429)
    expect(refused.json.errors[0].message).toMatch(/Terlalu banyak percobaan/)
    expect(await codeCount(customer.id)).toBe(3)
    // An unknown number is limited the same way: the refusal tells nothing about accounts.
    const stranger = uniquePhone()
    for (let i = 0; i < 3; i++) expect((await requestCode(stranger)).status).toBe(200)
    expect((await requestCode(stranger)).status).toBe(429)
  })

  it('codes asked from one address are rate-limited across numbers', async () => {
    const ip = newIp()
    const answers: number[] = []
    for (let i = 0; i < 11; i++) answers.push((await requestCode(uniquePhone(), ip)).status)
    expect(answers.slice(0, 10).every((s) => s === 200)).toBe(true)
    expect(answers[10]).toBe(429)
  })

  it('forgot password: a reset code and a new password; the reset code does not sign in', async () => {
    const { customer } = await createCustomer(payload)
    await requestCode(customer.phone!, newIp(), 'reset')
    const code = (await lastCode(customer.id))!
    expect((await codeLogin(customer.phone!, code)).status).toBe(401)
    await requestCode(customer.phone!, newIp(), 'reset')
    const fresh = (await lastCode(customer.id))!
    const short = await api('/api/portal/password-reset', {
      method: 'POST',
      ip: newIp(),
      body: { phone: customer.phone, code: fresh, password: 'pendek' },
    })
    expect(short.status).toBe(400)
    const done = await api('/api/portal/password-reset', {
      method: 'POST',
      ip: newIp(),
      body: { phone: customer.phone, code: fresh, password: 'sandi-baru-123' },
    })
    expect(done.status).toBe(200)
    expect((await portalLogin(customer.number!, 'sandi-baru-123')).status).toBe(200)
    expect((await portalLogin(customer.number!, TEST_PASSWORD)).status).toBe(401)
  })

  it('bad input gets a 400 in Indonesian and sends nothing', async () => {
    const bad = await requestCode('bukan nomor')
    expect(bad.status).toBe(400)
    expect(bad.json.errors[0].message).toMatch(/Nomor HP tidak valid/)
    const notJson = await api('/api/portal/code', {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    })
    expect(notJson.status).toBe(400)
    const badCode = await codeLogin(A.phone, '12ab')
    expect(badCode.status).toBe(400)
    expect(badCode.json.errors[0].message).toMatch(/6 angka/)
    const badPurpose = await requestCode(A.phone, newIp(), 'admin')
    expect(badPurpose.status).toBe(400)
  })
})
