/**
 * The customer read cache in front of the REST API (server.ts, src/lib/pageCache.ts,
 * src/plugins/portal/operations/readVersion.ts) against the production server: a customer's depth-0
 * reads of their tickets are answered again while nothing they can read changed, by whatever path;
 * one customer never receives another's answer; other ids, other spellings, deeper reads,
 * cross-collection queries, staff and anonymous callers are never answered from it.
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { executeSqlOutsideTransaction } from '../../src/db/sql'
import { createCustomer, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload

type Customer = { id: number; token: string }
let a: Customer
let b: Customer
let ticketA: number
let ticketB: number

async function newCustomer(name: string): Promise<Customer> {
  const { customer } = await createCustomer(payload, { name: unique(name) })
  const token = await login('customers', { username: customer.number!, password: TEST_PASSWORD })
  return { id: customer.id, token }
}
const newTicket = async (customer: number, subject = unique('Internet putus ')) =>
  (
    await payload.create({
      collection: 'tickets',
      data: { subject, type: 'repair', customer } as never,
      overrideAccess: true,
    })
  ).id

/** A read as the customer: its status, body and whether the cache answered. */
async function read(path: string, token?: string, headers: Record<string, string> = {}) {
  const res = await api(path, { token, headers })
  return { status: res.status, json: res.json, text: res.text, cache: res.headers.get('x-read-cache') }
}
const list = (customer: Customer) => `/api/tickets?where[customer][equals]=${customer.id}&depth=0&limit=10`

beforeAll(async () => {
  payload = await testPayload()
  a = await newCustomer('Rina Baca ')
  b = await newCustomer('Bayu Baca ')
  ticketA = await newTicket(a.id)
  ticketB = await newTicket(b.id)
})

