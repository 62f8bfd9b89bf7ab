/**
 * The portal dashboard's page cache (src/lib/pageCache.ts, wired in server.ts) against the
 * production server: a customer's dashboard is rendered again whenever anything it shows changed,
 * by whatever path; one customer never receives another's page; signed-out, staff, cross-site and
 * Next's client-side requests never touch it.
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { executeSqlOutsideTransaction } from '../../src/db/sql'
import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { freshIp, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload

type Page = { status: number; cache: string | null; html: string; location: string | null }

async function dashboard(headers: Record<string, string> = {}, path = '/portal'): Promise<Page> {
  const res = await fetch(`${inject('serverUrl')}${path}`, {
    headers: { 'x-forwarded-for': freshIp(), ...headers },
    redirect: 'manual',
  })
  return {
    status: res.status,
    cache: res.headers.get('x-page-cache'),
    html: await res.text(),
    location: res.headers.get('location'),
  }
}
const asCustomer = (token: string) => ({ authorization: `JWT ${token}` })

async function newCustomer(name: string) {
  const pkg = await createPackage(payload, { name: unique('Paket Cache ') })
  const { customer } = await createCustomer(payload, { package: pkg.id, name: unique(name) })
  const token = await login('customers', { username: customer.number!, password: TEST_PASSWORD })
  return { customer, token }
}

/** Loads the dashboard until it is served from the cache (the first load renders and keeps it). */
async function warm(token: string): Promise<Page> {
  await dashboard(asCustomer(token))
  const page = await dashboard(asCustomer(token))
  expect(page.cache).toBe('hit')
  return page
}

beforeAll(async () => {
  payload = await testPayload()
})

