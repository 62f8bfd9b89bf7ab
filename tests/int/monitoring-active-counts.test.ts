/**
 * The active customers under each node, as the correlator reads them (`loadTopology`): kept by
 * triggers on `customers` rather than counted each pass, so they must stay right however the
 * customers change: through Payload or plain SQL, inserts, updates of status, ODP and router,
 * deletes, and after the counts are folded. Real PostgreSQL, real Payload.
 */
import type { Payload } from 'payload'
import pg from 'pg'
import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { correlateOutages } from '../../src/plugins/monitoring/operations/correlate'
import { ingestEvents } from '../../src/plugins/monitoring/operations/ingest'
import { foldActiveCustomerCounts, loadTopology, type Topology } from '../../src/plugins/monitoring/operations/topology'
import { createCustomer } from '../helpers/fixtures'
import { createNetworkNode, executeOn } from '../helpers/network'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
const MIN = 60_000

const exec = (query: ReturnType<typeof sql>) => executeOn(payload)(query)
const node = (kind: 'router' | 'olt' | 'pon' | 'odp', parent?: number, extra: Record<string, unknown> = {}) =>
  createNetworkNode(payload, kind, parent, extra)

/** Active customers under each node counted afresh from every customer, placed as the topology places them. */
async function countedAfresh(topology: Topology): Promise<Map<number, number>> {
  const { rows } = await exec(
    sql`SELECT odp, router_id, count(*)::int AS n FROM customers WHERE status = 'active' GROUP BY 1, 2`,
  )
  const under = new Map<number, number>()
  for (const r of rows)
    for (const n of topology.chain(topology.nodeOf(r.odp, r.router_id === null ? null : Number(r.router_id))))
      under.set(n.id, (under.get(n.id) ?? 0) + Number(r.n))
  return under
}

/** The counts the correlator reads agree with a fresh count, on every node. */
async function expectCountsRight() {
  const topology = await loadTopology(payload)
  const afresh = await countedAfresh(topology)
  expect(Object.fromEntries(topology.activeUnder)).toEqual(Object.fromEntries(afresh))
}

beforeAll(async () => {
  payload = await testPayload()
})

