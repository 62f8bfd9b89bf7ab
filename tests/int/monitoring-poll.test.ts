/**
 * The RouterOS poller against the fake router (a real HTTP server speaking RouterOS v7 REST):
 * sessions appearing and disappearing become events, per-session byte counters become daily usage
 * (a wrapped counter and a restarted router counted right), a restart becomes one incident on the
 * router, and a router that stops answering is reported down.
 */
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakeRouterOS, type FakeRouterOS } from '../../src/fakes/routeros'
import { wibIsoDay } from '../../src/lib/wib'
import { correlateOutages } from '../../src/plugins/monitoring/operations/correlate'
import { counterDelta, pollRouter, routerOsSeconds } from '../../src/plugins/monitoring/operations/pollRouters'
import { createCustomer } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let router: FakeRouterOS
let routerId: number
let routerNodeId: number
const people: Record<'a' | 'b', { id: number; username: string }> = {} as never

const exec = (query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle.execute(query)
const usage = async (customerId: number) => {
  const { rows } = await exec(
    sql`SELECT rx_bytes, tx_bytes FROM usage_daily WHERE customer_id = ${customerId} AND day = ${wibIsoDay()}`,
  )
  return rows[0] ? { rx: Number(rows[0].rx_bytes), tx: Number(rows[0].tx_bytes) } : { rx: 0, tx: 0 }
}
const eventsOf = async (subject: string) =>
  (await exec(sql`SELECT state FROM network_events WHERE subject = ${subject} ORDER BY id`)).rows.map((r) => r.state)

beforeAll(async () => {
  payload = await testPayload()
  router = await startFakeRouterOS({ username: 'api', password: 'rahasia-router' })
  const doc = await payload.create({
    collection: 'routers',
    data: { name: unique('Router-Poll-'), baseUrl: router.url, username: 'api', password: 'rahasia-router' } as never,
    overrideAccess: true,
  })
  routerId = doc.id
  const node = await payload.create({
    collection: 'network-nodes',
    data: { name: unique('RTR-'), kind: 'router', router: routerId } as never,
    overrideAccess: true,
  })
  routerNodeId = node.id
  for (const key of ['a', 'b'] as const) {
    const username = unique(`poll${key}`).toLowerCase()
    const { customer } = await createCustomer(payload, { pppoeUsername: username, router: routerId })
    people[key] = { id: customer.id, username }
    router.addSecret(username)
    router.connect(username)
  }
})

afterAll(async () => {
  await router?.close()
})

describe('RouterOS poller', () => {
  it('reads RouterOS durations and counters the way the router prints them', () => {
    expect(routerOsSeconds('1w2d3h4m5s')).toBe(604800 + 2 * 86400 + 3 * 3600 + 245)
    expect(counterDelta(100, 250, true)).toBe(150)
    expect(counterDelta(2 ** 32 - 100, 50, true)).toBe(150)
    expect(counterDelta(500, 20, false)).toBe(20)
  })

  it('turns sessions into events and counters into usage, across a wrap, a drop and a restart', async () => {
    const first = await pollRouter({ payload, routerId })
    expect(first).toMatchObject({ reachable: true, sessions: 2, rebooted: false })
    expect(await eventsOf(people.a.username)).toEqual(['up'])
    expect(await usage(people.a.id)).toEqual({ rx: 0, tx: 0 })

    router.addTraffic(people.a.username, { download: 1_000_000, upload: 50_000 })
    router.setCounters(people.b.username, { rx: 0, tx: 2 ** 32 - 100 })
    await pollRouter({ payload, routerId })
    expect(await usage(people.a.id)).toEqual({ rx: 1_000_000, tx: 50_000 })
    const bBefore = await usage(people.b.id)

    // A 32-bit counter wraps between two polls: 100 bytes to the top, then 50 past zero.
    router.setCounters(people.b.username, { rx: 0, tx: 50 })
    // A poll that repeats changes nothing.
    await pollRouter({ payload, routerId })
    expect((await usage(people.b.id)).rx - bBefore.rx).toBe(150)
    await pollRouter({ payload, routerId })
    expect((await usage(people.b.id)).rx - bBefore.rx).toBe(150)

    router.dropSession(people.a.username)
    await pollRouter({ payload, routerId })
    expect(await eventsOf(people.a.username)).toEqual(['up', 'down'])
    await correlateOutages({ payload })
    const a = await payload.findByID({ collection: 'customers', id: people.a.id, overrideAccess: true })
    expect(a.networkStatus?.online).toBe(false)

    // The router restarts; b dials in again and downloads 500 bytes on the new session.
    router.reboot()
    router.connect(people.b.username)
    router.addTraffic(people.b.username, { download: 500 })
    const bBeforeReboot = await usage(people.b.id)
    const afterReboot = await pollRouter({ payload, routerId })
    expect(afterReboot.rebooted).toBe(true)
    expect((await usage(people.b.id)).rx - bBeforeReboot.rx).toBe(500)
    expect(await eventsOf(people.b.username)).toEqual(['up', 'down', 'up'])
    await correlateOutages({ payload })
    const { rows } = await exec(sql`SELECT status, source FROM network_incidents WHERE node_id = ${routerNodeId}`)
    expect(rows).toEqual([{ status: 'open', source: 'reboot' }])
  })

  it('a router that stops answering three times is reported down once', async () => {
    router.failNext(3, 500, { path: '/rest/system/resource' })
    for (let i = 0; i < 3; i++) expect((await pollRouter({ payload, routerId })).reachable).toBe(false)
    const { rows } = await exec(
      sql`SELECT state FROM network_events WHERE router_id = ${routerId} AND subject_type = 'node' AND event_key LIKE 'routeros-poll:unreachable:%'`,
    )
    expect(rows.map((r) => r.state)).toEqual(['down'])
    expect((await pollRouter({ payload, routerId })).reachable).toBe(true)
    const { rows: up } = await exec(
      sql`SELECT state FROM network_events WHERE router_id = ${routerId} AND event_key LIKE 'routeros-poll:reachable:%'`,
    )
    expect(up.map((r) => r.state)).toEqual(['up'])
  })
})
