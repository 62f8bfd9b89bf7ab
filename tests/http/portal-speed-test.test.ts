/**
 * The portal's speed test over the wire, against the production server: random bytes streamed
 * with no caching, sizes capped both ways, transfers rate-limited per customer (not per address),
 * results saved as the customer's own with their package's promised speeds, and another customer's
 * results refused over REST and GraphQL; the portal page shows the package's speed and the results.
 *
 * Client addresses are 10.79.x.y, a range no other file uses.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { SPEED_TEST } from '../../src/plugins/portal/speedTestRules'
import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, gql, login } from '../helpers/http'
import { testPayload } from '../helpers/payload'

let payload: Payload
let ipCounter = 0
const newIp = () => `10.79.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`

async function customerToken(number: string): Promise<string> {
  const res = await api('/api/customers/portal-login', {
    method: 'POST',
    ip: newIp(),
    body: { login: number, password: TEST_PASSWORD },
  })
  if (res.status !== 200) throw new Error(`portal login ${res.status}: ${res.text}`)
  return res.json.token
}

/** A raw request (bytes in and out), as the page's fetch makes it. */
async function raw(path: string, token: string | undefined, init: RequestInit = {}) {
  const res = await fetch(`${inject('serverUrl')}${path}`, {
    ...init,
    headers: { 'x-forwarded-for': newIp(), ...(token ? { authorization: `JWT ${token}` } : {}), ...init.headers },
  })
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) }
}

const message = (body: Buffer) => JSON.parse(body.toString('utf8')).errors[0].message as string

let pkgId: number
beforeAll(async () => {
  payload = await testPayload()
  const pkg = await createPackage(payload)
  await payload.update({
    collection: 'packages',
    id: pkg.id,
    data: { downloadMbps: 30, uploadMbps: 15 },
    overrideAccess: true,
  })
  pkgId = pkg.id
})

describe('speed test transfers', () => {
  it('nobody signed in, and staff, get 401 on every transfer', async () => {
    const cs = await createStaff(payload, 'customer_service')
    const staffToken = await login('users', { email: cs.email, password: cs.password })
    for (const t of [undefined, staffToken]) {
      expect((await raw('/api/portal/speed-test/ping', t)).status).toBe(401)
      expect((await raw('/api/portal/speed-test/download?bytes=1000', t)).status).toBe(401)
      expect((await raw('/api/portal/speed-test/upload', t, { method: 'POST', body: 'abc' })).status).toBe(401)
    }
  })

  it('ping answers empty and uncached; download streams the asked bytes, random, uncached', async () => {
    const { customer } = await createCustomer(payload, { package: pkgId })
    const token = await customerToken(customer.number!)
    const ping = await raw('/api/portal/speed-test/ping', token)
    expect(ping.status).toBe(204)
    expect(ping.headers.get('cache-control')).toBe('no-store')

    const one = await raw('/api/portal/speed-test/download?bytes=200000', token)
    const two = await raw('/api/portal/speed-test/download?bytes=200000', token)
    expect(one.status).toBe(200)
    expect(one.headers.get('cache-control')).toBe('no-store')
    expect(one.headers.get('content-type')).toBe('application/octet-stream')
    expect(one.body.length).toBe(200_000)
    expect(two.body.length).toBe(200_000)
    expect(one.body.equals(two.body)).toBe(false)
    // Random bytes: every byte value turns up (a run of zeros or a repeated text would not).
    expect(new Set(one.body).size).toBe(256)

    const standard = await raw('/api/portal/speed-test/download', token)
    expect(standard.body.length).toBe(SPEED_TEST.downloadBytes)
  })

  it('sizes are capped: a download above the cap or nonsense is 400, an upload above the cap 413', async () => {
    const { customer } = await createCustomer(payload)
    const token = await customerToken(customer.number!)
    for (const bytes of [SPEED_TEST.maxDownloadBytes + 1, 0, -5, 'abc', 1.5]) {
      const res = await raw(`/api/portal/speed-test/download?bytes=${bytes}`, token)
      expect(res.status, String(bytes)).toBe(400)
      expect(message(res.body)).toBe('Ukuran unduhan harus 1 sampai 26214400 byte (25 MB).')
    }
    const big = await raw('/api/portal/speed-test/upload', token, {
      method: 'POST',
      body: Buffer.alloc(SPEED_TEST.maxUploadBytes + 1),
      headers: { 'content-type': 'application/octet-stream' },
    })
    expect(big.status).toBe(413)
    expect(message(big.body)).toBe('Unggahan uji maksimal 2 MB.')

    const ok = await raw('/api/portal/speed-test/upload', token, {
      method: 'POST',
      body: Buffer.alloc(1_000_000, 7),
      headers: { 'content-type': 'application/octet-stream' },
    })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('cache-control')).toBe('no-store')
    expect(JSON.parse(ok.body.toString())).toEqual({ bytes: 1_000_000 })
  })

  it('transfers are rate-limited per customer, from any address; another customer is not held', async () => {
    const a = await createCustomer(payload)
    const b = await createCustomer(payload)
    const tokenA = await customerToken(a.customer.number!)
    const tokenB = await customerToken(b.customer.number!)
    // Eight transfers (four tests) are free, each from a new address.
    for (let i = 0; i < 4; i++) {
      expect((await raw('/api/portal/speed-test/download?bytes=1000', tokenA)).status).toBe(200)
      expect((await raw('/api/portal/speed-test/upload', tokenA, { method: 'POST', body: 'x' })).status).toBe(200)
    }
    const ninth = await raw('/api/portal/speed-test/download?bytes=1000', tokenA)
    expect(ninth.status).toBe(429)
    expect(message(ninth.body)).toMatch(/^Terlalu banyak percobaan\. Coba lagi dalam 2 menit\./)
    expect((await raw('/api/portal/speed-test/upload', tokenA, { method: 'POST', body: 'x' })).status).toBe(429)
    expect((await raw('/api/portal/speed-test/download?bytes=1000', tokenB)).status).toBe(200)
  })
})