describe('active customers under each node', () => {
  it('stay right through Payload and SQL inserts, updates of status, ODP and router, deletes, and folds', async () => {
    const { rows: routers } = await exec(
      sql`INSERT INTO routers (name, base_url, username, password, updated_at, created_at)
          VALUES (${unique('RTR')}, 'http://127.0.0.1:9', 'api', 'x', now(), now()) RETURNING id`,
    )
    const routerId = Number(routers[0].id)
    const router = await node('router', undefined, { router: routerId })
    const olt = await node('olt', router.id)
    const pon = await node('pon', olt.id)
    const odpA = await node('odp', pon.id)
    const odpB = await node('odp', pon.id)
    const a = []
    for (let i = 0; i < 3; i++) a.push((await createCustomer(payload, { odp: odpA.name })).customer)
    const b = (await createCustomer(payload, { odp: odpB.name })).customer
    await createCustomer(payload, { odp: odpB.name, status: 'prospect' })
    await expectCountsRight()
    expect((await loadTopology(payload)).activeUnder.get(pon.id)).toBe(4)

    // SQL, one column at a time: status, the ODP (another, and the same in other letters), the router.
    await exec(sql`UPDATE customers SET status = 'suspended' WHERE id = ${a[0]!.id}`)
    await expectCountsRight()
    await exec(sql`UPDATE customers SET odp = ${odpB.name} WHERE id = ${a[1]!.id}`)
    await exec(sql`UPDATE customers SET odp = ${odpB.name.toLowerCase()} WHERE id = ${b.id}`)
    await expectCountsRight()
    await exec(sql`UPDATE customers SET odp = NULL, router_id = ${routerId} WHERE id = ${a[2]!.id}`)
    await expectCountsRight()
    expect((await loadTopology(payload)).activeUnder.get(odpA.id) ?? 0).toBe(0)
    // Updates that leave the three alone, or set them unchanged, change nothing.
    await exec(
      sql`UPDATE customers SET network_status_online = true, status = status WHERE id = ANY(${`{${a.map((c) => c.id).join(',')}}`}::int[])`,
    )
    await expectCountsRight()

    // A bulk insert in one statement, a delete, a whole ODP moved at once.
    const tag = unique('bulk').toLowerCase()
    await exec(
      sql`INSERT INTO customers (name, phone, number, username, status, billing_day, odp, pppoe_username, router_id, updated_at, created_at)
          SELECT 'Pelanggan ' || g, '62899' || lpad(g::text, 8, '0') || ${tag.slice(-2)}, ${tag} || '-' || g, ${tag} || '-' || g,
                 (CASE WHEN g % 4 = 0 THEN 'prospect' ELSE 'active' END)::enum_customers_status, 1, ${odpA.name}, ${tag} || '-' || g, ${routerId}, now(), now()
            FROM generate_series(1, 40) g`,
    )
    await expectCountsRight()
    expect((await loadTopology(payload)).activeUnder.get(odpA.id)).toBe(30)
    await exec(sql`DELETE FROM customers WHERE number IN (${`${tag}-1`}, ${`${tag}-4`})`)
    await expectCountsRight()
    await exec(sql`UPDATE customers SET odp = ${odpB.name} WHERE number LIKE ${`${tag}-%`} AND status = 'active'`)
    await expectCountsRight()

    // Folding changes no count and leaves no change behind; later changes count on top of it.
    await foldActiveCustomerCounts(payload)
    expect((await exec(sql`SELECT count(*)::int AS n FROM active_customer_count_changes`)).rows[0].n).toBe(0)
    await expectCountsRight()
    // Through Payload: a status change and a move.
    await payload.update({
      collection: 'customers',
      id: a[0]!.id,
      data: { status: 'active' } as never,
      overrideAccess: true,
    })
    await payload.update({ collection: 'customers', id: b.id, data: { odp: odpA.name } as never, overrideAccess: true })
    await expectCountsRight()
    await payload.update({
      collection: 'customers',
      id: a[1]!.id,
      data: { status: 'terminated' } as never,
      overrideAccess: true,
    })
    await expectCountsRight()
    await foldActiveCustomerCounts(payload)
    await expectCountsRight()
  })

  it('customers of one ODP changed in concurrent transactions neither wait on each other nor lose a count', async () => {
    const router = await node('router')
    const odp = await node('odp', router.id)
    const homes = []
    for (let i = 0; i < 2; i++) homes.push((await createCustomer(payload, { odp: odp.name })).customer)
    const url = process.env.DATABASE_URL
    const first = new pg.Client({ connectionString: url })
    const second = new pg.Client({ connectionString: url })
    await Promise.all([first.connect(), second.connect()])
    try {
      await first.query('BEGIN')
      await second.query('BEGIN')
      await first.query(`UPDATE customers SET status = 'suspended' WHERE id = $1`, [homes[0]!.id])
      // The second would wait here if the counts were a row per ODP updated by each change.
      await second.query(`SET LOCAL lock_timeout = '2s'`)
      await second.query(`UPDATE customers SET status = 'suspended' WHERE id = $1`, [homes[1]!.id])
      await second.query('COMMIT')
      await first.query('COMMIT')
    } finally {
      await Promise.all([first.end(), second.end()])
    }
    await expectCountsRight()
    expect((await loadTopology(payload)).activeUnder.get(odp.id) ?? 0).toBe(0)
  })

  it('a pass that opens an incident queues its staff alert and customer notices as Payload jobs', async () => {
    const router = await node('router')
    const odp = await node('odp', router.id)
    const homes = []
    for (let i = 0; i < 3; i++) {
      const username = unique('ppp').toLowerCase()
      homes.push({ ...(await createCustomer(payload, { odp: odp.name, pppoeUsername: username })).customer, username })
    }
    const start = Date.now() - 5 * MIN
    await ingestEvents(
      payload,
      homes.map((h, i) => {
        const at = new Date(start + i * 1000)
        return {
          source: 'generic' as const,
          key: `${h.username}:down:${at.toISOString()}`,
          subjectType: 'customer',
          subject: h.username,
          state: 'down',
          occurredAt: at,
        }
      }),
    )
    const before = Number((await exec(sql`SELECT coalesce(max(id), 0) AS id FROM payload_jobs`)).rows[0].id)
    const result = await correlateOutages({ payload })
    expect(result.incidentsOpened).toBe(1)
    const { rows: incidents } = await exec(sql`SELECT id FROM network_incidents WHERE node_id = ${odp.id}`)
    const jobs = await payload.find({
      collection: 'payload-jobs',
      where: { id: { greater_than: before } },
      sort: 'id',
      overrideAccess: true,
      depth: 0,
    })
    expect(jobs.docs.map((j) => j.taskSlug)).toEqual(['staffAlert', 'noticeIncidentCustomers'])
    expect(jobs.docs[0]!.input).toMatchObject({ key: `network-incident:${incidents[0].id}` })
    expect(jobs.docs[1]!.input).toEqual({ notice: [Number(incidents[0].id)], resolved: [] })
    expect(jobs.docs.every((j) => j.queue === 'default' && !j.processing && !j.completedAt)).toBe(true)
  })
})

