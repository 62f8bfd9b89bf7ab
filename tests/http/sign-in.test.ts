/**
 * Sign-in and account paths against the production server: what their answers carry (only what the
 * signed-in account may read itself), and how guessing is slowed down (attempts counted where the
 * password or token is checked, per client address and per account, growing waits instead of
 * locks, the same answer whether the account exists or not) on every path: the portal login,
 * Payload's REST routes in any spelling, GraphQL with aliases, forgot and reset password.
 *
 * Client addresses here are IPv6 (each a /56 of its own), a range no other test file uses, so the
 * counts of one test never reach another.
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { executeSqlOutsideTransaction } from '../../src/db/sql'
import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

let payload: Payload

let addressCounter = 0
/** A client address in a /56 no other request uses. */
const newAddress = () => `fd00:${(process.pid & 0xffff).toString(16)}:${(++addressCounter).toString(16)}::1`

type Answer = Awaited<ReturnType<typeof api>>
const portalLogin = (loginName: string, password: string, ip = newAddress()) =>
  api('/api/customers/portal-login', { method: 'POST', ip, body: { login: loginName, password } })
const graphql = (query: string, options: { ip?: string; token?: string } = {}) =>
  api('/api/graphql', { method: 'POST', ip: options.ip ?? newAddress(), token: options.token, body: { query } })
