/**
 * What one request may cost and how malformed input is answered, over HTTP against the production
 * server: GraphQL bounded per request and per anonymous caller, wrong types never coerced into
 * ids, NUL characters, unknown rows and impossible dates refused with 400 before anything is
 * written, and an oversized webhook body read to its end before the 413 so the connection lives on.
 */
import crypto from 'node:crypto'
import http from 'node:http'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it, inject } from 'vitest'

import { createCustomer, createStaff } from '../helpers/fixtures'
import { TEST_GATEWAYS } from '../helpers/gateways'
import { api, freshIp, login } from '../helpers/http'
import { testPayload } from '../helpers/payload'

let payload: Payload
let financeToken: string
let csToken: string
let customerToken: string
let customerId: number

const count = (collection: 'payments' | 'messages' | 'invoices') =>
  payload.count({ collection, overrideAccess: true }).then((r) => r.totalDocs)

const graphql = (query: string, options: { ip?: string; token?: string; headers?: Record<string, string> } = {}) =>
  api('/api/graphql', {
    method: 'POST',
    ip: options.ip,
    token: options.token,
    headers: options.headers,
    body: { query },
  })
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')
/** Costs 401 (1 + 100 docs + 300 fields) under GraphqlLimits. */
const heavyList = 'Packages(limit: 100) { docs { id name monthlyPrice } }'

beforeAll(async () => {
  payload = await testPayload()
  const finance = await createStaff(payload, 'finance')
  financeToken = await login('users', { email: finance.email, password: finance.password })
  const cs = await createStaff(payload, 'customer_service')
  csToken = await login('users', { email: cs.email, password: cs.password })
  const { customer, password } = await createCustomer(payload)
  customerId = customer.id
  customerToken = await login('customers', { username: customer.number!, password })
})

describe('GraphQL cost', () => {
  it('refuses more root fields than the limit, aliases counted one by one, without running any', async () => {
    const res = await graphql(`query { ${aliases(249, 'KnowledgeBases(limit: 100) { docs { id title } }')} }`)
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toMatch(/Terlalu banyak field.*249, maks\. 20/)
    expect(res.json.data).toBeUndefined()
    const atLimit = await graphql(`query { ${aliases(20, 'Packages(limit: 1) { totalDocs }')} }`)
    expect(atLimit.status).toBe(200)
    expect(Object.keys(atLimit.json.data)).toHaveLength(20)
  })

  it('refuses deep queries, big limits and unpaginated lists', async () => {
    const deep = await graphql(`
      query {
        a {
          b {
            c {
              d {
                e {
                  f {
                    g {
                      h {
                        i {
                          j {
                            k
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `)
    expect(deep.status).toBe(400)
    expect(deep.json.errors[0].message).toMatch(/terlalu dalam/)
    const big = await graphql(`
      query {
        Packages(limit: 1000) {
          docs {
            id
          }
        }
      }
    `)
    expect(big.status).toBe(400)
    expect(big.json.errors[0].message).toMatch(/limit harus bilangan bulat 1–100/)
    const all = await graphql(`
      query {
        Packages(pagination: false) {
          docs {
            id
          }
        }
      }
    `)
    expect(all.status).toBe(400)
    const zero = await graphql(`
      query {
        Packages(limit: 0) {
          docs {
            id
          }
        }
      }
    `)
    expect(zero.status).toBe(400)
  })

  it('gives an anonymous caller a smaller budget per request, whatever token it makes up', async () => {
    const query = `query { ${aliases(6, heavyList)} }`
    const anonymous = await graphql(query)
    expect(anonymous.status).toBe(400)
    expect(anonymous.json.errors[0].message).toMatch(/terlalu berat tanpa masuk \(biaya 2406, maks\. 2000\)/)
    const madeUp = await graphql(query, { headers: { authorization: 'JWT bukan.token.asli' } })
    expect(madeUp.status).toBe(400)
    const staff = await graphql(query, { token: csToken })
    expect(staff.status).toBe(200)
    expect(staff.json.errors).toBeUndefined()
    expect(Object.keys(staff.json.data)).toHaveLength(6)
    const tooHeavy = await graphql(
      `query { ${aliases(20, 'Packages(limit: 100) { docs { id name monthlyPrice downloadMbps uploadMbps } }')} }`,
      {
        token: csToken,
      },
    )
    expect(tooHeavy.status).toBe(400)
    expect(tooHeavy.json.errors[0].message).toMatch(/terlalu berat \(biaya \d+, maks\. 10000\)/)
  })

  it('limits what one anonymous address spends per minute', async () => {
    const ip = freshIp()
    const query = `query { ${aliases(4, heavyList)} }` // 1604 a request: 12 fit in 20000
    const statuses: number[] = []
    for (let i = 0; i < 13; i++) statuses.push((await graphql(query, { ip })).status)
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(200))
    const refused = await graphql(query, { ip })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.json.errors[0].message).toMatch(/Terlalu banyak permintaan GraphQL tanpa masuk/)
    // Another address, or a signed-in caller, is not held up by it.
    expect((await graphql(query)).status).toBe(200)
    expect((await graphql(query, { ip, token: customerToken })).status).toBe(200)
  })

  it('answers malformed GraphQL JSON, NUL characters and non-JSON bodies with 4xx and a message', async () => {
    const broken = await api('/api/graphql', { method: 'POST', body: '{"query": "{ Packages { docs { id } } }"' })
    expect(broken.status).toBe(400)
    expect(broken.json.errors[0].message).toMatch(/Body harus JSON yang valid/)
    const nul = await api('/api/graphql', {
      method: 'POST',
      body: {
        query: 'query($n: String) { Packages(where: { name: { equals: $n } }) { docs { id } } }',
        variables: { n: 'a\u0000b' },
      },
    })
    expect(nul.status).toBe(400)
    expect(nul.json.errors[0].message).toMatch(/NUL/)
    const array = await api('/api/graphql', { method: 'POST', body: '[1]' })
    expect(array.status).toBe(400)
    const text = await api('/api/graphql', {
      method: 'POST',
      body: 'query { x }',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(415)
  })
})