describe("each outage's placement, as the correlator groups outages", () => {
  it('is filled on every insert and follows the customer when their ODP, router or status changes', async () => {
    const { rows: routers } = await exec(
      sql`INSERT INTO routers (name, base_url, username, password, updated_at, created_at)
          VALUES (${unique('RTR')}, 'http://127.0.0.1:9', 'api', 'x', now(), now()) RETURNING id`,
    )
    const routerId = Number(routers[0]!.id)
    const { customer } = await createCustomer(payload, { odp: 'ODP-Melati-01', router: routerId })
    const { customer: other } = await createCustomer(payload, { odp: 'ODP-Kenanga-02' })
    // Written in SQL, as applyEvents writes them: the placement comes from the customer.
    const { rows: inserted } = await exec(
      sql`INSERT INTO customer_outages (customer_id, started_at, ended_at, updated_at, created_at)
          VALUES (${customer.id}, now() - interval '5 minutes', NULL, now(), now()),
                 (${customer.id}, now() - interval '2 days', now() - interval '1 day', now(), now()),
                 (${other.id}, now() - interval '5 minutes', NULL, now(), now())
          RETURNING id`,
    )
    const ids = inserted.map((r) => Number(r.id))
    const placement = async () =>
      (
        await exec(
          sql`SELECT customer_id, odp, router_id, customer_active FROM customer_outages
               WHERE id = ANY(${`{${ids.join(',')}}`}::int[]) ORDER BY id`,
        )
      ).rows.map((r) => [
        Number(r.customer_id),
        r.odp,
        r.router_id === null ? null : Number(r.router_id),
        r.customer_active,
      ])
    expect(await placement()).toEqual([
      [customer.id, 'ODP-Melati-01', routerId, true],
      [customer.id, 'ODP-Melati-01', routerId, true],
      [other.id, 'ODP-Kenanga-02', null, true],
    ])

    // Moved through Payload, suspended in SQL: every outage of that customer follows, no other's.
    await payload.update({
      collection: 'customers',
      id: customer.id,
      data: { odp: 'ODP-Mawar-03' } as never,
      overrideAccess: true,
    })
    await exec(sql`UPDATE customers SET router_id = NULL, status = 'suspended' WHERE id = ${customer.id}`)
    expect(await placement()).toEqual([
      [customer.id, 'ODP-Mawar-03', null, false],
      [customer.id, 'ODP-Mawar-03', null, false],
      [other.id, 'ODP-Kenanga-02', null, true],
    ])
    // A change that moves nothing leaves the outages alone; back to active counts again.
    await exec(sql`UPDATE customers SET status = 'active', name = name || ' ' WHERE id = ${customer.id}`)
    expect((await placement()).map((p) => p[3])).toEqual([true, true, true])
  })
})
