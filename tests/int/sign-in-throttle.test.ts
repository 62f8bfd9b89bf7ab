import crypto from 'node:crypto'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { countAttempt, type ThrottleRule } from '../../src/plugins/auth/operations/throttle'
import { createCustomer, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})

describe('sign-in throttle', () => {
  it('hashes a guess for an account that does not exist as it hashes a guess for one that does', async () => {
    const { customer } = await createCustomer(payload)
    const staff = await createStaff(payload, 'technician')
    const hashing = vi.spyOn(crypto, 'pbkdf2')
    const paramsOfOneLogin = async (collection: 'customers' | 'users', data: Record<string, string>) => {
      hashing.mockClear()
      await expect(
        payload.login({ collection, data: { ...data, password: 'salah-sandi' } as never, overrideAccess: false }),
      ).rejects.toMatchObject({ status: 401 })
      // Iterations, key length and digest of every PBKDF2 the sign-in ran.
      return hashing.mock.calls.map((call) => call.slice(2, 5))
    }
    try {
      const real = await paramsOfOneLogin('customers', { username: customer.number! })
      expect(real).toEqual([[600_000, 32, 'sha256']])
      expect(await paramsOfOneLogin('customers', { username: `${unique('CUS')}` })).toEqual(real)
      expect(await paramsOfOneLogin('users', { email: staff.email })).toEqual(real)
      expect(await paramsOfOneLogin('users', { email: `${unique('tidak-ada')}@uji.id` })).toEqual(real)
    } finally {
      hashing.mockRestore()
    }
  })

  it('counts concurrent attempts one by one: exactly the free ones get through', async () => {
    const rule: ThrottleRule = { free: 5, firstWaitMs: 60_000, maxWaitMs: 60_000, forgetAfterMs: 60_000 }
    const key = { key: unique('uji:'), rule }
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => countAttempt(payload, [key])))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5)
    for (const o of outcomes.filter((o) => o.status === 'rejected'))
      expect((o as PromiseRejectedResult).reason).toMatchObject({ status: 429 })
  })

  it('an attempt refused by one key is counted on none', async () => {
    const tight: ThrottleRule = { free: 1, firstWaitMs: 60_000, maxWaitMs: 60_000, forgetAfterMs: 60_000 }
    const loose: ThrottleRule = { free: 100, firstWaitMs: 60_000, maxWaitMs: 60_000, forgetAfterMs: 60_000 }
    const shared = { key: unique('uji-bersama:'), rule: loose }
    const blocked = { key: unique('uji-ketat:'), rule: tight }
    await countAttempt(payload, [blocked, shared])
    for (let i = 0; i < 5; i++)
      await expect(countAttempt(payload, [blocked, shared])).rejects.toMatchObject({ status: 429 })
    const { rows } = await (payload.db as unknown as { pool: import('pg').Pool }).pool.query(
      'SELECT failures::int AS failures FROM auth_throttles WHERE key = $1',
      [shared.key],
    )
    expect(rows[0].failures).toBe(1)
  })

  it('signs in with the right password through the Local API as before', async () => {
    const { customer } = await createCustomer(payload)
    const result = await payload.login({
      collection: 'customers',
      data: { username: customer.number!, password: TEST_PASSWORD },
      overrideAccess: false,
    })
    expect(result.user?.id).toBe(customer.id)
    expect(result.user).not.toHaveProperty('notes')
  })
})

describe('a sign-in the database cut short', () => {
  it('is taken back from every key it was counted on; a wrong password is not', async () => {
    const { createLocalReq } = await import('payload')
    const { beginSignInAttempt, signInInterrupted } = await import('../../src/plugins/auth/operations/signIn')
    const { CLIENT_ADDRESS_HEADER } = await import('../../src/plugins/auth/operations/clientAddress')
    const { default: pg } = await import('pg')
    const { freePort } = await import('../helpers/net')
    const staff = await createStaff(payload, 'finance')
    const address = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
    const failures = async () =>
      (
        await (payload.db as unknown as { pool: import('pg').Pool }).pool.query<{ key: string; failures: string }>(
          `SELECT key, failures FROM auth_throttles WHERE key LIKE $1 OR key = $2 ORDER BY key`,
          [`%users:${staff.email}%`, `address:${address}`],
        )
      ).rows.map((r) => [r.key.split(':')[0], Number(r.failures)])
    const attempt = async () => {
      const req = await createLocalReq({}, payload)
      req.headers = new Headers({ [CLIENT_ADDRESS_HEADER]: address })
      await beginSignInAttempt({ req, collection: 'users', login: staff.email })
      return req
    }
    // A real lost connection: PostgreSQL's client refused at a port nobody listens on.
    const lost = await new pg.Client({ host: '127.0.0.1', port: await freePort(), user: 'x' }).connect().then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(lost).toBeTruthy()

    const cutShort = await attempt()
    expect((await failures()).every(([, n]) => n === 1)).toBe(true)
    signInInterrupted(cutShort, lost)
    await expect.poll(failures).toEqual((await failures()).map(([key]) => [key, 0]))

    const wrongPassword = await attempt()
    signInInterrupted(wrongPassword, new Error('Email atau kata sandi salah.'))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await failures()).every(([, n]) => n === 1)).toBe(true)
  })
})
