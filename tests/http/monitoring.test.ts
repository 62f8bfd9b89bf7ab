/**
 * The monitoring push endpoints over the wire, against the production server: each source's
 * authentication (a forged token stores nothing), malformed bodies (a clear 400, never a 5xx),
 * replays (stored once) and events arriving out of order (the newer state wins). Also what a
 * portal customer, a technician and an anonymous caller read of the monitoring data over REST.
 */
import { createHmac } from 'node:crypto'

import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { correlateOutages } from '../../src/plugins/monitoring/operations/correlate'
import { createCustomer, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { TEST_MONITORING } from '../helpers/monitoring'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
const routerToken = `tok-${unique('R')}-abcdefghijklmnop`
let routerId: number
const exec = (query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle.execute(query)
const storedFor = async (subject: string) =>
  (
    await exec(
      sql`SELECT source, state, occurred_at FROM network_events WHERE subject = ${subject} ORDER BY occurred_at`,
    )
  ).rows
const post = (source: string, body: unknown, headers: Record<string, string> = {}) =>
  api(`/api/monitoring/events/${source}`, { method: 'POST', body, headers })
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', ...bearer(routerToken) }

beforeAll(async () => {
  payload = await testPayload()
  const router = await payload.create({
    collection: 'routers',
    data: {
      name: unique('Router-Mon-'),
      baseUrl: 'http://127.0.0.1:9',
      username: 'api',
      password: 'rahasia',
      monitoringToken: routerToken,
      monitoringPoll: false,
    } as never,
    overrideAccess: true,
  })
  routerId = router.id
})

describe('POST /api/monitoring/events/mikrotik', () => {
  it('stores a PPP on-down once, however often RouterOS retries it', async () => {
    const user = unique('ppp').toLowerCase()
    const body = form({ event: 'down', user, at: '2026-12-07 08:00:00', cause: 'peer-not-responding' })
    const first = await post('mikrotik', body, formHeaders)
    expect(first.status).toBe(202)
    expect(first.json).toMatchObject({ stored: 1, duplicates: 0 })
    const again = await post('mikrotik', body, formHeaders)
    expect(again.status).toBe(202)
    expect(again.json).toMatchObject({ stored: 0, duplicates: 1 })
    const rows = await storedFor(user)
    expect(rows).toHaveLength(1)
    // RouterOS prints WIB wall-clock time.
    expect(new Date(rows[0].occurred_at).toISOString()).toBe('2026-12-07T01:00:00.000Z')
  })

  it('refuses a forged or missing token with 401 and stores nothing', async () => {
    const user = unique('ppp').toLowerCase()
    for (const headers of [
      { 'content-type': 'application/x-www-form-urlencoded', ...bearer(`${routerToken}x`) },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${routerToken}` },
    ]) {
      const res = await post('mikrotik', form({ event: 'down', user }), headers)
      expect(res.status).toBe(401)
      expect(res.json.errors[0].message).toMatch(/tidak valid/)
    }
    expect(await storedFor(user)).toHaveLength(0)
  })

  it('a token replaced in the admin stops working at once, though the server remembered it', async () => {
    const oldToken = `tok-${unique('R')}-old-abcdefghijklmnop`
    const newToken = `tok-${unique('R')}-new-abcdefghijklmnop`
    const router = await payload.create({
      collection: 'routers',
      data: {
        name: unique('Router-Rotate-'),
        baseUrl: 'http://127.0.0.1:9',
        username: 'api',
        password: 'rahasia',
        monitoringToken: oldToken,
        monitoringPoll: false,
      } as never,
      overrideAccess: true,
    })
    const headersFor = (token: string) => ({ 'content-type': 'application/x-www-form-urlencoded', ...bearer(token) })
    const user = unique('ppp').toLowerCase()
    const first = await post('mikrotik', form({ event: 'down', user, at: '2026-12-07 08:00:00' }), headersFor(oldToken))
    expect(first.status).toBe(202)
    await payload.update({
      collection: 'routers',
      id: router.id,
      data: { monitoringToken: newToken } as never,
      overrideAccess: true,
    })
    const stale = await post('mikrotik', form({ event: 'up', user, at: '2026-12-07 08:05:00' }), headersFor(oldToken))
    expect(stale.status).toBe(401)
    expect(await storedFor(user)).toHaveLength(1)
    const rotated = await post('mikrotik', form({ event: 'up', user, at: '2026-12-07 08:05:00' }), headersFor(newToken))
    expect(rotated.status).toBe(202)
    expect(rotated.json).toMatchObject({ stored: 1 })
    expect(await storedFor(user)).toHaveLength(2)
  })

  it('answers malformed bodies with an Indonesian 400, and oversized ones with 413', async () => {
    const cases: [unknown, RegExp][] = [
      [form({ event: 'maybe', user: 'x' }), /Status kejadian/],
      [form({ event: 'down' }), /user.*host/],
      [form({ event: 'down', user: 'x', at: 'kemarin' }), /Waktu kejadian/],
      ['{"event":', /JSON/],
      ['[]', /event/],
    ]
    for (const [body, message] of cases) {
      const res = await post('mikrotik', body, formHeaders)
      expect(res.status, String(body)).toBe(400)
      expect(res.json.errors[0].message).toMatch(message)
    }
    const big = await post('mikrotik', form({ event: 'down', user: 'x', pad: 'a'.repeat(300 * 1024) }), formHeaders)
    expect(big.status).toBe(413)
  })

  it('out of order: an older "down" arriving after a newer "up" leaves the customer online', async () => {
    const user = unique('ppp').toLowerCase()
    const { customer } = await createCustomer(payload, { pppoeUsername: user, router: routerId })
    const now = Date.now()
    const wib = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
    expect((await post('mikrotik', form({ event: 'up', user, at: wib(now - 60_000) }), formHeaders)).status).toBe(202)
    await correlateOutages({ payload })
    expect((await post('mikrotik', form({ event: 'down', user, at: wib(now - 120_000) }), formHeaders)).status).toBe(
      202,
    )
    await correlateOutages({ payload })
    const stored = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true })
    expect(stored.networkStatus?.online).toBe(true)
    const outages = await exec(sql`SELECT count(*)::int AS n FROM customer_outages WHERE customer_id = ${customer.id}`)
    expect(outages.rows[0].n).toBe(0)
  })
  it('a storm of concurrent pushes: each event stored once, every call answered for itself', async () => {
    const user = unique('ppp').toLowerCase()
    const { customer } = await createCustomer(payload, { pppoeUsername: user, router: routerId })
    const others = Array.from({ length: 8 }, () => unique('ppp').toLowerCase())
    const now = Date.now()
    const wib = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
    const down = form({ event: 'down', user, at: wib(now - 120_000), cause: 'lost-carrier' })
    const up = form({ event: 'up', user, at: wib(now - 60_000) })
    // The newer "up" first, the older "down" after it, each sent several times, among others' events.
    const bodies = [
      ...Array.from({ length: 6 }, () => up),
      ...Array.from({ length: 6 }, () => down),
      ...others.map((other) => form({ event: 'down', user: other, at: wib(now - 90_000) })),
    ]
    const answers = await Promise.all(bodies.map((body) => post('mikrotik', body, formHeaders)))
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 202))
    const storedOf = (from: number, to: number) =>
      answers.slice(from, to).reduce((n, a) => n + (a.json.stored as number), 0)
    expect(storedOf(0, 6)).toBe(1)
    expect(storedOf(6, 12)).toBe(1)
    expect(answers.slice(12).every((a) => a.json.stored === 1)).toBe(true)
    expect(answers.every((a) => a.json.stored + a.json.duplicates === 1)).toBe(true)
    expect(await storedFor(user)).toHaveLength(2)
    for (const other of others) expect(await storedFor(other)).toHaveLength(1)
    const stored = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true })
    expect(stored.networkStatus?.online).toBe(true)
  })
})

describe('POST /api/monitoring/events/zabbix', () => {
  const problem = (host: string, eventId: string, status = 'PROBLEM') => ({
    event_id: eventId,
    host,
    trigger: 'ICMP ping gagal',
    severity: 'High',
    status,
    time: Math.floor(Date.now() / 1000),
  })

  it('stores PROBLEM and RESOLVED of one event once each', async () => {
    const host = unique('olt-').toLowerCase()
    const id = unique('9')
    for (const body of [problem(host, id), problem(host, id), problem(host, id, 'RESOLVED')]) {
      const res = await post('zabbix', body, bearer(TEST_MONITORING.zabbixToken))
      expect(res.status).toBe(202)
    }
    expect((await storedFor(host)).map((r) => r.state).sort()).toEqual(['down', 'up'])
  })

  it('401 without the token, 400 on a malformed body', async () => {
    const host = unique('olt-').toLowerCase()
    expect((await post('zabbix', problem(host, '1'), bearer('salah-token-123456789'))).status).toBe(401)
    expect(await storedFor(host)).toHaveLength(0)
    for (const body of [
      'not json',
      { host },
      { ...problem(host, '2'), status: 'MAYBE' },
      { ...problem(host, '3'), time: 'x' },
    ]) {
      const res = await post('zabbix', body, bearer(TEST_MONITORING.zabbixToken))
      expect(res.status).toBe(400)
      expect(typeof res.json.errors[0].message).toBe('string')
    }
  })
})

describe('POST /api/monitoring/events/alertmanager', () => {
  const webhook = (instance: string, status: 'firing' | 'resolved', startsAt: string) => ({
    version: '4',
    status,
    receiver: 'isp-ops',
    groupKey: '{}:{alertname="NodeDown"}',
    truncatedAlerts: 0,
    groupLabels: { alertname: 'NodeDown' },
    commonLabels: { alertname: 'NodeDown' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status,
        labels: { alertname: 'NodeDown', instance: `${instance}:9100` },
        annotations: { summary: 'Perangkat tidak menjawab' },
        startsAt,
        endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus/graph',
        fingerprint: `fp${instance}`,
      },
    ],
  })

  it('dedupes on fingerprint + startsAt; firing then resolved are two events', async () => {
    const instance = unique('odp-').toLowerCase()
    const startsAt = new Date(Date.now() - 120_000).toISOString()
    const token = bearer(TEST_MONITORING.alertmanagerToken)
    expect((await post('alertmanager', webhook(instance, 'firing', startsAt), token)).json).toMatchObject({ stored: 1 })
    expect((await post('alertmanager', webhook(instance, 'firing', startsAt), token)).json).toMatchObject({
      stored: 0,
      duplicates: 1,
    })
    expect((await post('alertmanager', webhook(instance, 'resolved', startsAt), token)).json).toMatchObject({
      stored: 1,
    })
    expect((await storedFor(instance)).map((r) => r.state)).toEqual(['down', 'up'])
  })

  it('401 without the token; 400 on another version or a broken alert', async () => {
    const instance = unique('odp-').toLowerCase()
    const body = webhook(instance, 'firing', new Date().toISOString())
    expect((await post('alertmanager', body)).status).toBe(401)
    const token = bearer(TEST_MONITORING.alertmanagerToken)
    expect((await post('alertmanager', { ...body, version: '3' }, token)).status).toBe(400)
    expect((await post('alertmanager', { ...body, alerts: [{ status: 'firing' }] }, token)).status).toBe(400)
    expect((await post('alertmanager', { ...body, alerts: 'x' }, token)).status).toBe(400)
    expect(await storedFor(instance)).toHaveLength(0)
  })
})

describe('POST /api/monitoring/events/generic (LibreNMS, PRTG)', () => {
  const sign = (raw: string, secret = TEST_MONITORING.webhookSecret) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`

  it('takes an HMAC-signed batch, once; a wrong signature stores nothing', async () => {
    const host = unique('pon-').toLowerCase()
    const raw = JSON.stringify({
      events: [
        { id: 'a1', host, state: 'down', at: new Date(Date.now() - 60_000).toISOString(), cause: 'LOS' },
        { id: 'a1', host, state: 'up', at: new Date().toISOString() },
      ],
    })
    expect((await post('generic', raw, { 'x-signature': sign(raw, 'salah') })).status).toBe(401)
    expect(await storedFor(host)).toHaveLength(0)
    const ok = await post('generic', raw, { 'x-signature': sign(raw) })
    expect(ok.status).toBe(202)
    expect(ok.json).toMatchObject({ stored: 2 })
    expect((await post('generic', raw, { 'x-signature': sign(raw) })).json).toMatchObject({ stored: 0, duplicates: 2 })
  })

  it('takes a bearer token (PRTG, LibreNMS API transport) and refuses nonsense with 400', async () => {
    const host = unique('sw-').toLowerCase()
    const token = bearer(TEST_MONITORING.genericToken)
    expect((await post('generic', { host, state: 'down', cause: 'PRTG: Ping Down' }, token)).status).toBe(202)
    for (const body of [{ state: 'down' }, { host, state: 'kinda' }, 42, 'x'])
      expect((await post('generic', body, token)).status).toBe(400)
    expect((await post('nagios', { host, state: 'down' }, token)).status).toBe(404)
  })
})

describe('monitoring data over REST', () => {
  it('a customer reads their own incident without the affected list; technician reads it; anonymous reads nothing', async () => {
    // Who an incident affects is derived: customers under its node with an outage since it began.
    const odp = await payload.create({
      collection: 'network-nodes',
      data: { name: unique('ODP-REST-'), kind: 'odp' },
      overrideAccess: true,
    })
    const a = await createCustomer(payload, { odp: odp.name })
    const b = await createCustomer(payload, { odp: odp.name })
    const { rows } = await exec(
      sql`INSERT INTO network_incidents (title, status, started_at, affected_count, customer_message, node_id)
          VALUES ('Gangguan ODP uji REST', 'open', now() - interval '5 minutes', 2, 'Sedang diperbaiki', ${odp.id}) RETURNING id`,
    )
    const incidentId = rows[0].id
    for (const c of [a.customer.id, b.customer.id])
      await exec(
        sql`INSERT INTO customer_outages (customer_id, started_at, source) VALUES (${c}, now() - interval '5 minutes', 'test')`,
      )
    const other = await createCustomer(payload)
    const tokenA = await login('customers', { username: a.customer.number!, password: TEST_PASSWORD })
    const tokenOther = await login('customers', { username: other.customer.number!, password: TEST_PASSWORD })
    const seen = await api(`/api/network-incidents?where[id][equals]=${incidentId}`, { token: tokenA })
    expect(seen.status).toBe(200)
    expect(seen.json.docs).toHaveLength(1)
    expect(seen.json.docs[0].customerMessage).toBe('Sedang diperbaiki')
    expect(seen.json.docs[0].affectedCustomers).toBeUndefined()
    const notTheirs = await api(`/api/network-incidents?where[id][equals]=${incidentId}`, { token: tokenOther })
    expect(notTheirs.json.docs).toHaveLength(0)
    const tech = await createStaff(payload, 'technician')
    const techToken = await login('users', { email: tech.email, password: tech.password })
    const staffView = await api(`/api/network-incidents/${incidentId}?depth=0`, { token: techToken })
    expect(staffView.status).toBe(200)
    expect(staffView.json.affectedCount).toBe(2)
    expect((await api(`/api/network-incidents?where[id][equals]=${incidentId}`)).status).toBe(403)
    expect((await api('/api/network-events')).status).toBe(403)
    expect((await api('/api/network-events', { token: tokenA })).status).toBe(403)
  })
})
