import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { type FakeRouterOS, startFakeRouterOS } from '../../src/fakes/routeros'
import {
  type EnforcementTarget,
  InvalidEnforcementTargetError,
  RouterAuthError,
  RouterRequestError,
  RouterTargetNotFoundError,
  RouterUnavailableError,
} from '../../src/plugins/billing/network/enforcer'
import {
  createMikrotikEnforcer,
  type MikrotikEnforcer,
  type MikrotikEnforcerOptions,
} from '../../src/plugins/billing/network/mikrotik'
import { freePort } from '../helpers/net'

const USER = 'billing-api'
const PASSWORD = 'R0uter-Pass!'

let router: FakeRouterOS
const enforcers: MikrotikEnforcer[] = []

function enforcer(overrides: Partial<MikrotikEnforcerOptions> = {}): MikrotikEnforcer {
  const created = createMikrotikEnforcer({ baseUrl: router.url, username: USER, password: PASSWORD, ...overrides })
  enforcers.push(created)
  return created
}

const pppoe = (pppoeUsername: string, customerNumber = 'PLG-0001'): EnforcementTarget => ({
  customerNumber,
  method: 'pppoe',
  pppoeUsername,
})
const byIp = (ipAddress: string, customerNumber = 'PLG-0002'): EnforcementTarget => ({
  customerNumber,
  method: 'address-list',
  ipAddress,
})
const secret = (name: string) => router.state.secrets.find((s) => s.name === name)!
const sessionsOf = (name: string) => router.state.active.filter((s) => s.name === name)
const writes = () => router.requests.filter((r) => r.method !== 'GET')