describe('portal dashboard page cache', () => {
  it('renders once, then sends the same page while nothing it shows changed', async () => {
    const { customer, token } = await newCustomer('Rani Cache ')
    const first = await dashboard(asCustomer(token))
    expect(first.status).toBe(200)
    expect(first.cache).toBe('miss')
    expect(first.html).toContain(customer.name)
    const second = await dashboard(asCustomer(token))
    expect(second.status).toBe(200)
    expect(second.cache).toBe('hit')
    expect(second.html).toBe(first.html)
  })

  it('never sends one customer the page kept for another', async () => {
    const a = await newCustomer('Ayu Cache ')
    const b = await newCustomer('Budi Cache ')
    await warm(a.token)
    const page = await dashboard(asCustomer(b.token))
    expect(page.cache).toBe('miss')
    expect(page.html).toContain(b.customer.name)
    expect(page.html).not.toContain(a.customer.name)
  })

  it('renders again after a new invoice, and after a change made in SQL without touching updated_at', async () => {
    const { customer, token } = await newCustomer('Citra Cache ')
    await warm(token)
    const invoice = await payload.create({
      collection: 'invoices',
      data: {
        customer: customer.id,
        issueDate: new Date().toISOString(),
        dueDate: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        lines: [{ description: 'Paket bulanan', kind: 'package', quantity: 1, unitPrice: 175_000 }],
      } as never,
      overrideAccess: true,
    })
    const afterInvoice = await dashboard(asCustomer(token))
    expect(afterInvoice.cache).toBe('miss')
    expect(afterInvoice.html).toContain(invoice.number!)
    expect((await dashboard(asCustomer(token))).cache).toBe('hit')

    // The isolir text appears the moment the customer's status changes, however it was changed.
    await executeSqlOutsideTransaction(
      payload,
      sql`UPDATE customers SET status = 'suspended', suspension_source = 'manual' WHERE id = ${customer.id}`,
    )
    const suspended = await dashboard(asCustomer(token))
    expect(suspended.cache).toBe('miss')
    expect(suspended.html).toContain('Layanan Anda diisolir')
  })

  it('shows a staff notice from the moment it becomes active', async () => {
    const { token } = await newCustomer('Dewi Cache ')
    await warm(token)
    const title = unique('Pemeliharaan jaringan ')
    await payload.create({
      collection: 'portal-notices',
      data: { title, body: 'Malam ini pukul 23.00 WIB.', activeFrom: new Date(Date.now() + 2500).toISOString() },
      overrideAccess: true,
    })
    const before = await dashboard(asCustomer(token))
    expect(before.html).not.toContain(title)
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const after = await dashboard(asCustomer(token))
    expect(after.cache).toBe('miss')
    expect(after.html).toContain(title)
  })

  it('an incident elsewhere in the network keeps the page; one on the node above the customer renders it again', async () => {
    const node = (kind: 'router' | 'odp', parent?: number) =>
      payload.create({
        collection: 'network-nodes',
        data: { name: unique(`${kind.toUpperCase()}-Cache-`), kind, parent, area: 'Uji Cache' } as never,
        overrideAccess: true,
      })
    const incidentAt = (nodeId: number) =>
      payload.create({
        collection: 'network-incidents',
        data: {
          title: unique('Gangguan '),
          status: 'open',
          startedAt: new Date().toISOString(),
          affectedCount: 0,
          node: nodeId,
        } as never,
        overrideAccess: true,
      })
    const ours = await node('router')
    const ourOdp = await node('odp', ours.id)
    const elsewhere = await node('odp', (await node('router')).id)
    const pkg = await createPackage(payload, { name: unique('Paket Cache ') })
    const { customer } = await createCustomer(payload, {
      package: pkg.id,
      name: unique('Intan Cache '),
      odp: ourOdp.name,
    })
    const token = await login('customers', { username: customer.number!, password: TEST_PASSWORD })
    await warm(token)
    await incidentAt(elsewhere.id)
    expect((await dashboard(asCustomer(token))).cache).toBe('hit')
    await incidentAt(ours.id)
    expect((await dashboard(asCustomer(token))).cache).toBe('miss')
  })

  it('a signed-out customer gets the sign-in page, not the kept dashboard', async () => {
    const { token } = await newCustomer('Eka Cache ')
    await warm(token)
    const out = await fetch(`${inject('serverUrl')}/api/customers/logout`, {
      method: 'POST',
      headers: { ...asCustomer(token), 'x-forwarded-for': freshIp() },
    })
    expect(out.status).toBe(200)
    const page = await dashboard(asCustomer(token))
    expect(page.status).toBe(307)
    expect(page.location).toContain('/portal/masuk')
    expect(page.cache).toBeNull()
  })

  it('anonymous callers, staff, cross-site cookies and forged tokens are never served from it', async () => {
    const { token, customer } = await newCustomer('Fajar Cache ')
    await warm(token)
    const anonymous = await dashboard()
    expect(anonymous.status).toBe(307)
    expect(anonymous.cache).toBeNull()

    const staff = await createStaff(payload, 'customer_service')
    const staffToken = await login('users', { email: staff.email, password: staff.password })
    const asStaff = await dashboard({ authorization: `JWT ${staffToken}` })
    expect(asStaff.status).toBe(307)
    expect(asStaff.html).not.toContain(customer.name)

    // The session cookie sent by another site's page is not a sign-in (Payload's CSRF rule).
    const crossSite = await dashboard({ cookie: `payload-token=${token}`, origin: 'https://jahat.example' })
    expect(crossSite.status).toBe(307)
    expect(crossSite.html).not.toContain(customer.name)
    const sameSite = await dashboard({ cookie: `payload-token=${token}`, 'sec-fetch-site': 'same-origin' })
    expect(sameSite.status).toBe(200)
    expect(sameSite.html).toContain(customer.name)

    const [head, body] = token.split('.')
    const forged = `${head}.${body}.${'A'.repeat(43)}`
    const asForged = await dashboard(asCustomer(forged))
    expect(asForged.status).toBe(307)
    expect(asForged.html).not.toContain(customer.name)
  })

  it("a hard reload and Next's client-side navigation are rendered, never answered from the cache", async () => {
    const { token } = await newCustomer('Gita Cache ')
    await warm(token)
    const reload = await dashboard({ ...asCustomer(token), 'cache-control': 'no-cache' })
    expect(reload.status).toBe(200)
    expect(reload.cache).toBeNull()
    const navigation = await dashboard({ ...asCustomer(token), rsc: '1' })
    expect(navigation.cache).toBeNull()
    expect(navigation.html).not.toMatch(/^<!DOCTYPE html>/i)
    // Other spellings of the path and query strings are Next's to answer, never kept or sent from it.
    const upper = await dashboard(asCustomer(token), '/PORTAL')
    expect(upper.cache).not.toBe('hit')
    for (let i = 0; i < 2; i++) expect((await dashboard(asCustomer(token), '/portal?bayar=1')).cache).toBeNull()
  })

  it('keeps one copy per encoding asked, each sent with its own encoding', async () => {
    const { customer, token } = await newCustomer('Hana Cache ')
    const gzip = { ...asCustomer(token), 'accept-encoding': 'gzip' }
    const res1 = await fetch(`${inject('serverUrl')}/portal`, { headers: gzip })
    // The page is kept once it has been sent whole: read it before asking again.
    expect(await res1.text()).toContain(customer.name)
    const res2 = await fetch(`${inject('serverUrl')}/portal`, { headers: gzip })
    expect(res2.headers.get('x-page-cache')).toBe('hit')
    expect(res2.headers.get('content-encoding')).toBe(res1.headers.get('content-encoding'))
    expect(await res2.text()).toContain(customer.name)
    const plain = await dashboard({ ...asCustomer(token), 'accept-encoding': 'identity' })
    expect(plain.cache).toBe('miss')
    expect(plain.html).toContain(customer.name)
  })
})