const str = (value: string) => JSON.stringify(value)
/** The throttle row of a key, straight from the database. */
async function throttleRow(key: string) {
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT failures::int AS failures, last_failure_at, wait_until FROM auth_throttles WHERE key = ${key}`,
  )
  return rows[0] as { failures: number; last_failure_at: Date | string; wait_until: Date | string | null } | undefined
}
const millis = (value: Date | string | null) => (value === null ? null : new Date(value).getTime())
/** As the throttle keys a client from \`newAddress\`: its /56. */
const slash56 = (ip: string) => `${ip.split(':').slice(0, 3).join(':')}:0::/56`

beforeAll(async () => {
  payload = await testPayload()
})

// ───────────────────────── what sign-in answers carry ─────────────────────────

describe('sign-in and account answers carry only what the account may read itself', () => {
  const secret = {
    routerPassword: `router-sandi-${unique('R')}`,
    routerUrl: 'https://10.98.76.54',
    notes: `catatan-staf-${unique('N')}`,
    pppoe: `pppoe-${unique('P').toLowerCase()}`,
    ip: '10.20.30.40',
  }
  let customer: Awaited<ReturnType<typeof createCustomer>>['customer']
  let packageId: number
  const email = `${unique('pelanggan').toLowerCase()}@uji.id`
  const staffOnlyFields = ['router', 'notes', 'pppoeUsername', 'ipAddress', 'networkMethod', 'autoSuspendExempt']

  beforeAll(async () => {
    const router = await payload.create({
      collection: 'routers',
      data: {
        name: unique('Router '),
        baseUrl: secret.routerUrl,
        username: 'api-admin',
        password: secret.routerPassword,
        defaultMethod: 'pppoe',
      },
      overrideAccess: true,
    })
    packageId = (await createPackage(payload)).id
    customer = (
      await createCustomer(payload, {
        email,
        notes: secret.notes,
        package: packageId,
        router: router.id,
        networkMethod: 'pppoe',
        pppoeUsername: secret.pppoe,
        ipAddress: secret.ip,
        autoSuspendExempt: true,
      })
    ).customer
  })

  /** Nothing staff-only anywhere in the answer, and none of the customer's staff-only fields. */
  function expectNothingStaffOnly(res: Answer, user: Record<string, unknown> | undefined, path: string) {
    expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200)
    for (const value of Object.values(secret)) expect(res.text, path).not.toContain(value)
    expect(user?.id, path).toBe(customer.id)
    for (const field of staffOnlyFields) expect(user?.[field] ?? null, `${path}: ${field}`).toBeNull()
  }

  /** The account as it reads itself over REST at depth 0, without what changes from call to call. */
  async function ownRead(collection: 'customers' | 'users', id: number, token: string) {
    const res = await api(`/api/${collection}/${id}?depth=0`, { token })
    expect(res.status).toBe(200)
    return stable(res.json)
  }
  const stable = (user: Record<string, unknown>) => {
    const { sessions: _s, updatedAt: _u, collection: _c, _strategy: _st, ...rest } = user
    return rest
  }

  it('the portal login (customer number and phone) and Payload login (any spelling, username or email) over REST', async () => {
    const byNumber = await portalLogin(customer.number!, TEST_PASSWORD)
    const token = byNumber.json?.token as string
    const own = await ownRead('customers', customer.id, token)
    expect(own).not.toHaveProperty('notes')
    const answers: [string, Answer][] = [
      ['portal-login number', byNumber],
      ['portal-login phone', await portalLogin(`0${customer.phone.slice(2)}`, TEST_PASSWORD)],
      [
        'login',
        await api('/api/customers/login', {
          method: 'POST',
          body: { username: customer.number, password: TEST_PASSWORD },
        }),
      ],
      [
        'LOGIN?depth=3',
        await api('/api/customers/LOGIN?depth=3', {
          method: 'POST',
          body: { username: customer.number, password: TEST_PASSWORD },
        }),
      ],
      [
        'login by email',
        await api('/api/customers/login', { method: 'POST', body: { username: email, password: TEST_PASSWORD } }),
      ],
      ['refresh-token', await api('/api/customers/refresh-token', { method: 'POST', token })],
    ]
    for (const [path, res] of answers) {
      const user = (res.json?.user ?? undefined) as Record<string, unknown> | undefined
      expectNothingStaffOnly(res, user, path)
      // Relationships stay ids (the auth depth, 0), whatever depth was asked for.
      expect(user!.package, path).toBe(packageId)
      expect(stable(user!), path).toEqual(own)
    }
  })

  it('me at any depth and GraphQL login, me and refresh', async () => {
    const token = await login('customers', { username: customer.number!, password: TEST_PASSWORD })
    const me = await api('/api/customers/me?depth=3', { token })
    expectNothingStaffOnly(me, me.json?.user, 'me?depth=3')

    const fields = `id notes pppoeUsername ipAddress networkMethod autoSuspendExempt router { id baseUrl username password } package { id }`
    const gLogin = await graphql(
      `mutation { loginCustomer(email: "", username: ${str(customer.number!)}, password: ${str(TEST_PASSWORD)}) { token user { ${fields} } } }`,
    )
    expectNothingStaffOnly(gLogin, gLogin.json?.data?.loginCustomer?.user, 'loginCustomer')
    const gMe = await graphql(`{ meCustomer { user { ${fields} } } }`, { token })
    expectNothingStaffOnly(gMe, gMe.json?.data?.meCustomer?.user, 'meCustomer')
    // A refresh answers with the token's fields only (GraphQL type customersJWT: email, collection).
    const gRefresh = await graphql(
      `
        mutation {
          refreshTokenCustomer {
            refreshedToken
            user {
              email
              collection
            }
          }
        }
      `,
      {
        token,
      },
    )
    expect(gRefresh.json.data.refreshTokenCustomer.user).toEqual({ email, collection: 'customers' })
    for (const value of Object.values(secret)) expect(gRefresh.text).not.toContain(value)
  })

  it.each(['admin', 'finance', 'customer_service', 'technician', 'content_editor'] as const)(
    'a %s gets their own record as they read it, on every sign-in and account path',
    async (role) => {
      const staff = await createStaff(payload, role)
      const credentials = { email: staff.email, password: staff.password }
      const first = await api('/api/users/login', { method: 'POST', body: credentials })
      const token = first.json.token as string
      const own = await ownRead('users', staff.user.id, token)
      const answers: [string, Answer][] = [
        ['login', first],
        ['Login?depth=5', await api('/api/users/Login?depth=5', { method: 'POST', body: credentials })],
        ['me', await api('/api/users/me?depth=3', { token })],
        ['refresh-token', await api('/api/users/refresh-token', { method: 'POST', token })],
      ]
      for (const [path, res] of answers) {
        expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200)
        expect(res.text, path).not.toMatch(/"(hash|salt|resetPasswordToken|loginAttempts|lockUntil)"/)
        expect(stable(res.json.user), path).toEqual(own)
      }
      const g = await graphql(
        `mutation { loginUser(email: ${str(staff.email)}, password: ${str(staff.password)}) { user { id email role } } }`,
      )
      expect(g.json.data.loginUser.user).toEqual({ id: staff.user.id, email: staff.email, role })
      const gMe = await graphql(
        `
          {
            meUser {
              user {
                id
                role
              }
            }
          }
        `,
        { token },
      )
      expect(gMe.json.data.meUser.user).toEqual({ id: staff.user.id, role })
    },
  )

  it('a password reset answers with the account as it reads itself, too', async () => {
    const { customer: resetting } = await createCustomer(payload, {
      email: `${unique('reset').toLowerCase()}@uji.id`,
      notes: secret.notes,
      pppoeUsername: secret.pppoe,
    })
    const token = await issueResetToken('customers', { username: resetting.number! })
    const res = await api('/api/customers/reset-password', {
      method: 'POST',
      body: { token, password: 'sandi-baru-123' },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.text).not.toContain(secret.notes)
    expect(res.text).not.toContain(secret.pppoe)
    expect(res.json.user).not.toHaveProperty('notes')
    expect((await portalLogin(resetting.number!, 'sandi-baru-123')).status).toBe(200)
  })
})

// ───────────────────────── guessing: the same answer for every account ─────────────────────────

describe('a wrong guess tells nothing about whether the account exists', () => {
  it('portal login, REST login and GraphQL login answer an unknown account as they answer a wrong password', async () => {
    const { customer } = await createCustomer(payload, { email: `${unique('ada').toLowerCase()}@uji.id` })
    const staff = await createStaff(payload, 'technician')
    const unknownNumber = `CUS1999${String(Date.now()).slice(-7)}`
    const unknownPhone = uniquePhone()

    const portal = await Promise.all([
      portalLogin(customer.number!, 'salah-sandi'),
      portalLogin(`0${customer.phone.slice(2)}`, 'salah-sandi'),
      portalLogin(unknownNumber, 'salah-sandi'),
      portalLogin(`0${unknownPhone.slice(2)}`, 'salah-sandi'),
    ])
    for (const res of portal) expect([res.status, res.json]).toEqual([portal[0]!.status, portal[0]!.json])
    expect(portal[0]!.status).toBe(401)

    const rest = async (collection: string, body: Record<string, string>) => {
      const res = await api(`/api/${collection}/login`, { method: 'POST', ip: newAddress(), body })
      return [res.status, res.json]
    }
    const customerWrong = await rest('customers', { username: customer.number!, password: 'salah-sandi' })
    expect(customerWrong[0]).toBe(401)
    expect(await rest('customers', { username: unknownNumber, password: 'salah-sandi' })).toEqual(customerWrong)
    expect(await rest('customers', { username: 'tidak-ada@uji.id', password: 'salah-sandi' })).toEqual(customerWrong)
    const staffWrong = await rest('users', { email: staff.email, password: 'salah-sandi' })
    expect(staffWrong[0]).toBe(401)
    expect(await rest('users', { email: `${unique('tidak-ada')}@uji.id`, password: 'salah-sandi' })).toEqual(staffWrong)

    const gql = async (username: string) => {
      const res = await graphql(
        `mutation { loginCustomer(email: "", username: ${str(username)}, password: "salah-sandi") { token } }`,
      )
      return res.json.errors.map((e: { message: string; extensions: { statusCode: number } }) => [
        e.message,
        e.extensions.statusCode,
      ])
    }
    const gqlWrong = await gql(customer.number!)
    expect(gqlWrong).toEqual([[expect.any(String), 401]])
    expect(await gql(unknownNumber)).toEqual(gqlWrong)
  })

  it('forgot password answers the same, does the same (queues the email) and leaves the account alone until a worker sends it', async () => {
    const staff = await createStaff(payload, 'finance')
    const { customer } = await createCustomer(payload, { email: `${unique('lupa').toLowerCase()}@uji.id` })
    const nobody = `${unique('tidak-ada')}@uji.id`
    const jobsFor = async (value: string) =>
      (
        await payload.find({
          collection: 'payload-jobs',
          where: {
            and: [
              { taskSlug: { equals: 'sendPasswordReset' } },
              {
                or: [
                  { 'input.email': { equals: value.toLowerCase() } },
                  { 'input.username': { equals: value.toLowerCase() } },
                ],
              },
            ],
          },
          overrideAccess: true,
        })
      ).docs

    const known = await api('/api/users/forgot-password', {
      method: 'POST',
      ip: newAddress(),
      body: { email: staff.email },
    })
    const unknown = await api('/api/users/forgot-password', {
      method: 'POST',
      ip: newAddress(),
      body: { email: nobody },
    })
    const knownCustomer = await api('/api/customers/Forgot-Password', {
      method: 'POST',
      ip: newAddress(),
      body: { username: customer.number },
    })
    expect(known.status).toBe(200)
    expect([unknown.status, unknown.json]).toEqual([known.status, known.json])
    expect([knownCustomer.status, knownCustomer.json]).toEqual([known.status, known.json])
    const gKnown = await graphql(`mutation { forgotPasswordUser(email: ${str(staff.email)}) }`)
    const gUnknown = await graphql(`mutation { forgotPasswordUser(email: ${str(`x${nobody}`)}) }`)
    expect(gKnown.json).toEqual({ data: { forgotPasswordUser: true } })
    expect(gUnknown.json).toEqual(gKnown.json)

    // Each request became a job, for the existing account and the unknown one alike; nothing was
    // written to the account yet.
    expect(await jobsFor(staff.email)).toHaveLength(2)
    expect(await jobsFor(nobody)).toHaveLength(1)
    expect(await jobsFor(customer.number!.toLowerCase())).toHaveLength(1)
    const tokenOf = async (id: number) =>
      (
        (await payload.findByID({ collection: 'users', id, overrideAccess: true, showHiddenFields: true })) as {
          resetPasswordToken?: string | null
        }
      ).resetPasswordToken ?? null
    expect(await tokenOf(staff.user.id)).toBeNull()

    // The worker makes the token and sends the email.
    await payload.jobs.runByID({ id: (await jobsFor(staff.email))[0]!.id, overrideAccess: true })
    await payload.jobs.runByID({ id: (await jobsFor(nobody))[0]!.id, overrideAccess: true })
    expect(await tokenOf(staff.user.id)).toMatch(/^[0-9a-f]{40}$/)
  })
})

// ───────────────────────── guessing: slowed down, never locked ─────────────────────────

describe('guessing is slowed down per attempt, and nobody can lock an account', () => {
  it('after wrong guesses from one address the guesser waits, and the customer still signs in from elsewhere', async () => {
    const { customer } = await createCustomer(payload)
    const attacker = newAddress()
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await portalLogin(customer.number!, `tebakan-${i}`, attacker)).status)
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)])
    // While it waits, the guesser's next attempt is refused before any password is checked, the right one too.
    const refused = await portalLogin(customer.number!, TEST_PASSWORD, attacker)
    expect(refused.status).toBe(429)
    expect(refused.json.errors[0].message).toMatch(/Terlalu banyak percobaan. Coba lagi dalam 1 menit/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.json.token).toBeUndefined()

    const customerElsewhere = await portalLogin(customer.number!, TEST_PASSWORD)
    expect(customerElsewhere.status).toBe(200)
    // Only counted attempts count: 5 guesses, not 13.
    expect((await throttleRow(`account:customers:${customer.number!.toLowerCase()}`))?.failures).toBe(5)
  })

  it('counts every attempt whatever the path spelling: past the limit each of them is refused', async () => {
    const { customer } = await createCustomer(payload)
    const ip = newAddress()
    const guess = (password: string) => [
      api('/api/customers/login', { method: 'POST', ip, body: { username: customer.number, password } }),
      api('/api/customers/LOGIN', { method: 'POST', ip, body: { username: customer.number, password } }),
      api('/api/customers/Portal-Login/', { method: 'POST', ip, body: { login: customer.number, password } }),
      api('/api/customers/PORTAL-LOGIN', { method: 'POST', ip, body: { login: customer.phone, password } }),
      graphql(
        `mutation { x: loginCustomer(email: "", username: ${str(customer.number!)}, password: ${str(password)}) { token } }`,
        { ip },
      ),
    ]
    const wrong = []
    for (const request of guess('salah')) wrong.push(await request)
    expect(wrong.map((r) => r.json?.errors?.[0]?.extensions?.statusCode ?? r.status)).toEqual([401, 401, 401, 401, 401])

    const right = await Promise.all(guess(TEST_PASSWORD))
    expect(right.map((r) => r.json?.errors?.[0]?.extensions?.statusCode ?? r.status)).toEqual([429, 429, 429, 429, 429])
    for (const res of right) expect(res.text).not.toMatch(/"token":"ey/)
  })

  it('counts each GraphQL alias as an attempt: 20 guesses in one request get 5 checked', async () => {
    const { customer } = await createCustomer(payload)
    const aliases = Array.from({ length: 20 }, (_, i) => {
      const password = i === 19 ? TEST_PASSWORD : `tebakan-${i}`
      return `a${i}: loginCustomer(email: "", username: ${str(customer.number!)}, password: ${str(password)}) { token }`
    })
    const res = await graphql(`mutation { ${aliases.join(' ')} }`)
    expect(res.status).toBe(200)
    const byAlias = Object.fromEntries(
      (res.json.errors as { path: string[]; extensions: { statusCode: number } }[]).map((e) => [
        e.path[0],
        e.extensions.statusCode,
      ]),
    )
    expect(Object.keys(byAlias)).toHaveLength(20)
    for (let i = 0; i < 20; i++) expect(byAlias[`a${i}`], `a${i}`).toBe(i < 5 ? 401 : 429)
    expect(res.text).not.toMatch(/"token":"ey/)
  })

  it('refuses a request with more aliases than allowed before checking any of them', async () => {
    const { customer } = await createCustomer(payload)
    const aliases = Array.from(
      { length: 21 },
      (_, i) =>
        `a${i}: loginCustomer(email: "", username: ${str(customer.number!)}, password: "tebakan-${i}") { token }`,
    )
    const res = await graphql(`mutation { ${aliases.join(' ')} }`)
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toMatch(/Terlalu banyak field dalam satu permintaan GraphQL \(21, maks\. 20/)
    expect(res.json.data).toBeUndefined()
    // None of the 21 guesses was counted: the account's first wrong guess and its right password still pass.
    expect(await throttleRow(`account:customers:${customer.number!.toLowerCase()}`)).toBeUndefined()
    const right = await graphql(
      `mutation { loginCustomer(email: "", username: ${str(customer.number!)}, password: ${str(TEST_PASSWORD)}) { token } }`,
    )
    expect(right.json.data.loginCustomer.token).toMatch(/^ey/)
  })

  it('many addresses together make new addresses wait, not an address the customer signed in from; an unknown account is held alike', async () => {
    const { customer } = await createCustomer(payload)
    const home = newAddress()
    expect((await portalLogin(customer.number!, TEST_PASSWORD, home)).status).toBe(200)
    const unknownNumber = `CUS1998${String(Date.now()).slice(-7)}`

    // 20 addresses, one wrong guess each (together: the account's shared limit), at once.
    for (const target of [customer.number!, unknownNumber]) {
      const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => portalLogin(target, `tebakan-${i}`)))
      expect(guesses.map((g) => g.status)).toEqual(Array(20).fill(401))
    }
    const newcomer = await portalLogin(customer.number!, TEST_PASSWORD)
    const newcomerUnknown = await portalLogin(unknownNumber, TEST_PASSWORD)
    expect(newcomer.status).toBe(429)
    expect([newcomerUnknown.status, newcomerUnknown.json]).toEqual([newcomer.status, newcomer.json])

    expect((await portalLogin(customer.number!, TEST_PASSWORD, home)).status).toBe(200)
  })

  it('waits grow with each attempt counted after them, and end by themselves', async () => {
    const { customer } = await createCustomer(payload)
    const ip = newAddress()
    const key = `account-address:customers:${customer.number!.toLowerCase()}@${slash56(ip)}`
    for (let i = 0; i < 5; i++) expect((await portalLogin(customer.number!, 'salah', ip)).status).toBe(401)
    const waitOf = async () => {
      const row = (await throttleRow(key))!
      return millis(row.wait_until)! - millis(row.last_failure_at)!
    }
    expect(await waitOf()).toBe(60_000)
    // Time passes (the wait is moved into the past): one more attempt is checked, and the next wait doubles.
    const passTime = () =>
      executeSqlOutsideTransaction(
        payload,
        sql`UPDATE auth_throttles SET wait_until = now() - interval '1 second' WHERE key = ${key}`,
      )
    await passTime()
    expect((await portalLogin(customer.number!, 'salah', ip)).status).toBe(401)
    expect(await waitOf()).toBe(120_000)
    expect((await portalLogin(customer.number!, 'salah', ip)).status).toBe(429)
    await passTime()
    expect((await portalLogin(customer.number!, 'salah', ip)).status).toBe(401)
    expect(await waitOf()).toBe(240_000)
    // The right password, once the wait is over, signs in and clears this address's count.
    await passTime()
    expect((await portalLogin(customer.number!, TEST_PASSWORD, ip)).status).toBe(200)
    expect(await throttleRow(key)).toBeUndefined()
  })

  it('counts a whole IPv6 /56, a subscriber network, as one address', async () => {
    const base = newAddress().replace(/::1$/, '')
    for (let i = 0; i < 20; i++) {
      const res = await api('/api/users/login', {
        method: 'POST',
        ip: `${base}:${i.toString(16)}:${(i + 1).toString(16)}:0:0:${(i + 7).toString(16)}`,
        body: { email: `${unique('tidak-ada')}@uji.id`, password: 'salah' },
      })
      expect(res.status).toBe(401)
    }
    const sameNetwork = await api('/api/customers/portal-login', {
      method: 'POST',
      ip: `${base}:ff::abcd`,
      body: { login: 'CUS1', password: 'salah' },
    })
    expect(sameNetwork.status).toBe(429)
    const nextNetwork = await api('/api/customers/portal-login', {
      method: 'POST',
      ip: `${base}:100::1`,
      body: { login: 'CUS1', password: 'salah' },
    })
    expect(nextNetwork.status).toBe(401)
  })

  it('customer service lifts the waits of a customer (unlock)', async () => {
    const { customer } = await createCustomer(payload)
    const cs = await createStaff(payload, 'customer_service')
    const csToken = await login('users', { email: cs.email, password: cs.password })
    const ip = newAddress()
    for (let i = 0; i < 5; i++) await portalLogin(customer.number!, 'salah', ip)
    expect((await portalLogin(customer.number!, TEST_PASSWORD, ip)).status).toBe(429)
    const unlock = await api('/api/customers/unlock', {
      method: 'POST',
      token: csToken,
      body: { username: customer.number },
    })
    expect(unlock.status, unlock.text).toBe(200)
    expect((await portalLogin(customer.number!, TEST_PASSWORD, ip)).status).toBe(200)
  })

  it('limits password-reset emails per account, whatever address asks', async () => {
    const staff = await createStaff(payload, 'content_editor')
    const statuses = []
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await api('/api/users/forgot-password', { method: 'POST', ip: newAddress(), body: { email: staff.email } }))
          .status,
      )
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    const g = await graphql(`mutation { forgotPasswordUser(email: ${str(staff.email)}) }`)
    expect(g.json.errors[0].extensions.statusCode).toBe(429)
  })

  it('counts reset-token guesses per attempt, across spellings and GraphQL aliases', async () => {
    const ip = newAddress()
    // At most 20 root fields a request: 20 guesses in one, then 5 more in another.
    const guesses = (from: number, n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `r${from + i}: resetPasswordUser(token: "${'0'.repeat(39)}${(from + i) % 10}", password: "sandi-baru-123") { token }`,
      ).join(' ')
    const codesOf = (res: { json: any }) =>
      (res.json.errors as { path: string[]; extensions: { statusCode: number } }[])
        .sort((a, b) => Number(a.path[0]!.slice(1)) - Number(b.path[0]!.slice(1)))
        .map((e) => e.extensions.statusCode)
    const res = await graphql(`mutation { ${guesses(0, 20)} }`, { ip })
    expect(codesOf(res)).toEqual(Array(20).fill(403))
    expect(res.json.errors.find((e: { path: string[] }) => e.path[0] === 'r0').message).toMatch(
      /^Tautan atur ulang kata sandi tidak berlaku/,
    )
    expect(codesOf(await graphql(`mutation { ${guesses(20, 5)} }`, { ip }))).toEqual(Array(5).fill(429))
    const rest = await api('/api/users/RESET-PASSWORD', {
      method: 'POST',
      ip,
      body: { token: 'f'.repeat(40), password: 'sandi-baru-123' },
    })
    expect(rest.status).toBe(429)
  })
})

// ───────────────────────── account creation and the throttle table ─────────────────────────

describe('account creation and the throttle records', () => {
  it('nobody registers a customer account themself', async () => {
    const name = unique('Pendaftar ')
    const res = await api('/api/customers/first-register', {
      method: 'POST',
      body: { name, phone: uniquePhone(), password: TEST_PASSWORD, status: 'active', creditBalance: 9_000_000 },
    })
    expect(res.status).toBe(403)
    expect(res.json.errors[0].message).toMatch(/Akun dibuat oleh staf/)
    const found = await payload.count({
      collection: 'customers',
      where: { name: { equals: name } },
      overrideAccess: true,
    })
    expect(found.totalDocs).toBe(0)
  })

  it('the throttle records are readable by admins only and writable by nobody', async () => {
    const { customer } = await createCustomer(payload)
    const customerToken = await login('customers', { username: customer.number!, password: TEST_PASSWORD })
    const admin = await createStaff(payload, 'admin')
    const adminToken = await login('users', { email: admin.email, password: admin.password })
    const cs = await createStaff(payload, 'customer_service')
    const csToken = await login('users', { email: cs.email, password: cs.password })
    expect((await api('/api/auth-throttles?limit=1', { token: adminToken })).status).toBe(200)
    for (const token of [customerToken, csToken, undefined]) {
      expect((await api('/api/auth-throttles?limit=1', { token })).status).toBe(403)
    }
    for (const token of [adminToken, customerToken, undefined]) {
      const res = await api('/api/auth-throttles', {
        method: 'POST',
        token,
        body: { key: 'address:1.2.3.4', failures: 0, expiresAt: new Date().toISOString() },
      })
      expect(res.status).toBe(403)
    }
  })
})

/** A reset token for an account, as the worker makes it after a forgot-password request. */
async function issueResetToken(collection: 'users' | 'customers', data: { email?: string; username?: string }) {
  const res = await api(`/api/${collection}/forgot-password`, { method: 'POST', ip: newAddress(), body: data })
  expect(res.status, res.text).toBe(200)
  const value = (data.username ?? data.email)!.toLowerCase()
  const jobs = await payload.find({
    collection: 'payload-jobs',
    where: {
      and: [
        { taskSlug: { equals: 'sendPasswordReset' } },
        { or: [{ 'input.email': { equals: value } }, { 'input.username': { equals: value } }] },
      ],
    },
    sort: '-createdAt',
    overrideAccess: true,
  })
  await payload.jobs.runByID({ id: jobs.docs[0]!.id, overrideAccess: true })
  const account = await payload.find({
    collection,
    where: data.username ? { username: { equals: value } } : { email: { equals: value } },
    overrideAccess: true,
    showHiddenFields: true,
  })
  return (account.docs[0] as { resetPasswordToken: string }).resetPasswordToken
}
