/**
 * The portal's requests over the wire, against the production server: package change requests
 * (own rows only over REST and GraphQL, no status or decision from a customer, one waiting request
 * per customer, a decision made exactly once, the proration billed once, WhatsApp notices), staff
 * notices on the dashboard (active ones only, by area), and ticket comments (own tickets only,
 * internal notes never shown to customers).
 *
 * Client addresses are 10.78.x.y, a range no other file uses.
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { executeSqlOutsideTransaction } from '../../src/db/sql'
import { wibIsoDay } from '../../src/lib/wib'
import { seedMessageTemplates } from '../../src/seed/messageTemplates'
import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, gql, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let ipCounter = 0
const newIp = () => `10.78.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`

type Party = { id: number; name: string; token: string; cookie: string; ticket: number }
const A = {} as Party
const B = {} as Party
const staff = {} as Record<'cs' | 'finance' | 'technician' | 'editor', string>
const pkg = {} as Record<'from' | 'to' | 'other' | 'hidden', { id: number; name: string; monthlyPrice: number }>
const area = unique('Area-Uji-')

/** A portal page as the browser asks for it (session cookie, same-origin). */
async function page(path: string, cookie: string) {
  const res = await fetch(`${inject('serverUrl')}${path}`, {
    redirect: 'manual',
    headers: { 'x-forwarded-for': newIp(), 'sec-fetch-site': 'same-origin', cookie },
  })
  return { status: res.status, html: await res.text() }
}

async function party(target: Party, data: Record<string, unknown>) {
  const { customer } = await createCustomer(payload, {
    package: pkg.from.id,
    name: unique('Pelanggan Paket '),
    ...data,
  })
  // This month is invoiced: a change now is prorated onto the next invoice.
  await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      period: wibIsoDay().slice(0, 7),
      issueDate: new Date().toISOString(),
      dueDate: new Date().toISOString(),
      lines: [{ description: 'Paket bulanan', kind: 'package', quantity: 1, unitPrice: 200_000 }],
    } as never,
    overrideAccess: true,
  })
  const ticket = await payload.create({
    collection: 'tickets',
    data: { subject: unique('Lambat '), customer: customer.id, type: 'repair', description: 'Lambat' } as never,
    overrideAccess: true,
  })
  const res = await api('/api/customers/portal-login', {
    method: 'POST',
    ip: newIp(),
    body: { login: customer.number, password: TEST_PASSWORD },
  })
  expect(res.status, res.text).toBe(200)
  const cookie = `payload-token=${/payload-token=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`
  Object.assign(target, { id: customer.id, name: customer.name, token: res.json.token, cookie, ticket: ticket.id })
}

/** The proration the billing plugin charges for a change today, computed by hand. */
function expectedProration(fromPrice: number, toPrice: number): number {
  const [year, month, day] = wibIsoDay().split('-').map(Number) as [number, number, number]
  const totalDays = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return Math.round(((toPrice - fromPrice) * (totalDays - day + 1)) / totalDays)
}

