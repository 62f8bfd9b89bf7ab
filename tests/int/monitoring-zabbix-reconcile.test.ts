/**
 * The Zabbix reconcile job against the fake Zabbix API (JSON-RPC, Bearer token): a problem the
 * webhook never delivered is stored as the webhook's down event (and the correlator opens an
 * incident on the device), a resolution it never delivered closes it, a problem the webhook did
 * deliver is not stored twice, and running it again changes nothing. A wrong token stores nothing.
 */
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakeZabbix, type FakeZabbix } from '../../src/fakes/zabbix'
import { correlateOutages } from '../../src/plugins/monitoring/operations/correlate'
import { ingestEvents } from '../../src/plugins/monitoring/operations/ingest'
import { reconcileZabbix } from '../../src/plugins/monitoring/operations/reconcileZabbix'
import { parseZabbix } from '../../src/plugins/monitoring/sources/parsers'
import { testPayload, unique } from '../helpers/payload'

const TOKEN = 'zabbix-api-token-0123456789abcdef'
let payload: Payload
let zabbix: FakeZabbix
let missed: { id: number; name: string }
let delivered: { id: number; name: string }
const eventBase = 900_000_000 + Math.floor(Math.random() * 1_000_000)

const exec = (query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle.execute(query)
const eventsOf = async (name: string) =>
  (
    await exec(
      sql`SELECT event_key, state FROM network_events WHERE source = 'zabbix' AND subject = ${name} ORDER BY id`,
    )
  ).rows.map((r) => `${r.event_key} ${r.state}`)
const incidentsOf = async (nodeId: number) =>
  (await exec(sql`SELECT status FROM network_incidents WHERE node_id = ${nodeId} ORDER BY id`)).rows.map(
    (r) => r.status,
  )

beforeAll(async () => {
  payload = await testPayload()
  zabbix = await startFakeZabbix({ token: TOKEN })
  process.env.MONITORING_ZABBIX_API_TOKEN = TOKEN
  const node = async (prefix: string) => {
    const doc = await payload.create({
      collection: 'network-nodes',
      data: { name: unique(prefix), kind: 'olt' },
      overrideAccess: true,
    })
    return { id: doc.id, name: doc.name }
  }
  missed = await node('OLT-ZBX-MISSED-')
  delivered = await node('OLT-ZBX-SENT-')
  await payload.updateGlobal({
    slug: 'monitoring-settings',
    data: { zabbix: { enabled: true, url: zabbix.apiUrl } },
    overrideAccess: true,
  })
})

afterAll(async () => {
  await payload.updateGlobal({
    slug: 'monitoring-settings',
    data: { zabbix: { enabled: false } },
    overrideAccess: true,
  })
  delete process.env.MONITORING_ZABBIX_API_TOKEN
  await zabbix.close()
})

describe('Zabbix reconcile (problem.get)', () => {
  it('a missed PROBLEM opens, a delivered one is not doubled, a missed RESOLVED closes; again, nothing', async () => {
    const at = new Date(Date.now() - 5 * 60_000)
    // The webhook delivered this one.
    await ingestEvents(
      payload,
      parseZabbix({
        event_id: String(eventBase + 2),
        host: delivered.name,
        trigger: 'Unavailable by ICMP ping',
        severity: 'High',
        status: 'PROBLEM',
        time: at.toISOString(),
      }),
    )
    zabbix.problems.push(
      {
        eventid: String(eventBase + 1),
        triggerid: '31001',
        host: missed.name,
        name: 'Unavailable by ICMP ping',
        severity: 4,
        clock: at,
      },
      {
        eventid: String(eventBase + 2),
        triggerid: '31002',
        host: delivered.name,
        name: 'Unavailable by ICMP ping',
        severity: 4,
        clock: at,
      },
    )
    const first = await reconcileZabbix({ payload })
    // (stored counts may include other files' unresolved problems in the shared database: the rows are checked instead)
    expect(first).toMatchObject({ reconciled: true, problems: 2 })
    expect(zabbix.calls.slice(-2)).toEqual(['problem.get', 'trigger.get'])
    expect(await eventsOf(missed.name)).toEqual([`zabbix:${eventBase + 1}:down down`])
    expect(await eventsOf(delivered.name)).toEqual([`zabbix:${eventBase + 2}:down down`])
    await correlateOutages({ payload })
    expect(await incidentsOf(missed.id)).toEqual(['open'])

    expect((await reconcileZabbix({ payload })).stored).toBe(0)

    // Both clear in Zabbix; the webhook's RESOLVED never arrives.
    zabbix.problems.length = 0
    expect(await reconcileZabbix({ payload })).toMatchObject({ reconciled: true, problems: 0, stored: 2 })
    expect(await eventsOf(missed.name)).toEqual([`zabbix:${eventBase + 1}:down down`, `zabbix:${eventBase + 1}:up up`])
    expect(await eventsOf(delivered.name)).toEqual([
      `zabbix:${eventBase + 2}:down down`,
      `zabbix:${eventBase + 2}:up up`,
    ])
    expect((await reconcileZabbix({ payload })).stored).toBe(0)
    await correlateOutages({ payload, now: new Date(Date.now() + 5 * 60_000) })
    expect(await incidentsOf(missed.id)).toEqual(['resolved'])
  })

  it('a wrong API token: Zabbix says "Not authorized.", nothing is stored', async () => {
    process.env.MONITORING_ZABBIX_API_TOKEN = 'wrong-token-000000000000000000'
    zabbix.problems.push({
      eventid: String(eventBase + 3),
      triggerid: '31003',
      host: missed.name,
      name: 'Unavailable by ICMP ping',
      severity: 4,
      clock: new Date(),
    })
    try {
      const result = await reconcileZabbix({ payload })
      expect(result.reconciled).toBe(false)
      expect(result.error).toMatch(/Not authorized/)
      expect(await eventsOf(missed.name)).toHaveLength(2)
    } finally {
      process.env.MONITORING_ZABBIX_API_TOKEN = TOKEN
      zabbix.problems.length = 0
    }
  })
})