/** Why a call failed, for assertions on the error's class and fields. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the call to fail')
}

beforeEach(async () => {
  router = await startFakeRouterOS({ username: USER, password: PASSWORD })
  router.addProfile('isolir')
})

afterEach(async () => {
  await Promise.all(enforcers.splice(0).map((e) => e.close()))
  await router.close()
})

describe('PPPoE isolir', () => {
  it('suspend moves the secret to the isolir profile and drops only that customer’s session', async () => {
    router.addSecret('budi', '10mbps', { comment: 'Budi, Jl. Mawar 3' })
    router.addSecret('sari', '20mbps')
    const budiSession = router.connect('budi')
    router.connect('sari')

    const result = await enforcer().suspend(pppoe('budi'))

    expect(result.changed).toBe(true)
    expect(result.detail).toContain('10mbps -> isolir')
    expect(secret('budi').profile).toBe('isolir')
    expect(secret('budi').comment).toBe('Budi, Jl. Mawar 3 [isolir prev=10mbps]')
    expect(sessionsOf('budi')).toEqual([])
    expect(sessionsOf('sari')).toHaveLength(1)
    expect(secret('sari').profile).toBe('20mbps')
    expect(router.requests.some((r) => r.method === 'DELETE' && r.path === `/rest/ppp/active/${budiSession}`)).toBe(
      true,
    )

    // The customer's router redials and now lands on the isolir profile.
    const redial = router.connect('budi')
    expect(router.state.sessionProfiles.get(redial)).toBe('isolir')
  })

  it('a second suspend changes nothing and writes nothing', async () => {
    router.addSecret('budi', '10mbps')
    router.connect('budi')
    const e = enforcer()
    await e.suspend(pppoe('budi'))
    const redial = router.connect('budi')
    const writesBefore = writes().length

    const again = await e.suspend(pppoe('budi'))

    expect(again.changed).toBe(false)
    expect(writes().length).toBe(writesBefore)
    expect(sessionsOf('budi').map((s) => s['.id'])).toEqual([redial])
  })

  it('restore gives back the remembered profile, the original comment, and a fresh session', async () => {
    router.addSecret('budi', '10mbps', { comment: 'Budi, Jl. Mawar 3' })
    const e = enforcer()
    await e.suspend(pppoe('budi'))
    router.connect('budi')

    const restored = await e.restore(pppoe('budi'))

    expect(restored.changed).toBe(true)
    expect(restored.detail).toContain('isolir -> 10mbps')
    expect(secret('budi').profile).toBe('10mbps')
    expect(secret('budi').comment).toBe('Budi, Jl. Mawar 3')
    expect(sessionsOf('budi')).toEqual([])
    expect(router.state.sessionProfiles.get(router.connect('budi'))).toBe('10mbps')

    const again = await e.restore(pppoe('budi'))
    expect(again.changed).toBe(false)
  })

  it('restore without a remembered profile uses restoreProfile, then activeProfile, then default', async () => {
    router.addProfile('paket-30')
    router.addSecret('a', 'isolir')
    router.addSecret('b', 'isolir')
    router.addSecret('c', 'isolir', { comment: 'tanpa catatan' })

    await enforcer({ activeProfile: 'paket-30' }).restore({ ...pppoe('a'), restoreProfile: 'default-encryption' })
    await enforcer({ activeProfile: 'paket-30' }).restore(pppoe('b'))
    await enforcer().restore(pppoe('c'))

    expect([secret('a').profile, secret('b').profile, secret('c').profile]).toEqual([
      'default-encryption',
      'paket-30',
      'default',
    ])
    expect(secret('a').comment).toBeUndefined()
    expect(secret('c').comment).toBe('tanpa catatan')
  })

  it('a suspend cut off before the session drop is finished by the retry', async () => {
    router.addSecret('budi', '10mbps')
    router.connect('budi')
    const e = enforcer()
    router.failNext(1, 'reset', { method: 'GET', path: '/rest/ppp/active' })

    const first = await failure(e.suspend(pppoe('budi')))
    expect(first).toBeInstanceOf(RouterUnavailableError)
    expect(secret('budi').profile).toBe('isolir')
    expect(sessionsOf('budi')).toHaveLength(1)
    expect((await e.inspect(pppoe('budi'))).detail).toContain('session drop pending')

    const retry = await e.suspend(pppoe('budi'))
    expect(retry.changed).toBe(true)
    expect(sessionsOf('budi')).toEqual([])
    expect(secret('budi').comment).toBe('[isolir prev=10mbps]')
    expect((await e.suspend(pppoe('budi'))).changed).toBe(false)
  })

  it('a restore whose session drop failed is finished by the retry', async () => {
    router.addSecret('budi', '10mbps')
    const e = enforcer()
    await e.suspend(pppoe('budi'))
    router.connect('budi')
    router.failNext(1, 500, { method: 'DELETE', path: '/rest/ppp/active' })

    expect(await failure(e.restore(pppoe('budi')))).toBeInstanceOf(RouterUnavailableError)
    expect(secret('budi').profile).toBe('10mbps')
    expect(sessionsOf('budi')).toHaveLength(1)

    const retry = await e.restore(pppoe('budi'))
    expect(retry.changed).toBe(true)
    expect(sessionsOf('budi')).toEqual([])
    expect(secret('budi').comment).toBeUndefined()
  })

  it('a session drop whose answer was lost is finished by the retry', async () => {
    router.addSecret('budi', '10mbps')
    const id = router.connect('budi')
    router.failNext(1, 500, { method: 'DELETE', path: `/rest/ppp/active/${id}`, afterApply: true })
    const e = enforcer()
    expect(await failure(e.suspend(pppoe('budi')))).toBeInstanceOf(RouterUnavailableError)
    expect(sessionsOf('budi')).toEqual([])

    expect((await e.suspend(pppoe('budi'))).changed).toBe(true)
    expect(secret('budi').comment).toBe('[isolir prev=10mbps]')
  })

  it('a session that ends on its own between listing and dropping is not an error', async () => {
    router.addSecret('budi', '10mbps')
    const id = router.connect('budi')
    router.onRequest = (request) => {
      // The customer's modem hangs up just before the router gets the drop.
      if (request.method === 'DELETE')
        router.state.active.splice(
          router.state.active.findIndex((s) => s['.id'] === id),
          1,
        )
    }

    const result = await enforcer().suspend(pppoe('budi'))

    expect(result).toEqual({ changed: true, detail: 'profile 10mbps -> isolir, 0 sessions dropped' })
    expect(router.requests.find((r) => r.method === 'DELETE')?.status).toBe(404)
    expect(secret('budi').comment).toBe('[isolir prev=10mbps]')
  })

  it('an unknown PPPoE username raises RouterTargetNotFoundError and writes nothing', async () => {
    router.addSecret('budi', '10mbps')
    const e = enforcer()
    for (const call of [e.suspend(pppoe('budy')), e.restore(pppoe('budy')), e.inspect(pppoe('budy'))]) {
      const error = await failure(call)
      expect(error).toBeInstanceOf(RouterTargetNotFoundError)
      expect(error.message).toContain('budy')
    }
    expect(writes()).toEqual([])
  })

  it('an isolir profile missing on the router is a RouterRequestError with the router’s words', async () => {
    router.addSecret('budi', '10mbps')
    const error = await failure(enforcer({ isolirProfile: 'isolir-typo' }).suspend(pppoe('budi')))
    expect(error).toBeInstanceOf(RouterRequestError)
    expect(error).not.toBeInstanceOf(RouterUnavailableError)
    expect((error as RouterRequestError).status).toBe(400)
    expect(error.message).toContain('input does not match any value of profile')
    expect(secret('budi').profile).toBe('10mbps')
  })

  it('a target without its key is refused before any request', async () => {
    const error = await failure(enforcer().suspend({ customerNumber: 'PLG-9', method: 'pppoe' }))
    expect(error).toBeInstanceOf(InvalidEnforcementTargetError)
    expect(router.requests).toEqual([])
  })
})

describe('address-list isolir', () => {
  it('adds and removes the IP idempotently, commented with the customer number', async () => {
    const e = enforcer()

    const added = await e.suspend(byIp('10.20.0.15', 'PLG-0042'))
    expect(added.changed).toBe(true)
    expect(router.state.addressList).toMatchObject([
      { list: 'isolir', address: '10.20.0.15', comment: 'PLG-0042', disabled: 'false' },
    ])

    const again = await e.suspend(byIp('10.20.0.15/32', 'PLG-0042'))
    expect(again.changed).toBe(false)
    expect(router.state.addressList).toHaveLength(1)

    const removed = await e.restore(byIp('10.20.0.15'))
    expect(removed.changed).toBe(true)
    expect(router.state.addressList).toEqual([])

    expect((await e.restore(byIp('10.20.0.15'))).changed).toBe(false)
  })

  it('leaves other lists and other addresses alone', async () => {
    const e = enforcer({ addressList: 'blokir-tunggakan' })
    await e.suspend(byIp('10.20.0.15'))
    await e.suspend(byIp('10.20.0.16'))
    await enforcer().suspend(byIp('10.20.0.15'))

    await e.restore(byIp('10.20.0.15'))

    expect(router.state.addressList.map((x) => `${x.list}:${x.address}`).sort()).toEqual([
      'blokir-tunggakan:10.20.0.16',
      'isolir:10.20.0.15',
    ])
  })

  it('a lost answer to the add is harmless: the retry finds the entry', async () => {
    router.failNext(1, 'reset', { method: 'PUT', afterApply: true })
    const e = enforcer()
    expect(await failure(e.suspend(byIp('10.20.0.15')))).toBeInstanceOf(RouterUnavailableError)
    expect(router.state.addressList).toHaveLength(1)

    expect((await e.suspend(byIp('10.20.0.15'))).changed).toBe(false)
    expect(router.state.addressList).toHaveLength(1)
  })

  it('switches a disabled entry back on instead of calling it done', async () => {
    const e = enforcer()
    await e.suspend(byIp('10.20.0.15'))
    router.state.addressList[0]!.disabled = 'true'
    expect((await e.inspect(byIp('10.20.0.15'))).suspended).toBe(false)

    const result = await e.suspend(byIp('10.20.0.15'))

    expect(result.changed).toBe(true)
    expect(router.state.addressList[0]!.disabled).toBe('false')
    expect((await e.inspect(byIp('10.20.0.15'))).suspended).toBe(true)
  })

  it('an invalid IP is a RouterRequestError naming the router’s complaint', async () => {
    const error = await failure(enforcer().suspend(byIp('10.20.0.300')))
    expect(error).toBeInstanceOf(RouterRequestError)
    expect((error as RouterRequestError).routerDetail).toBe('invalid value for argument address')
    expect(router.state.addressList).toEqual([])
  })
})

describe('router failures', () => {
  it('a wrong password is a RouterAuthError naming 401, not retryable', async () => {
    router.addSecret('budi', '10mbps')
    const error = await failure(enforcer({ password: 'salah' }).suspend(pppoe('budi')))
    expect(error).toBeInstanceOf(RouterAuthError)
    expect(error).toBeInstanceOf(RouterRequestError)
    expect((error as RouterAuthError).status).toBe(401)
    expect((error as RouterAuthError).retryable).toBe(false)
    expect(error.message).toContain('401')
    expect(error.message).toContain('Unauthorized')
    expect(router.requests.every((r) => r.status === 401 && r.user === USER)).toBe(true)
  })

  it('a 500 is RouterUnavailableError (retryable), and the next call succeeds', async () => {
    router.addSecret('budi', '10mbps')
    router.failNext(1, 500)
    const e = enforcer()
    const error = await failure(e.suspend(pppoe('budi')))
    expect(error).toBeInstanceOf(RouterUnavailableError)
    expect((error as RouterUnavailableError).status).toBe(500)
    expect((error as RouterUnavailableError).retryable).toBe(true)
    expect(secret('budi').profile).toBe('10mbps')

    expect((await e.suspend(pppoe('budi'))).changed).toBe(true)
  })

  it('a router that never answers is RouterUnavailableError after the timeout', async () => {
    router.failNext(1, 'timeout')
    const error = await failure(enforcer({ timeoutMs: 300 }).inspect(byIp('10.20.0.15')))
    expect(error).toBeInstanceOf(RouterUnavailableError)
    expect(error.message).toContain('did not answer within 300 ms')
  })

  it('a router that is not listening is RouterUnavailableError', async () => {
    const port = await freePort()
    const error = await failure(enforcer({ baseUrl: `http://127.0.0.1:${port}` }).inspect(pppoe('budi')))
    expect(error).toBeInstanceOf(RouterUnavailableError)
    expect(error.message).toContain('ECONNREFUSED')
  })
})

/** A self-signed certificate like the one a fresh router makes for www-ssl; undefined without openssl. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'routeros-tls-'))
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=router',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }
  } catch {
    return undefined
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

describe.skipIf(!selfSignedCertificate())('HTTPS with a self-signed certificate', () => {
  it('is refused by default and accepted with rejectUnauthorized: false', async () => {
    const secure = await startFakeRouterOS({ username: USER, password: PASSWORD, tls: selfSignedCertificate() })
    try {
      secure.addProfile('isolir')
      secure.addSecret('budi', '10mbps')
      expect(secure.url).toMatch(/^https:/)

      const strict = enforcer({ baseUrl: secure.url })
      const error = await failure(strict.suspend(pppoe('budi')))
      expect(error).toBeInstanceOf(RouterUnavailableError)
      expect(error.message).toMatch(/SELF_SIGNED|certificate/i)
      expect(secure.requests).toEqual([])

      const lenient = enforcer({ baseUrl: `${secure.url}/rest`, rejectUnauthorized: false })
      expect((await lenient.suspend(pppoe('budi'))).changed).toBe(true)
      expect(secure.state.secrets[0]!.profile).toBe('isolir')
    } finally {
      await Promise.all(enforcers.splice(0).map((e) => e.close()))
      await secure.close()
    }
  })
})

describe('inspect', () => {
  it('agrees with the router’s state for every customer', async () => {
    const e = enforcer()
    const names = ['u1', 'u2', 'u3', 'u4']
    names.forEach((name, i) => router.addSecret(name, i % 2 ? 'isolir' : `paket-${i}`))
    router.connect('u1')
    router.connect('u2')
    await e.suspend(pppoe('u3'))
    await e.suspend(byIp('10.20.0.1'))
    await e.suspend(byIp('10.20.0.2'))
    await e.restore(byIp('10.20.0.2'))

    for (const name of names) {
      const state = await e.inspect(pppoe(name))
      expect(state.suspended, name).toBe(secret(name).profile === 'isolir')
      expect(state.detail).toContain(`profile ${secret(name).profile}`)
      expect(state.detail).toContain(`${sessionsOf(name).length} active session`)
    }
    for (const ip of ['10.20.0.1', '10.20.0.2', '10.20.0.3']) {
      const listed = router.state.addressList.some((x) => x.list === 'isolir' && x.address === ip)
      expect((await e.inspect(byIp(ip))).suspended, ip).toBe(listed)
    }
  })

  it('reads without writing', async () => {
    router.addSecret('budi', 'isolir', { comment: 'x [isolir prev=10mbps]' })
    const state = await enforcer().inspect(pppoe('budi'))
    expect(state).toEqual({ suspended: true, detail: 'profile isolir, 0 active sessions, previous profile 10mbps' })
    expect(writes()).toEqual([])
  })
})

describe('the fake RouterOS itself', () => {
  const call = (method: string, path: string, body?: unknown, auth = `${USER}:${PASSWORD}`) =>
    fetch(`${router.url}${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: res.status === 204 ? undefined : await res.json() }))

  it('checks Basic auth', async () => {
    expect(await call('GET', '/rest/ppp/secret', undefined, `${USER}:wrong`)).toEqual({
      status: 401,
      body: { error: 401, message: 'Unauthorized' },
    })
    const bare = await fetch(`${router.url}/rest/ppp/secret`)
    expect(bare.status).toBe(401)
    expect(bare.headers.get('www-authenticate')).toMatch(/^Basic realm=/)
  })

  it('answers in strings with hex ids and filters by field', async () => {
    for (let i = 0; i < 27; i++) router.addSecret(`u${i}`, 'default')
    const res = await call('GET', '/rest/ppp/secret?name=u26')
    expect(res.body).toHaveLength(1)
    expect(res.body[0]['.id']).toBe('*1B')
    expect(Object.values(res.body[0]).every((v) => typeof v === 'string')).toBe(true)
    expect((await call('GET', '/rest/ppp/secret?name=nobody')).body).toEqual([])
  })

  it('refuses unknown parameters, unknown profiles and unknown ids the RouterOS way', async () => {
    const id = router.addSecret('budi', '10mbps')
    expect(await call('PATCH', `/rest/ppp/secret/${id}`, { speed: '1M' })).toEqual({
      status: 400,
      body: { error: 400, message: 'Bad Request', detail: 'unknown parameter speed' },
    })
    expect((await call('PATCH', `/rest/ppp/secret/${id}`, { profile: 'nope' })).body.detail).toBe(
      'input does not match any value of profile',
    )
    expect(secret('budi').profile).toBe('10mbps')
    expect(await call('PATCH', '/rest/ppp/secret/*99', { profile: 'isolir' })).toEqual({
      status: 404,
      body: { error: 404, message: 'Not Found' },
    })
    expect((await call('DELETE', '/rest/ppp/active/*5')).status).toBe(404)
    expect((await call('DELETE', `/rest/ppp/secret/${id}`)).status).toBe(400)
  })

  it('refuses a duplicate or malformed address-list entry', async () => {
    const add = (address: string) => call('PUT', '/rest/ip/firewall/address-list', { list: 'isolir', address })
    expect((await add('10.0.0.1')).status).toBe(201)
    expect(await add('10.0.0.1/32')).toEqual({
      status: 400,
      body: { error: 400, message: 'Bad Request', detail: 'failure: already have such entry' },
    })
    expect((await add('10.0.0.256')).body.detail).toBe('invalid value for argument address')
    expect((await call('PUT', '/rest/ip/firewall/address-list', { address: '10.0.0.9' })).status).toBe(400)
    expect(router.state.addressList).toHaveLength(1)
  })
})