async function messagesOf(customerId: number, trigger: string) {
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT body FROM messages WHERE customer_id = ${customerId} AND trigger = ${trigger} ORDER BY id`,
  )
  return rows.map((r) => String(r.body))
}

const requestsOf = (customerId: number) =>
  payload.find({
    collection: 'package-change-requests',
    where: { customer: { equals: customerId } },
    overrideAccess: true,
    depth: 0,
    sort: 'id',
  })

const prorationsOf = (customerId: number) =>
  payload.find({
    collection: 'billing-adjustments',
    where: { customer: { equals: customerId }, kind: { equals: 'proration' } },
    overrideAccess: true,
    depth: 0,
  })

beforeAll(async () => {
  payload = await testPayload()
  await seedMessageTemplates(payload)
  pkg.from = await createPackage(payload, { name: unique('Paket Hemat '), monthlyPrice: 200_000 })
  pkg.to = await createPackage(payload, { name: unique('Paket Cepat '), monthlyPrice: 300_000 })
  pkg.other = await createPackage(payload, { name: unique('Paket Sedang '), monthlyPrice: 250_000 })
  pkg.hidden = await createPackage(payload, { name: unique('Paket Lama '), monthlyPrice: 150_000, active: false })
  await party(A, { area })
  await party(B, {})
  const roles = {
    cs: 'customer_service',
    finance: 'finance',
    technician: 'technician',
    editor: 'content_editor',
  } as const
  for (const [key, role] of Object.entries(roles)) {
    const account = await createStaff(payload, role)
    staff[key as keyof typeof staff] = await login('users', { email: account.email, password: account.password })
  }
})

describe('package change requests', () => {
  let requestA: number
  let requestB: number

  it('a customer asks for themself: status, decision, quote and customer they send are ignored', async () => {
    const res = await api('/api/package-change-requests', {
      method: 'POST',
      token: A.token,
      body: {
        toPackage: pkg.to.id,
        customer: B.id,
        status: 'approved',
        decisionReason: 'saya setujui sendiri',
        quotedAmount: 1,
        decidedAt: new Date().toISOString(),
      },
    })
    expect(res.status, res.text).toBe(201)
    const stored = await payload.findByID({
      collection: 'package-change-requests',
      id: res.json.doc.id,
      overrideAccess: true,
      depth: 0,
    })
    requestA = stored.id
    expect(stored.customer).toBe(A.id)
    expect(stored.status).toBe('pending')
    expect(stored.decisionReason ?? null).toBeNull()
    expect(stored.decidedAt ?? null).toBeNull()
    expect(stored.fromPackage).toBe(pkg.from.id)
    expect(stored.quotedAmount).toBe(expectedProration(200_000, 300_000))
    // The customer's package is unchanged until staff approve.
    const customer = await payload.findByID({ collection: 'customers', id: A.id, overrideAccess: true, depth: 0 })
    expect(customer.package).toBe(pkg.from.id)
  })

  it('a second waiting request is refused in Indonesian; the database index refuses it too', async () => {
    const again = await api('/api/package-change-requests', {
      method: 'POST',
      token: A.token,
      body: { toPackage: pkg.other.id },
    })
    expect(again.status).toBe(409)
    expect(again.json.errors[0].message).toMatch(/menunggu persetujuan/)
    const viaGql = await gql(
      `mutation { createPackageChangeRequest(data: { customer: ${A.id}, toPackage: ${pkg.other.id}, status: pending }) { id } }`,
      {},
      A.token,
    )
    expect(viaGql.errors?.[0]?.message).toMatch(/menunggu persetujuan/)
    // Around the operation (as two requests racing past its check would): the partial unique index.
    await expect(
      executeSqlOutsideTransaction(
        payload,
        sql`INSERT INTO package_change_requests (customer_id, to_package_id, status, updated_at, created_at)
            VALUES (${A.id}, ${pkg.other.id}, 'pending', now(), now())`,
      ),
    ).rejects.toThrow()
    expect((await requestsOf(A.id)).docs).toHaveLength(1)
  })

  it('five requests at once (a double tap, two phones): one waits, four are refused in Indonesian', async () => {
    const C = {} as Party
    await party(C, {})
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        api('/api/package-change-requests', { method: 'POST', token: C.token, body: { toPackage: pkg.to.id } }),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409])
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.json.errors[0].message).toMatch(/menunggu persetujuan/)
    expect((await requestsOf(C.id)).docs).toHaveLength(1)
  })

  it('bad choices are refused in Indonesian: own package, a package not on sale, no package', async () => {
    const own = await api('/api/package-change-requests', {
      method: 'POST',
      token: B.token,
      body: { toPackage: pkg.from.id },
    })
    expect(own.status).toBe(400)
    expect(own.json.errors[0].message).toMatch(/paket Anda sekarang/)
    const hidden = await api('/api/package-change-requests', {
      method: 'POST',
      token: B.token,
      body: { toPackage: pkg.hidden.id },
    })
    expect(hidden.status).toBe(400)
    expect(hidden.json.errors[0].message).toMatch(/tidak dijual/)
    const none = await api('/api/package-change-requests', { method: 'POST', token: B.token, body: {} })
    expect(none.status).toBe(400)
    expect((await requestsOf(B.id)).docs).toHaveLength(0)
    const anonymous = await api('/api/package-change-requests', { method: 'POST', body: { toPackage: pkg.to.id } })
    expect([401, 403]).toContain(anonymous.status)
  })

  it("another customer's request is not found over REST and GraphQL, and cannot be changed", async () => {
    const byId = await api(`/api/package-change-requests/${requestA}`, { token: B.token })
    expect([403, 404]).toContain(byId.status)
    expect(byId.json?.id).toBeUndefined()
    const list = await api(`/api/package-change-requests?where[id][equals]=${requestA}`, { token: B.token })
    expect(list.json.docs).toEqual([])
    const own = await api(`/api/package-change-requests?where[id][equals]=${requestA}`, { token: A.token })
    expect(own.json.docs.map((d: { id: number }) => d.id)).toEqual([requestA])
    const g = await gql(
      `{ one: PackageChangeRequest(id: ${requestA}) { id } all: PackageChangeRequests(where: { customer: { equals: ${A.id} } }) { docs { id } } }`,
      {},
      B.token,
    )
    expect(g.data?.one ?? null).toBeNull()
    expect(g.data?.all?.docs ?? []).toEqual([])
    const patch = await api(`/api/package-change-requests/${requestA}`, {
      method: 'PATCH',
      token: B.token,
      body: { status: 'rejected', decisionReason: 'iseng' },
    })
    expect([403, 404]).toContain(patch.status)
    expect((await requestsOf(A.id)).docs[0]!.status).toBe('pending')
  })

  it('the customer cannot approve their own request (REST, GraphQL); nor can a technician', async () => {
    const rest = await api(`/api/package-change-requests/${requestA}`, {
      method: 'PATCH',
      token: A.token,
      body: { status: 'approved' },
    })
    expect([403, 404]).toContain(rest.status)
    const g = await gql(
      `mutation { updatePackageChangeRequest(id: ${requestA}, data: { status: approved }) { id status } }`,
      {},
      A.token,
    )
    expect(g.errors?.length ?? 0).toBeGreaterThan(0)
    const tech = await api(`/api/package-change-requests/${requestA}`, {
      method: 'PATCH',
      token: staff.technician,
      body: { status: 'approved' },
    })
    expect([403, 404]).toContain(tech.status)
    const deleted = await api(`/api/package-change-requests/${requestA}`, { method: 'DELETE', token: A.token })
    expect([403, 404]).toContain(deleted.status)
    expect((await requestsOf(A.id)).docs[0]!.status).toBe('pending')
    const customer = await payload.findByID({ collection: 'customers', id: A.id, overrideAccess: true, depth: 0 })
    expect(customer.package).toBe(pkg.from.id)
    expect((await prorationsOf(A.id)).docs).toHaveLength(0)
  })

  it('two staff approving at once: one approval, one package change, one proration, one WhatsApp notice', async () => {
    const approve = (token: string) =>
      api(`/api/package-change-requests/${requestA}`, { method: 'PATCH', token, body: { status: 'approved' } })
    const answers = await Promise.all([approve(staff.cs), approve(staff.finance), approve(staff.cs)])
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    for (const s of statuses.filter((x) => x !== 200)) expect([403, 404, 409]).toContain(s)
    const request = (await requestsOf(A.id)).docs[0]!
    expect(request.status).toBe('approved')
    expect(request.decidedAt).toBeTruthy()
    expect(request.decidedBy).toBeTruthy()
    const customer = await payload.findByID({ collection: 'customers', id: A.id, overrideAccess: true, depth: 0 })
    expect(customer.package).toBe(pkg.to.id)
    const prorations = await prorationsOf(A.id)
    expect(prorations.docs).toHaveLength(1)
    const amount = expectedProration(200_000, 300_000)
    expect(prorations.docs[0]!.amount).toBe(amount)
    expect(prorations.docs[0]!.status).toBe('pending')
    expect(request.adjustment).toBe(prorations.docs[0]!.id)
    const notices = await messagesOf(A.id, 'package_change_approved')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(pkg.to.name)
    // A decided request cannot be decided again.
    const late = await api(`/api/package-change-requests/${requestA}`, {
      method: 'PATCH',
      token: staff.finance,
      body: { status: 'rejected', decisionReason: 'terlambat' },
    })
    expect([403, 404, 409]).toContain(late.status)
    expect((await requestsOf(A.id)).docs[0]!.status).toBe('approved')
    // The customer sees the result on the package page.
    const paket = await page('/portal/paket', A.cookie)
    expect(paket.html).toContain('data-request-status="approved"')
    expect(paket.html).toContain('disetujui')
  })

  it('a rejection needs a reason; the customer is told it on WhatsApp and on the package page', async () => {
    const created = await api('/api/package-change-requests', {
      method: 'POST',
      token: B.token,
      body: { toPackage: pkg.other.id },
    })
    expect(created.status, created.text).toBe(201)
    requestB = created.json.doc.id
    const pending = await page('/portal/paket', B.cookie)
    expect(pending.html).toContain('data-request-status="pending"')
    expect(pending.html).not.toContain('Ajukan ganti ke')
    const noReason = await api(`/api/package-change-requests/${requestB}`, {
      method: 'PATCH',
      token: staff.cs,
      body: { status: 'rejected', decisionReason: '   ' },
    })
    expect(noReason.status).toBe(400)
    expect(noReason.json.errors[0].message).toMatch(/alasan penolakan/)
    expect((await requestsOf(B.id)).docs[0]!.status).toBe('pending')
    const reason = unique('Jaringan fiber di area Anda belum mendukung paket ini ')
    const rejected = await api(`/api/package-change-requests/${requestB}`, {
      method: 'PATCH',
      token: staff.cs,
      body: { status: 'rejected', decisionReason: reason },
    })
    expect(rejected.status, rejected.text).toBe(200)
    const customer = await payload.findByID({ collection: 'customers', id: B.id, overrideAccess: true, depth: 0 })
    expect(customer.package).toBe(pkg.from.id)
    expect((await prorationsOf(B.id)).docs).toHaveLength(0)
    const notices = await messagesOf(B.id, 'package_change_rejected')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(reason)
    const paket = await page('/portal/paket', B.cookie)
    expect(paket.html).toContain('data-request-status="rejected"')
    expect(paket.html).toContain(reason)
    // Decided: a new request may be made again.
    const again = await api('/api/package-change-requests', {
      method: 'POST',
      token: B.token,
      body: { toPackage: pkg.to.id },
    })
    expect(again.status, again.text).toBe(201)
  })
})

describe('staff notices on the dashboard', () => {
  const made: number[] = []
  const notice = async (token: string, data: Record<string, unknown>) =>
    api('/api/portal-notices', { method: 'POST', token, body: { body: 'Isi pengumuman.', ...data } })

  afterAll(async () => {
    // Other files share the database: the notices made here end now.
    for (const id of made)
      await payload.update({
        collection: 'portal-notices',
        id,
        data: {
          activeFrom: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          activeUntil: new Date(Date.now() - 86_400_000).toISOString(),
        },
        overrideAccess: true,
      })
  })

  it('content editors publish; customers and customer service cannot', async () => {
    const byCustomer = await notice(A.token, { title: 'Palsu' })
    expect([401, 403]).toContain(byCustomer.status)
    const byCs = await notice(staff.cs, { title: 'Palsu' })
    expect(byCs.status).toBe(403)
    const hour = 3_600_000
    const now = Date.now()
    const titles = {
      everyone: unique('Pemeliharaan jaringan Minggu '),
      area: unique('Perbaikan ODP area Anda '),
      future: unique('Promo bulan depan '),
      expired: unique('Libur lalu '),
    }
    const make = async (title: string, extra: Record<string, unknown>) => {
      const res = await notice(staff.editor, { title, ...extra })
      expect(res.status, res.text).toBe(201)
      made.push(res.json.doc.id)
      return res.json.doc.id as number
    }
    const everyone = await make(titles.everyone, { activeFrom: new Date(now - hour).toISOString() })
    const forArea = await make(titles.area, { activeFrom: new Date(now - hour).toISOString(), area })
    const future = await make(titles.future, { activeFrom: new Date(now + 24 * hour).toISOString() })
    const expired = await make(titles.expired, {
      activeFrom: new Date(now - 48 * hour).toISOString(),
      activeUntil: new Date(now - 24 * hour).toISOString(),
    })
    const all = [everyone, forArea, future, expired]
    const where = all.map((id, i) => `where[id][in][${i}]=${id}`).join('&')
    const seen = async (token?: string) => {
      const res = await api(`/api/portal-notices?${where}&limit=10`, { token })
      return res.status === 200 ? res.json.docs.map((d: { id: number }) => d.id).sort() : res.status
    }
    expect(await seen(A.token)).toEqual([everyone, forArea].sort())
    expect(await seen(B.token)).toEqual([everyone])
    expect(await seen(staff.technician)).toEqual([...all].sort())
    expect(await seen(undefined)).toBe(403)
    const g = await gql(
      `{ PortalNotices(where: { OR: [${all.map((id) => `{ id: { equals: ${id} } }`).join(', ')}] }) { docs { id } } }`,
      {},
      B.token,
    )
    expect(g.data.PortalNotices.docs.map((d: { id: number }) => d.id)).toEqual([everyone])
    const expiredById = await api(`/api/portal-notices/${expired}`, { token: A.token })
    expect([403, 404]).toContain(expiredById.status)

    const dashA = await page('/portal', A.cookie)
    expect(dashA.html).toContain(titles.everyone)
    expect(dashA.html).toContain(titles.area)
    expect(dashA.html).not.toContain(titles.future)
    expect(dashA.html).not.toContain(titles.expired)
    const dashB = await page('/portal', B.cookie)
    expect(dashB.html).toContain(titles.everyone)
    expect(dashB.html).not.toContain(titles.area)
  })
})

describe('ticket comments', () => {
  it('a customer comments on their own ticket only, never as an internal note', async () => {
    const text = unique('Masih lambat malam ini ')
    const own = await api('/api/ticket-comments', {
      method: 'POST',
      token: A.token,
      body: { ticket: A.ticket, body: text, internal: true, authorName: 'Petugas Palsu' },
    })
    expect(own.status, own.text).toBe(201)
    const stored = await payload.findByID({ collection: 'ticket-comments', id: own.json.doc.id, overrideAccess: true })
    expect(stored.internal).toBe(false)
    expect(stored.authorName).toBe(A.name)
    expect(typeof stored.authorCustomer === 'object' ? stored.authorCustomer?.id : stored.authorCustomer).toBe(A.id)
    const other = await api('/api/ticket-comments', {
      method: 'POST',
      token: A.token,
      body: { ticket: B.ticket, body: 'mengintip' },
    })
    expect(other.status).toBe(404)
    expect(other.json.errors[0].message).toMatch(/Tiket tidak ditemukan/)
    const g = await gql(
      `mutation { createTicketComment(data: { ticket: ${B.ticket}, body: "mengintip" }) { id } }`,
      {},
      A.token,
    )
    expect(g.errors?.[0]?.message).toMatch(/Tiket tidak ditemukan/)
    const empty = await api('/api/ticket-comments', {
      method: 'POST',
      token: A.token,
      body: { ticket: A.ticket, body: ' ' },
    })
    expect(empty.status).toBe(400)
    const count = await payload.count({
      collection: 'ticket-comments',
      where: { ticket: { in: [A.ticket, B.ticket] } },
      overrideAccess: true,
    })
    expect(count.totalDocs).toBe(1)
    // Comments are not edited or deleted by customers.
    const patch = await api(`/api/ticket-comments/${stored.id}`, {
      method: 'PATCH',
      token: A.token,
      body: { body: 'x' },
    })
    expect(patch.status).toBe(403)
    const del = await api(`/api/ticket-comments/${stored.id}`, { method: 'DELETE', token: A.token })
    expect(del.status).toBe(403)
  })

  it("staff's internal notes stay with staff: not in the customer's list, join, GraphQL or page", async () => {
    const reply = unique('Kami cek dari kantor besok pagi ')
    const internal = unique('Pelanggan sering komplain, cek ODP ')
    for (const [body, isInternal] of [
      [reply, false],
      [internal, true],
    ] as const) {
      const res = await api('/api/ticket-comments', {
        method: 'POST',
        token: staff.cs,
        body: { ticket: A.ticket, body, internal: isInternal },
      })
      expect(res.status, res.text).toBe(201)
    }
    const list = await api(`/api/ticket-comments?where[ticket][equals]=${A.ticket}&depth=0`, { token: A.token })
    const bodies = list.json.docs.map((d: { body: string }) => d.body)
    expect(bodies).toContain(reply)
    expect(bodies).not.toContain(internal)
    expect(JSON.stringify(list.json)).not.toContain('"internal"')
    const byStaff = await api(`/api/ticket-comments?where[ticket][equals]=${A.ticket}&depth=0`, { token: staff.cs })
    expect(byStaff.json.docs.map((d: { body: string }) => d.body)).toContain(internal)
    const ticket = await api(`/api/tickets/${A.ticket}?depth=1`, { token: A.token })
    expect(ticket.status).toBe(200)
    expect(ticket.text).toContain(reply)
    expect(ticket.text).not.toContain(internal)
    const g = await gql(`{ TicketComments(where: { ticket: { equals: ${A.ticket} } }) { docs { body } } }`, {}, A.token)
    expect(g.data.TicketComments.docs.map((d: { body: string }) => d.body)).not.toContain(internal)
    const gB = await gql(
      `{ TicketComments(where: { ticket: { equals: ${A.ticket} } }) { docs { body } } }`,
      {},
      B.token,
    )
    expect(gB.data.TicketComments.docs).toEqual([])
    const detail = await page(`/portal/tiket/${A.ticket}`, A.cookie)
    expect(detail.status).toBe(200)
    expect(detail.html).toContain(reply)
    expect(detail.html).not.toContain(internal)
    expect(detail.html).toContain('Kirim komentar')
  })
})