describe('customer read cache (REST)', () => {
  it('answers a repeated list read from memory, the same answer Payload gave', async () => {
    const first = await read(list(a), a.token)
    expect(first.status).toBe(200)
    expect(first.cache).toBe('miss')
    expect(first.json.docs.map((d: { id: number }) => d.id)).toEqual([ticketA])
    const second = await read(list(a), a.token)
    expect(second.cache).toBe('hit')
    expect(second.text).toBe(first.text)
  })

  it('reads again after a new ticket, a change in SQL that leaves updated_at alone, and a new comment', async () => {
    const c = await newCustomer('Citra Baca ')
    const first = await newTicket(c.id)
    await read(list(c), c.token)
    expect((await read(list(c), c.token)).cache).toBe('hit')

    const second = await newTicket(c.id)
    const afterCreate = await read(list(c), c.token)
    expect(afterCreate.cache).toBe('miss')
    expect(afterCreate.json.docs.map((d: { id: number }) => d.id).sort()).toEqual([first, second].sort())
    expect((await read(list(c), c.token)).cache).toBe('hit')

    const subject = unique('Diubah di SQL ')
    await executeSqlOutsideTransaction(payload, sql`UPDATE tickets SET subject = ${subject} WHERE id = ${first}`)
    const afterSql = await read(list(c), c.token)
    expect(afterSql.cache).toBe('miss')
    expect(afterSql.text).toContain(subject)

    // The comments join lists the ticket's comments: a new one shows at once.
    const single = `/api/tickets/${first}?depth=0`
    await read(single, c.token)
    expect((await read(single, c.token)).cache).toBe('hit')
    const comment = await payload.create({
      collection: 'ticket-comments',
      data: { ticket: first, body: 'Sudah dicek teknisi.' } as never,
      overrideAccess: true,
    })
    const afterComment = await read(single, c.token)
    expect(afterComment.cache).toBe('miss')
    expect(JSON.stringify(afterComment.json.comments)).toContain(String(comment.id))
  })

  it("never sends one customer another's answer, whatever ids they put in the URL", async () => {
    // A's answers are kept; B asks the very same URLs.
    for (const path of [list(a), `/api/tickets/${ticketA}?depth=0`]) {
      await read(path, a.token)
      expect((await read(path, a.token)).cache).toBe('hit')
      for (let i = 0; i < 2; i++) {
        // B's first read is Payload's answer for B (kept for B alone if it is a 200); never A's.
        const asB = await read(path, b.token)
        if (i === 0) expect(asB.cache).toBe('miss')
        expect(asB.status === 200 ? asB.json.docs : [], path).toEqual([])
        expect(asB.text).not.toContain(`"id":${ticketA}`)
      }
    }
    // B's own ticket, by id, to B only.
    const own = `/api/tickets/${ticketB}?depth=0`
    expect((await read(own, b.token)).status).toBe(200)
    expect((await read(own, b.token)).cache).toBe('hit')
    expect((await read(own, a.token)).status).toBe(404)
    expect((await read(own, a.token)).status).toBe(404)
  })

  it('a ticket moved to another customer disappears from the old owner at once', async () => {
    const d = await newCustomer('Dodi Baca ')
    const moved = await newTicket(d.id)
    const single = `/api/tickets/${moved}?depth=0`
    await read(single, d.token)
    expect((await read(single, d.token)).cache).toBe('hit')
    await executeSqlOutsideTransaction(payload, sql`UPDATE tickets SET customer_id = ${b.id} WHERE id = ${moved}`)
    const after = await read(single, d.token)
    expect(after.status).toBe(404)
    expect(after.text).not.toContain('Internet putus')
  })

  it('anonymous callers, staff, signed-out customers and forged tokens are never answered from it', async () => {
    const e = await newCustomer('Eka Baca ')
    await newTicket(e.id)
    await read(list(e), e.token)
    expect((await read(list(e), e.token)).cache).toBe('hit')

    const anonymous = await read(list(e))
    expect(anonymous.cache).toBeNull()
    expect(anonymous.text).not.toContain('Internet putus')

    const staff = await createStaff(payload, 'customer_service')
    const staffToken = await login('users', { email: staff.email, password: staff.password })
    const asStaff = await read(list(e), staffToken)
    expect(asStaff.status).toBe(200)
    expect(asStaff.cache).toBeNull()

    const [head, body] = e.token.split('.')
    const forged = await read(list(e), `${head}.${body}.${'A'.repeat(43)}`)
    expect(forged.cache).toBeNull()
    expect(forged.text).not.toContain('Internet putus')

    // A cookie sent by another site's page is not a sign-in (Payload's CSRF rule).
    const crossSite = await read(list(e), undefined, {
      cookie: `payload-token=${e.token}`,
      origin: 'https://jahat.example',
    })
    expect(crossSite.cache).toBeNull()
    expect(crossSite.text).not.toContain('Internet putus')

    const out = await api('/api/customers/logout', { method: 'POST', token: e.token })
    expect(out.status).toBe(200)
    const afterLogout = await read(list(e), e.token)
    expect(afterLogout.cache).toBeNull()
    expect(afterLogout.text).not.toContain('Internet putus')
  })

  it('deeper reads, other collections named in the query, other spellings and long queries go to Payload', async () => {
    const paths = [
      `/api/tickets?where[customer][equals]=${a.id}&limit=10`,
      `/api/tickets?where[customer][equals]=${a.id}&depth=1`,
      `/api/tickets?depth=0&depth=0`,
      `/api/tickets?depth=0&where[customer.name][like]=Rina`,
      `/api/tickets?depth=0&sort=customer.name`,
      `/api/TICKETS?depth=0`,
      `/api/tickets/count?depth=0`,
      `/api/tickets?depth=0&limit=10&where[subject][like]=${'x'.repeat(1100)}`,
      `/api/customers/${a.id}?depth=0`,
      `/api/invoices?depth=0`,
    ]
    for (const path of paths) for (let i = 0; i < 2; i++) expect((await read(path, a.token)).cache, path).toBeNull()
  })

  it('keeps one answer per Origin and encoding, each with its own headers', async () => {
    const f = await newCustomer('Fajar Baca ')
    await newTicket(f.id)
    const origins = [inject('serverUrl'), 'https://mitra.example']
    for (const origin of origins) {
      const first = await fetch(`${inject('serverUrl')}${list(f)}`, {
        headers: { authorization: `JWT ${f.token}`, origin },
      })
      await first.text()
      const again = await fetch(`${inject('serverUrl')}${list(f)}`, {
        headers: { authorization: `JWT ${f.token}`, origin },
      })
      expect(again.headers.get('x-read-cache')).toBe('hit')
      expect(again.headers.get('access-control-allow-origin')).toBe(first.headers.get('access-control-allow-origin'))
      await again.text()
    }
  })
})
