import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { formatPhone } from '../../src/lib/phone'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await testPayload()
})

const search = (q: string, token?: string) => api(`/api/admin-search?q=${encodeURIComponent(q)}`, { token })

describe('global search (GET /api/admin-search)', () => {
  it('finds a customer by number, part of the name, the phone as typed, and the address', async () => {
    const phone = uniquePhone()
    const surname = unique('Prasetyo')
    const { customer } = await createCustomer(payload, {
      name: `Budi ${surname}`,
      phone,
      address: `Jl. Cempaka Putih ${surname.slice(-5)}, Bekasi`,
    })
    const cs = await createStaff(payload, 'customer_service')
    const token = await login('users', { email: cs.email, password: cs.password })
    for (const q of [customer.number!, surname, formatPhone(phone), `Cempaka Putih ${surname.slice(-5)}`]) {
      const res = await search(q, token)
      expect(res.status, q).toBe(200)
      expect(
        res.json.hits
          .filter((h: { collection: string }) => h.collection === 'customers')
          .map((h: { id: number }) => h.id),
        q,
      ).toContain(customer.id)
    }
  })

  it("finds tickets by number and subject, read with the searcher's access", async () => {
    const { customer } = await createCustomer(payload)
    const subject = unique('Redaman tinggi ODP ')
    const mine = await createStaff(payload, 'technician')
    const other = await createStaff(payload, 'technician')
    const ticket = await payload.create({
      collection: 'tickets',
      data: { subject, customer: customer.id, assignedTechnician: mine.user.id, status: 'assigned' } as never,
      overrideAccess: true,
    })
    const ids = async (staff: { email: string; password: string }, q: string) => {
      const token = await login('users', { email: staff.email, password: staff.password })
      const res = await search(q, token)
      expect(res.status).toBe(200)
      return res.json.hits.map((h: { collection: string; id: number }) => `${h.collection}:${h.id}`)
    }
    expect(await ids(mine, ticket.number!)).toContain(`tickets:${ticket.id}`)
    expect(await ids(mine, subject)).toContain(`tickets:${ticket.id}`)
    // Another technician cannot open it, so cannot find it either; nor its customer.
    const theirs = await ids(other, subject)
    expect(theirs).not.toContain(`tickets:${ticket.id}`)
    expect(await ids(other, customer.number!)).not.toContain(`customers:${customer.id}`)
  })

  it('answers 401 to anyone but staff and 400 in Indonesian to a query too short, writing nothing', async () => {
    expect((await search('Budi')).status).toBe(401)
    const { customer, password } = await createCustomer(payload)
    const customerToken = await login('customers', { username: customer.number!, password })
    expect((await search('Budi', customerToken)).status).toBe(401)
    const cs = await createStaff(payload, 'customer_service')
    const token = await login('users', { email: cs.email, password: cs.password })
    const short = await search('a', token)
    expect(short.status).toBe(400)
    expect(short.json.errors[0].message).toBe('Ketik 2–100 karakter untuk mencari.')
  })
})
