/**
 * PRTG polling against the fake PRTG (a real HTTP server speaking PRTG's API v1 `table.json`, which
 * checks the API token): a device with a down sensor becomes one down event for its node (the
 * correlator opens an incident on it), polling again stores nothing new, the sensor back up is one
 * up event, and a wrong token stores nothing.
 */
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakePrtg, type FakePrtg } from '../../src/fakes/prtg'
import { correlateOutages } from '../../src/plugins/monitoring/operations/correlate'
import { oleDate, pollPrtg } from '../../src/plugins/monitoring/operations/pollPrtg'
import { testPayload, unique } from '../helpers/payload'

const TOKEN = 'prtg-api-token-0123456789abcdef'
let payload: Payload
let prtg: FakePrtg
let node: { id: number; name: string }

const exec = (query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle.execute(query)
const eventsOf = async () =>
  (
    await exec(
      sql`SELECT state, cause FROM network_events WHERE source = 'prtg' AND lower(subject) = lower(${node.name}) ORDER BY id`,
    )
  ).rows
const nodeState = async () =>
  (await exec(sql`SELECT down FROM network_nodes WHERE id = ${node.id}`)).rows[0].down as boolean
const incidents = async () =>
  (await exec(sql`SELECT status, source FROM network_incidents WHERE node_id = ${node.id} ORDER BY id`)).rows

beforeAll(async () => {
  payload = await testPayload()
  prtg = await startFakePrtg({ token: TOKEN })
  process.env.MONITORING_PRTG_TOKEN = TOKEN
  const doc = await payload.create({
    collection: 'network-nodes',
    data: { name: unique('OLT-PRTG-'), kind: 'olt' },
    overrideAccess: true,
  })
  node = { id: doc.id, name: doc.name }
  await payload.updateGlobal({
    slug: 'monitoring-settings',
    data: { prtg: { enabled: true, url: prtg.url } },
    overrideAccess: true,
  })
})

afterAll(async () => {
  await payload.updateGlobal({ slug: 'monitoring-settings', data: { prtg: { enabled: false } }, overrideAccess: true })
  delete process.env.MONITORING_PRTG_TOKEN
  await prtg.close()
})

describe('PRTG polling', () => {
  it('reads PRTG dates (OLE automation days)', () => {
    expect(oleDate(45993.5)?.toISOString()).toBe('2025-12-02T12:00:00.000Z')
    expect(oleDate('')).toBeNull()
  })

  it('a down sensor is one down event and an incident on the device; again, nothing new; back up, one up event', async () => {
    const downAt = new Date(Date.now() - 3 * 60_000)
    prtg.sensors.push(
      { objid: 2001, device: node.name, sensor: 'Ping', status: 5, message: 'Request timed out', lastDown: downAt },
      { objid: 2002, device: node.name, sensor: 'SNMP Traffic', status: 5, message: 'No response', lastDown: downAt },
      { objid: 2003, device: unique('OTHER-'), sensor: 'Ping', status: 3 },
    )
    const first = await pollPrtg({ payload })
    expect(first).toMatchObject({ polled: true, down: 1, stored: 1 })
    // Asked for down sensors only, with the token.
    const asked = prtg.requests.at(-1)!
    expect(asked.get('content')).toBe('sensors')
    expect(asked.get('filter_status')).toBe('5')
    expect(asked.get('apitoken')).toBe(TOKEN)
    expect(await eventsOf()).toEqual([{ state: 'down', cause: 'PRTG: Ping Down — Request timed out' }])

    expect((await pollPrtg({ payload })).stored).toBe(0)
    await correlateOutages({ payload })
    expect(await nodeState()).toBe(true)
    expect(await incidents()).toEqual([{ status: 'open', source: 'device' }])

    for (const s of prtg.sensors) s.status = 3
    expect(await pollPrtg({ payload })).toMatchObject({ polled: true, down: 0, stored: 1 })
    expect((await pollPrtg({ payload })).stored).toBe(0)
    expect((await eventsOf()).map((e) => e.state)).toEqual(['down', 'up'])
    await correlateOutages({ payload })
    expect(await nodeState()).toBe(false)
  })

  it('a wrong API token: PRTG refuses (401), the poll says so and stores nothing', async () => {
    process.env.MONITORING_PRTG_TOKEN = 'wrong-token-0000000000000000'
    prtg.sensors.push({ objid: 2101, device: node.name, sensor: 'Ping', status: 5, lastDown: new Date() })
    try {
      const result = await pollPrtg({ payload })
      expect(result).toMatchObject({ polled: false, stored: 0, error: 'PRTG menjawab 401' })
      expect(await eventsOf()).toHaveLength(2)
    } finally {
      process.env.MONITORING_PRTG_TOKEN = TOKEN
    }
  })
})