describe('speed test results', () => {
  let A: { id: number; token: string; result: number }
  let B: { id: number; token: string; result: number }

  beforeAll(async () => {
    const a = await createCustomer(payload, { package: pkgId })
    const b = await createCustomer(payload)
    A = { id: a.customer.id, token: await customerToken(a.customer.number!), result: 0 }
    B = { id: b.customer.id, token: await customerToken(b.customer.number!), result: 0 }
  })

  it("a result is saved as the customer's own, with the package's promised speeds, whatever the body says", async () => {
    const res = await api('/api/speed-tests', {
      method: 'POST',
      token: A.token,
      ip: newIp(),
      body: {
        latencyMs: 23,
        downloadMbps: 27.5,
        uploadMbps: 14.2,
        customer: B.id,
        promisedDownloadMbps: 1000,
        promisedUploadMbps: 1000,
      },
    })
    expect(res.status, res.text).toBe(201)
    A.result = res.json.doc.id
    const stored = await payload.findByID({ collection: 'speed-tests', id: A.result, depth: 0, overrideAccess: true })
    expect(stored).toMatchObject({
      customer: A.id,
      latencyMs: 23,
      downloadMbps: 27.5,
      uploadMbps: 14.2,
      promisedDownloadMbps: 30,
      promisedUploadMbps: 15,
    })
    const resB = await api('/api/speed-tests', {
      method: 'POST',
      token: B.token,
      ip: newIp(),
      body: { latencyMs: 40, downloadMbps: 5, uploadMbps: 2 },
    })
    expect(resB.status, resB.text).toBe(201)
    B.result = resB.json.doc.id
    expect(resB.json.doc.promisedDownloadMbps ?? null).toBeNull()
  })

  it('bad numbers are refused in Indonesian and nothing is saved', async () => {
    const before = await payload.count({ collection: 'speed-tests', where: { customer: { equals: A.id } } })
    for (const body of [
      { latencyMs: -1, downloadMbps: 5, uploadMbps: 2 },
      { latencyMs: 10, downloadMbps: 'cepat', uploadMbps: 2 },
      { latencyMs: 10, downloadMbps: 5, uploadMbps: 99_999 },
      { latencyMs: 10, downloadMbps: 5 },
    ]) {
      const res = await api('/api/speed-tests', { method: 'POST', token: A.token, ip: newIp(), body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.text).toMatch(/harus angka 0 sampai|Kecepatan unggah|wajib|required/i)
    }
    const after = await payload.count({ collection: 'speed-tests', where: { customer: { equals: A.id } } })
    expect(after.totalDocs).toBe(before.totalDocs)
  })

  it("another customer's results are refused over REST and GraphQL; nobody changes or deletes a result", async () => {
    const byId = await api(`/api/speed-tests/${A.result}`, { token: B.token })
    expect([403, 404]).toContain(byId.status)
    expect(byId.json?.id).toBeUndefined()
    const list = await api(`/api/speed-tests?where[customer][equals]=${A.id}`, { token: B.token })
    expect(list.status).toBe(200)
    expect(list.json.docs).toEqual([])
    const own = await api(`/api/speed-tests?where[id][in]=${A.result},${B.result}`, { token: B.token })
    expect(own.json.docs.map((d: { id: number }) => d.id)).toEqual([B.result])

    const one = await gql(`{ SpeedTest(id: ${A.result}) { id } }`, {}, B.token)
    expect(one.data?.SpeedTest ?? null).toBeNull()
    const all = await gql(
      `{ SpeedTests(where: { customer: { in: [${A.id}, ${B.id}] } }) { docs { id } } }`,
      {},
      B.token,
    )
    expect(all.errors, JSON.stringify(all.errors)).toBeUndefined()
    expect(all.data.SpeedTests.docs.map((d: { id: number }) => d.id)).toEqual([B.result])

    const patch = await api(`/api/speed-tests/${B.result}`, {
      method: 'PATCH',
      token: B.token,
      body: { downloadMbps: 999 },
    })
    expect(patch.status).toBe(403)
    const del = await api(`/api/speed-tests/${B.result}`, { method: 'DELETE', token: B.token })
    expect(del.status).toBe(403)
    const mutation = await gql(
      `mutation { updateSpeedTest(id: ${B.result}, data: { downloadMbps: 999 }) { id } }`,
      {},
      B.token,
    )
    expect(mutation.errors?.length ?? 0).toBeGreaterThan(0)
    const stored = await payload.findByID({ collection: 'speed-tests', id: B.result, overrideAccess: true })
    expect(stored.downloadMbps).toBe(5)
  })

  it("customer service reads the customer's results with the promised speed on the customer record", async () => {
    const cs = await createStaff(payload, 'customer_service')
    const t = await login('users', { email: cs.email, password: cs.password })
    const res = await api(`/api/customers/${A.id}?depth=0&joins[speedTests][limit]=5`, { token: t })
    expect(res.status, res.text).toBe(200)
    const docs = res.json.speedTests.docs as ({ id: number } | number)[]
    expect(docs.map((d) => (typeof d === 'number' ? d : d.id))).toEqual([A.result])
    const one = await api(`/api/speed-tests/${A.result}`, { token: t })
    expect(one.json).toMatchObject({ downloadMbps: 27.5, promisedDownloadMbps: 30, uploadMbps: 14.2 })
  })

  it("the portal page shows the package's promised speed and the customer's own results only", async () => {
    const res = await fetch(`${inject('serverUrl')}/portal/tes-kecepatan`, {
      redirect: 'manual',
      headers: { authorization: `JWT ${A.token}`, 'x-forwarded-for': newIp(), 'sec-fetch-site': 'same-origin' },
    })
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('Mulai tes kecepatan')
    expect(html).toMatch(/unduh <!-- -->30 Mbps|unduh 30 Mbps/)
    expect(html).toMatch(/Unduh <!-- -->27,5 Mbps|Unduh 27,5 Mbps/)
    expect(html).not.toMatch(/Unduh (<!-- -->)?5 Mbps/)
  })
})