describe('REST reads without a session', () => {
  it('are bounded to 100 rows a page and depth 3', async () => {
    for (const query of ['limit=0', 'limit=1000', 'limit=abc', 'depth=10', 'pagination=false']) {
      const res = await api(`/api/packages?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.json.errors[0].message).toMatch(/limit|depth|pagination/)
    }
    expect((await api('/api/packages?limit=100&depth=1')).status).toBe(200)
    expect((await api('/api/packages?limit=1000', { token: csToken })).status).toBe(200)
  })

  it('a made-up token or cookie is not a session', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MSwiY29sbGVjdGlvbiI6InVzZXJzIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl'
    expect((await api('/api/packages?pagination=false', { token: forged })).status).toBe(400)
    const cookie = await api('/api/packages?limit=0', { headers: { cookie: 'payload-token=x' } })
    expect(cookie.status).toBe(400)
    const tampered = `${csToken.split('.').slice(0, 2).join('.')}.${forged.split('.')[2]}`
    expect((await api('/api/packages?limit=1000', { token: tampered })).status).toBe(400)
  })
})

describe('malformed input to the custom endpoints', () => {
  it('never coerces true or [1] into a customer id, and writes no payment', async () => {
    const before = await count('payments')
    for (const customer of [true, [1], [customerId], '1.5', 1.5, 99_999_999_999, { id: customerId }]) {
      const res = await api('/api/payments/record', {
        method: 'POST',
        token: financeToken,
        body: { customer, amount: 100_000, method: 'cash' },
      })
      expect(res.status, JSON.stringify(customer)).toBe(400)
      expect(res.json.errors[0].message).toMatch(/Pelanggan tidak valid/)
    }
    expect(await count('payments')).toBe(before)
  })

  it('refuses unknown customers and proofs, impossible dates and NUL with 400, writing nothing', async () => {
    const before = await count('payments')
    const record = (body: Record<string, unknown>) =>
      api('/api/payments/record', {
        method: 'POST',
        token: financeToken,
        body: { amount: 100_000, method: 'cash', ...body },
      })
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ customer: 2_147_483_000 }, /./],
      [{ customer: customerId, proof: 2_147_483_000 }, /./],
      [{ customer: customerId, paymentDate: '1000' }, /Tanggal bayar tidak valid/],
      [{ customer: customerId, paymentDate: '0000-01-01' }, /Tanggal bayar tidak valid/],
      [{ customer: customerId, paymentDate: '2026-02-30' }, /Tanggal bayar tidak valid/],
      [{ customer: customerId, reference: 'TRX\u00001' }, /NUL/],
      [{ customer: customerId, invoices: [2_147_483_000] }, /./],
    ]
    for (const [body, message] of cases) {
      const res = await record(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json.errors[0].message).toMatch(message)
    }
    const customerProof = await api('/api/payments/record', {
      method: 'POST',
      token: customerToken,
      body: { amount: 100_000, method: 'bank_transfer', proof: 2_147_483_000 },
    })
    expect(customerProof.status).toBe(400)
    expect(await count('payments')).toBe(before)
  })

  it('answers ids that are not ids with 4xx on Payload routes and ours', async () => {
    for (const id of ['abc', '1.5', '99999999999', '%00'])
      for (const path of [`/api/invoices/${id}`, `/api/invoices/${id}/pdf`, `/api/payments/${id}`]) {
        const res = await api(path, { token: financeToken })
        expect(res.status, path).toBeGreaterThanOrEqual(400)
        expect(res.status, path).toBeLessThan(500)
      }
    for (const id of ['abc', '1.5', '99999999999'])
      for (const action of ['verify', 'reject']) {
        const res = await api(`/api/payments/${id}/${action}`, {
          method: 'POST',
          token: financeToken,
          body: { reason: 'alasan uji' },
        })
        expect(res.status).toBe(404)
      }
  })

  it('refuses NUL in sign-in, messages and report filters', async () => {
    const portal = await api('/api/customers/portal-login', {
      method: 'POST',
      body: { login: 'CUS\u00001', password: 'x' },
    })
    expect(portal.status).toBe(400)
    expect(portal.json.errors[0].message).toMatch(/NUL/)
    const before = await count('messages')
    const text = await api('/api/messages/send-text', {
      method: 'POST',
      token: csToken,
      headers: { 'idempotency-key': `nul-${Date.now()}` },
      body: { customer: customerId, text: 'halo\u0000' },
    })
    expect(text.status).toBe(400)
    expect(await count('messages')).toBe(before)
    const report = await api('/api/billing/revenue?area=Beji%00', { token: financeToken })
    expect(report.status).toBe(400)
    expect(report.json.errors[0].message).toMatch(/NUL/)
    const preview = await api('/api/billing/suspension-preview?day=0000-01-01', { token: financeToken })
    expect(preview.status).toBe(400)
    expect(preview.json.errors[0].message).toMatch(/Tanggal "0000-01-01" tidak valid/)
    // Payload's own routes: the database's refusal is a 400 too.
    const list = await api('/api/customers?where[name][equals]=a%00b', { token: csToken })
    expect(list.status).toBe(400)
  })
})

describe('WhatsApp webhook', () => {
  const sign = (raw: string) =>
    `sha256=${crypto.createHmac('sha256', TEST_GATEWAYS.whatsappAppSecret).update(raw, 'utf8').digest('hex')}`
  const envelope = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', ...value } }] }],
  })
  const deliver = (body: unknown) => {
    const raw = JSON.stringify(body)
    return api('/api/whatsapp/webhook', { method: 'POST', body: raw, headers: { 'x-hub-signature-256': sign(raw) } })
  }

  it('acknowledges and ignores a signed body with NUL, and takes an impossible timestamp as now', async () => {
    const before = await count('messages')
    const nul = await deliver(
      envelope({
        contacts: [{ wa_id: '6281234567890', profile: { name: 'Budi' } }],
        messages: [
          {
            from: '6281234567890',
            id: 'wamid.nul',
            timestamp: '1700000000',
            type: 'text',
            text: { body: 'halo\u0000' },
          },
        ],
      }),
    )
    expect(nul.status).toBe(200)
    expect(nul.json).toMatchObject({ received: true, applied: 0 })
    expect(await count('messages')).toBe(before)
    const future = await deliver(
      envelope({
        statuses: [
          { id: 'wamid.tidak-ada', status: 'delivered', timestamp: '999999999999', recipient_id: '6281234567890' },
        ],
      }),
    )
    expect(future.status).toBe(200)
  })

  it('reads an oversized body to its end and answers 413, keeping the connection usable', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const url = new URL(inject('serverUrl'))
    const send = (path: string, method: string, body?: Buffer) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method,
            agent,
            headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket }))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    try {
      const big = Buffer.alloc(1536 * 1024, 'a') // over the webhook's 1 MB, under the server's cap
      const first = await send('/api/whatsapp/webhook', 'POST', big)
      expect(first.status).toBe(413)
      const next = await send('/healthz', 'GET')
      expect(next).toEqual({ status: 200, reused: true })
      const gateway = await send('/api/billing/gateways/midtrans/notification', 'POST', Buffer.alloc(100 * 1024, 'a'))
      expect(gateway.status).toBe(413)
      expect(await send('/healthz', 'GET')).toEqual({ status: 200, reused: true })
    } finally {
      agent.destroy()
    }
  })
})

describe('admin preferences are for staff only', () => {
  it('refuses customers (403) and nobody (401) on every preference route, REST and GraphQL, writing nothing', async () => {
    const key = `uji-pref-${crypto.randomUUID()}`
    const staffRow = await api(`/api/payload-preferences/${key}`, {
      method: 'POST',
      token: financeToken,
      body: { value: { owner: 'finance' } },
    })
    expect(staffRow.status, staffRow.text).toBe(200)
    const staffId = staffRow.json.doc.id as number
    const rows = () =>
      payload
        .count({ collection: 'payload-preferences', where: { key: { equals: key } }, overrideAccess: true })
        .then((r) => r.totalDocs)

    for (const [who, token, status] of [
      ['customer', customerToken, 403],
      ['nobody', undefined, 401],
    ] as const) {
      const calls = [
        await api(`/api/payload-preferences/${key}`, { method: 'POST', token, body: { value: { x: 1 } } }),
        await api(`/api/payload-preferences/${key}`, { token }),
        await api(`/api/payload-preferences/${key}`, { method: 'DELETE', token }),
      ]
      for (const res of calls) expect([res.status, who], res.text).toEqual([status, who])
      const create = await api('/api/payload-preferences', {
        method: 'POST',
        token,
        body: { key: `${key}-c`, value: { x: 1 } },
      })
      expect([401, 403], `${who}: ${create.text}`).toContain(create.status)
      const list = await api(`/api/payload-preferences?where[key][equals]=${key}`, { token })
      expect([401, 403], `${who}: ${list.text}`).toContain(list.status)
      const patch = await api(`/api/payload-preferences/${staffId}`, { method: 'PATCH', token, body: { value: 1 } })
      expect([401, 403, 404], `${who}: ${patch.text}`).toContain(patch.status)
      const gql = await graphql(
        `mutation { createPayloadPreference(data: { key: "${key}-g", value: { x: 1 } }) { id } }`,
        { token },
      )
      expect(gql.json?.data?.createPayloadPreference ?? null, who).toBeNull()
      const gqlRead = await graphql(
        `
          query {
            PayloadPreferences(limit: 10) {
              docs {
                id
                value
              }
            }
          }
        `,
        { token },
      )
      expect(gqlRead.text, who).not.toContain('finance')
      expect(gqlRead.json?.data?.PayloadPreferences?.docs ?? [], who).toEqual([])
    }
    expect(await rows()).toBe(1)
    const extra = await payload.count({
      collection: 'payload-preferences',
      where: { key: { in: [`${key}-c`, `${key}-g`] } },
      overrideAccess: true,
    })
    expect(extra.totalDocs).toBe(0)

    // Staff keep theirs: read, list, delete.
    const own = await api(`/api/payload-preferences/${key}`, { token: financeToken })
    expect(own.json.value).toEqual({ owner: 'finance' })
    const gqlOwn = await graphql(
      `query { PayloadPreferences(where: { key: { equals: "${key}" } }) { docs { key } } }`,
      {
        token: financeToken,
      },
    )
    expect(gqlOwn.json.data.PayloadPreferences.docs).toEqual([{ key }])
    const gone = await api(`/api/payload-preferences/${key}`, { method: 'DELETE', token: financeToken })
    expect(gone.status, gone.text).toBe(200)
    expect(await rows()).toBe(0)
  })
})

describe('staff forgot-password', () => {
  const resetJobs = (value: string) =>
    payload
      .count({
        collection: 'payload-jobs',
        where: {
          and: [
            { taskSlug: { equals: 'sendPasswordReset' } },
            { or: [{ 'input.email': { equals: value } }, { 'input.username': { equals: value } }] },
          ],
        },
        overrideAccess: true,
      })
      .then((r) => r.totalDocs)

  it('answers a login that cannot be an email like an unknown account and queues nothing for it', async () => {
    const unknown = `nobody-${crypto.randomUUID()}@example.id`
    const known = await api('/api/users/forgot-password', { method: 'POST', body: { email: unknown } })
    expect(known.status, known.text).toBe(200)
    expect(await resetJobs(unknown)).toBe(1)
    for (const login of ['bukan-email', `x${crypto.randomUUID()}`, 'a@b', 'a b@c.id', '@contoh.id', 'a@.id']) {
      const res = await api('/api/users/forgot-password', { method: 'POST', body: { email: login } })
      expect([res.status, res.json], login).toEqual([known.status, known.json])
      const viaGraphql = await graphql(`mutation { forgotPasswordUser(email: ${JSON.stringify(login)}) }`)
      expect(viaGraphql.json, login).toEqual({ data: { forgotPasswordUser: true } })
      expect(await resetJobs(login.toLowerCase()), login).toBe(0)
    }
    // Customers sign in by number or email: an email that cannot be one queues nothing either.
    const customer = await api('/api/customers/forgot-password', { method: 'POST', body: { email: 'bukan-email-2' } })
    expect([customer.status, customer.json]).toEqual([known.status, known.json])
    expect(await resetJobs('bukan-email-2')).toBe(0)
  })
})

describe('session cookies from other origins (CSRF)', () => {
  const evil = 'https://evil.example'
  const own = () => new URL(inject('serverUrl')).origin

  const cookieOf = (headers: Headers) => {
    const match = /payload-token=([^;]+)/.exec(headers.get('set-cookie') ?? '')
    if (!match) throw new Error(`no session cookie in ${headers.get('set-cookie')}`)
    return `payload-token=${match[1]}`
  }

  it('treats a request with a valid cookie from another origin as anonymous; the own origin is signed in', async () => {
    const { customer, password } = await createCustomer(payload)
    const signIn = await api('/api/customers/login', {
      method: 'POST',
      body: { username: customer.number, password },
    })
    expect(signIn.status, signIn.text).toBe(200)
    const cookie = cookieOf(signIn.headers)

    const fromEvil = await api('/api/customers/me', { headers: { cookie, origin: evil } })
    expect(fromEvil.status).toBe(200)
    expect(fromEvil.json.user).toBeNull()
    const crossSite = await api('/api/customers/me', { headers: { cookie, 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.json.user).toBeNull()
    const fromOwn = await api('/api/customers/me', { headers: { cookie, origin: own() } })
    expect(fromOwn.json.user?.id).toBe(customer.id)
    const sameOrigin = await api('/api/customers/me', { headers: { cookie, 'sec-fetch-site': 'same-origin' } })
    expect(sameOrigin.json.user?.id).toBe(customer.id)
    const graphqlEvil = await graphql('query { meCustomer { user { id } } }', { headers: { cookie, origin: evil } })
    expect(graphqlEvil.json?.data?.meCustomer?.user ?? null).toBeNull()

    // A write with a staff cookie from another origin is refused and writes nothing; from the own
    // origin it goes through.
    const cs = await createStaff(payload, 'customer_service')
    const staffIn = await api('/api/users/login', { method: 'POST', body: { email: cs.email, password: cs.password } })
    const staffCookie = cookieOf(staffIn.headers)
    const key = `uji-csrf-${crypto.randomUUID()}`
    const refused = await api(`/api/payload-preferences/${key}`, {
      method: 'POST',
      headers: { cookie: staffCookie, origin: evil },
      body: { value: { from: 'evil' } },
    })
    expect(refused.status, refused.text).toBe(401)
    const refusedNote = await api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      headers: { cookie: staffCookie, origin: evil },
      body: { notes: 'ditulis dari situs lain' },
    })
    expect([401, 403]).toContain(refusedNote.status)
    const row = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true })
    expect((row as { notes?: string | null }).notes ?? null).not.toBe('ditulis dari situs lain')
    const accepted = await api(`/api/payload-preferences/${key}`, {
      method: 'POST',
      headers: { cookie: staffCookie, origin: own() },
      body: { value: { from: 'own' } },
    })
    expect(accepted.status, accepted.text).toBe(200)
    const stored = await payload.find({
      collection: 'payload-preferences',
      where: { key: { equals: key } },
      overrideAccess: true,
    })
    expect(stored.docs.map((d) => d.value)).toEqual([{ from: 'own' }])
  })
})
