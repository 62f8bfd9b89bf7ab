import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createStaff } from '../helpers/fixtures'
import { api, gql, login } from '../helpers/http'
import { testPayload } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})

/**
 * The server remembers a signed-in account for a few seconds (src/plugins/auth/strategies/cachedJwt.ts);
 * a change to the account made through the server takes effect on the very next request.
 */
describe('remembered sign-ins', () => {
  it('a role taken away by an admin applies to the next request of a signed-in staff member', async () => {
    const finance = await createStaff(payload, 'finance')
    const admin = await createStaff(payload, 'admin')
    const token = await login('users', { email: finance.email, password: finance.password })
    const adminToken = await login('users', { email: admin.email, password: admin.password })
    // Twice: the second is answered from the remembered sign-in.
    expect((await api('/api/invoices?limit=1&depth=0', { token })).status).toBe(200)
    expect((await api('/api/invoices?limit=1&depth=0', { token })).status).toBe(200)
    expect((await gql('{ Invoices(limit: 1) { docs { id } } }', {}, token)).errors).toBeUndefined()

    const changed = await api(`/api/users/${finance.user.id}`, {
      method: 'PATCH',
      token: adminToken,
      body: { role: 'technician' },
    })
    expect(changed.status).toBe(200)
    expect((await api('/api/invoices?limit=1&depth=0', { token })).status).toBe(403)
    const me = await api('/api/users/me', { token })
    expect(me.json.user.role).toBe('technician')
  })

  it('signing out ends the session at once, though the token was just remembered', async () => {
    const { customer, password } = await createCustomer(payload)
    const token = await login('customers', { username: customer.username!, password })
    const list = `/api/tickets?where[customer][equals]=${customer.id}&depth=0&limit=10&pagination=false`
    expect((await api(list, { token })).status).toBe(200)
    expect((await api(list, { token })).status).toBe(200)
    expect((await api('/api/customers/logout', { method: 'POST', token })).status).toBe(200)
    expect((await api(list, { token })).status).toBe(403)
    expect((await api('/api/customers/me', { token })).json.user).toBeNull()
  })

  it('a made-up token is never remembered as anyone', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MSwiY29sbGVjdGlvbiI6InVzZXJzIn0.c2lnbmF0dXJl'
    expect((await api('/api/invoices?limit=1', { token: forged })).status).toBe(403)
    expect((await api('/api/users/me', { token: forged })).json.user).toBeNull()
  })

  it('a cookie a cross-site page sends is ignored, even right after the same cookie was honoured', async () => {
    const { customer, password } = await createCustomer(payload)
    const token = await login('customers', { username: customer.username!, password })
    const cookie = `payload-token=${token}`
    const sameSite = await api('/api/customers/me', { headers: { cookie, 'sec-fetch-site': 'same-origin' } })
    expect(sameSite.json.user?.id).toBe(customer.id)
    const crossSite = await api('/api/customers/me', { headers: { cookie, origin: 'https://evil.example' } })
    expect(crossSite.json.user).toBeNull()
    const noOrigin = await api('/api/customers/me', { headers: { cookie, 'sec-fetch-site': 'cross-site' } })
    expect(noOrigin.json.user).toBeNull()
  })
})
