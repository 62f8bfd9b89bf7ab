/**
 * The outage correlator as the job runs it: events stored the way the push endpoints and the poller
 * store them, then judged by `correlateOutages` passes at chosen moments (`now`). Real PostgreSQL,
 * real Payload, real notification queue.
 */
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { inTransaction } from '../../src/db/transaction'
import { addDays, wibDayStart } from '../../src/plugins/billing/operations/calendar'
import { previewSuspensions, suspendOverdue } from '../../src/plugins/billing/operations/isolir/suspendOverdue'
import { correlateOutages } from '../../src/plugins/monitoring/operations/correlate'
import { ingestEvents } from '../../src/plugins/monitoring/operations/ingest'
import type { NetworkEventInput } from '../../src/plugins/monitoring/types'
import { createCustomer, createPackage } from '../helpers/fixtures'
import { createNetworkNode, executeOn } from '../helpers/network'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
const MIN = 60_000

const exec = (query: ReturnType<typeof sql>) => executeOn(payload)(query)
const node = (kind: 'router' | 'olt' | 'pon' | 'odp', parent?: number, extra: Record<string, unknown> = {}) =>
  createNetworkNode(payload, kind, parent, extra)

/** A small tree: router → OLT → PON → the ODPs asked for. */
async function tree(odps: number) {
  const router = await node('router')
  const olt = await node('olt', router.id)
  const pon = await node('pon', olt.id)
  const odp = []
  for (let i = 0; i < odps; i++) odp.push(await node('odp', pon.id))
  return { router, olt, pon, odp }
}

async function customersUnder(odpName: string, n: number) {
  const list = []
  for (let i = 0; i < n; i++) {
    const username = unique('ppp').toLowerCase()
    const { customer } = await createCustomer(payload, { odp: odpName, pppoeUsername: username })
    list.push({ id: customer.id, username })
  }
  return list
}

const event = (
  subject: string,
  state: NetworkEventInput['state'],
  at: Date,
  subjectType: NetworkEventInput['subjectType'] = 'customer',
): NetworkEventInput => ({
  source: 'generic',
  key: `${subject}:${state}:${at.toISOString()}`,
  subjectType,
  subject,
  state,
  occurredAt: at,
})

const ticketsOf = async (customerIds: number[]) =>
  (
    await exec(
      sql`SELECT id, status, description FROM tickets WHERE customer_id = ANY(${`{${customerIds.join(',')}}`}::int[]) ORDER BY id`,
    )
  ).rows
const incidentsAt = async (nodeIds: number[]) =>
  (
    await exec(
      sql`SELECT id, status, node_id, affected_count FROM network_incidents WHERE node_id = ANY(${`{${nodeIds.join(',')}}`}::int[]) ORDER BY id`,
    )
  ).rows
/** Runs the notice jobs the passes queued (a worker would), one after another. */
async function runNotices() {
  const { rows } = await exec(
    sql`SELECT id FROM payload_jobs WHERE task_slug = 'noticeIncidentCustomers' AND completed_at IS NULL AND NOT processing ORDER BY id`,
  )
  for (const r of rows) await payload.jobs.runByID({ id: r.id, overrideAccess: true })
}
/** `outage_notice` messages each customer got, in the order asked. */
async function noticesPerCustomer(customerIds: number[]) {
  const { rows } = await exec(
    sql`SELECT customer_id, count(*)::int AS n FROM messages WHERE trigger = 'outage_notice'
         AND customer_id = ANY(${`{${customerIds.join(',')}}`}::int[]) GROUP BY customer_id`,
  )
  const byCustomer = new Map(rows.map((r) => [Number(r.customer_id), r.n as number]))
  return customerIds.map((id) => byCustomer.get(id) ?? 0)
}
/** The open incidents a customer reads (the collection's access rule: those that affect them), as the portal asks. */
async function seenBy(customerId: number) {
  const customer = await payload.findByID({ collection: 'customers', id: customerId, overrideAccess: true })
  const found = await payload.find({
    collection: 'network-incidents',
    where: { status: { equals: 'open' } },
    user: { ...customer, collection: 'customers' },
    overrideAccess: false,
    depth: 0,
    pagination: false,
  })
  return found.docs.map((d) => d.id)
}
const messages = async (prefix: string) =>
  (await exec(sql`SELECT count(*)::int AS n FROM messages WHERE dedupe_key LIKE ${`${prefix}%`}`)).rows[0].n as number

async function template(key: string) {
  const found = await payload.find({
    collection: 'message-templates',
    where: { key: { equals: key } },
    overrideAccess: true,
  })
  if (found.docs.length) return
  await payload.create({
    collection: 'message-templates',
    data: {
      key,
      name: `Templat uji ${key.replace(/_/g, ' ')}`,
      body: 'Halo {{nama}}, {{gangguan}} sejak {{sejak}}. {{pesan}}',
      providerTemplateName: key,
      language: 'id',
      category: 'UTILITY',
      approvalStatus: 'approved',
    } as never,
    overrideAccess: true,
  })
}

beforeAll(async () => {
  payload = await testPayload()
  await template('outage_notice')
  await template('outage_resolved')
})

describe('monitoring correlator', () => {
  it('a lone customer: 29 minutes offline → no ticket, 31 → one ticket (never two), back 10 minutes → closed', async () => {
    const t = await tree(1)
    const neighbours = await customersUnder(t.odp[0]!.name, 4)
    const [lone] = neighbours
    const wentDown = new Date(Date.now() - 29 * MIN)
    await ingestEvents(payload, [{ ...event(lone!.username, 'down', wentDown), cause: 'lost-carrier' }])

    await correlateOutages({ payload })
    expect(await ticketsOf([lone!.id])).toHaveLength(0)
    const state = await payload.findByID({ collection: 'customers', id: lone!.id, overrideAccess: true })
    expect(state.networkStatus?.online).toBe(false)

    const at31 = new Date(wentDown.getTime() + 31 * MIN)
    await correlateOutages({ payload, now: at31 })
    await correlateOutages({ payload, now: new Date(at31.getTime() + 5 * MIN) })
    const tickets = await ticketsOf([lone!.id])
    expect(tickets).toHaveLength(1)
    expect(tickets[0].status).toBe('open')
    expect(tickets[0].description).toContain('lost-carrier')
    expect(await incidentsAt([t.odp[0]!.id, t.pon.id, t.olt.id, t.router.id])).toHaveLength(0)

    const back = new Date(at31.getTime() + 6 * MIN)
    await ingestEvents(payload, [event(lone!.username, 'up', back)])
    await correlateOutages({ payload, now: new Date(back.getTime() + 9 * MIN) })
    expect((await ticketsOf([lone!.id]))[0].status).toBe('open')
    await correlateOutages({ payload, now: new Date(back.getTime() + 11 * MIN) })
    expect((await ticketsOf([lone!.id]))[0].status).toBe('closed')
    const outages = (await exec(sql`SELECT started_at, ended_at FROM customer_outages WHERE customer_id = ${lone!.id}`))
      .rows
    expect(outages).toHaveLength(1)
    expect(new Date(outages[0].ended_at).getTime()).toBe(back.getTime())
  })

  it('40 customers of one ODP down within a minute: one incident, no tickets, 40 notices; replayed and shuffled events change nothing', async () => {
    const t = await tree(2)
    const homes = await customersUnder(t.odp[0]!.name, 40)
    await customersUnder(t.odp[1]!.name, 3)
    const start = Date.now() - 5 * MIN
    const downs = homes.map((h, i) => event(h.username, 'down', new Date(start + i * 1500)))
    // Delivered twice, shuffled, with a stale "up" from before the outage arriving late.
    const shuffled = [...downs, ...downs].sort(() => Math.random() - 0.5)
    const late = homes.slice(0, 5).map((h) => event(h.username, 'up', new Date(start - 10 * MIN)))
    const first = await ingestEvents(payload, [...shuffled, ...late])
    expect(first.stored).toBe(45)
    expect((await ingestEvents(payload, downs)).stored).toBe(0)

    await correlateOutages({ payload })
    await correlateOutages({ payload, now: new Date(start + 45 * MIN) })
    const incidents = await incidentsAt([t.odp[0]!.id, t.odp[1]!.id, t.pon.id, t.olt.id, t.router.id])
    expect(incidents).toHaveLength(1)
    expect(incidents[0].node_id).toBe(t.odp[0]!.id)
    expect(Number(incidents[0].affected_count)).toBe(40)
    expect(incidents[0].status).toBe('open')
    expect(await ticketsOf(homes.map((h) => h.id))).toHaveLength(0)
    await runNotices()
    expect(await messages(`outage_notice:${incidents[0].id}:`)).toBe(40)

    // Back: the incident resolves once ≥ 90% are up, and each customer back hears it once.
    const back = start + 50 * MIN
    await ingestEvents(
      payload,
      homes.slice(0, 37).map((h) => event(h.username, 'up', new Date(back))),
    )
    await correlateOutages({ payload, now: new Date(back + 2 * MIN) })
    const [resolved] = await incidentsAt([t.odp[0]!.id])
    expect(resolved.status).toBe('resolved')
    await runNotices()
    expect(await messages(`outage_resolved:${resolved.id}:`)).toBe(37)
  })

  it('a router restart is one incident on the router: its ODPs open none of their own', async () => {
    const t = await tree(3)
    const homes = [
      ...(await customersUnder(t.odp[0]!.name, 4)),
      ...(await customersUnder(t.odp[1]!.name, 4)),
      ...(await customersUnder(t.odp[2]!.name, 4)),
    ]
    const rebootAt = new Date(Date.now() - 3 * MIN)
    await ingestEvents(payload, [
      ...homes.map((h, i) => event(h.username, 'down', new Date(rebootAt.getTime() - 5000 + i * 200))),
      event(t.router.name, 'reboot', rebootAt, 'node'),
    ])
    await correlateOutages({ payload })
    const incidents = await incidentsAt([t.router.id, t.olt.id, t.pon.id, ...t.odp.map((o) => o.id)])
    expect(incidents.map((i) => [i.node_id, Number(i.affected_count), i.status])).toEqual([[t.router.id, 12, 'open']])
  })

  it('an ODP incident opened first is folded into the router incident that follows (parent suppresses child)', async () => {
    const t = await tree(2)
    const a = await customersUnder(t.odp[0]!.name, 4)
    const b = await customersUnder(t.odp[1]!.name, 4)
    const start = Date.now() - 10 * MIN
    await ingestEvents(
      payload,
      a.map((h, i) => event(h.username, 'down', new Date(start + i * 1000))),
    )
    await correlateOutages({ payload })
    expect((await incidentsAt([t.odp[0]!.id]))[0].status).toBe('open')
    await ingestEvents(payload, [
      event(t.router.name, 'down', new Date(start + 3 * MIN), 'node'),
      ...b.map((h, i) => event(h.username, 'down', new Date(start + 3 * MIN + i * 1000))),
    ])
    await correlateOutages({ payload })
    const byNode = Object.fromEntries(
      (await incidentsAt([t.router.id, t.odp[0]!.id, t.odp[1]!.id])).map((i) => [i.node_id, i]),
    )
    expect(byNode[t.router.id].status).toBe('open')
    expect(Number(byNode[t.router.id].affected_count)).toBe(8)
    expect(byNode[t.odp[0]!.id].status).toBe('resolved')
    expect(byNode[t.odp[1]!.id]).toBeUndefined()

    // The folded ODP's customers stay affected by the router's incident: they see it, get no
    // ticket while it lasts, and each customer hears of the outage once (the ODP's notice or the router's).
    for (const h of [a[0]!, b[0]!]) expect(await seenBy(h.id)).toEqual([byNode[t.router.id].id])
    await correlateOutages({ payload, now: new Date(start + 45 * MIN) })
    expect(await ticketsOf([...a, ...b].map((h) => h.id))).toHaveLength(0)
    await runNotices()
    expect(await noticesPerCustomer([...a, ...b].map((h) => h.id))).toEqual(Array(8).fill(1))
  })

  it('an incident affects who is beneath its node and dropped since its window: not an earlier drop, not a sibling ODP', async () => {
    const t = await tree(2)
    const [early, ...homes] = await customersUnder(t.odp[0]!.name, 6)
    const siblings = await customersUnder(t.odp[1]!.name, 10)
    const start = Date.now() - 60 * MIN
    await ingestEvents(payload, [
      event(early!.username, 'down', new Date(start - 10 * MIN)),
      ...homes.map((h, i) => event(h.username, 'down', new Date(start + i * 1000))),
      event(siblings[0]!.username, 'down', new Date(start + 2000)),
    ])
    await correlateOutages({ payload, now: new Date(start + 3 * MIN) })
    const incidents = await incidentsAt([t.odp[0]!.id, t.odp[1]!.id, t.pon.id, t.olt.id, t.router.id])
    expect(incidents.map((i) => [i.node_id, Number(i.affected_count), i.status])).toEqual([[t.odp[0]!.id, 5, 'open']])
    for (const h of homes) expect(await seenBy(h.id)).toEqual([incidents[0].id])
    expect(await seenBy(early!.id)).toEqual([])
    expect(await seenBy(siblings[0]!.id)).toEqual([])
    await runNotices()
    expect(await noticesPerCustomer([early!.id, siblings[0]!.id, ...homes.map((h) => h.id)])).toEqual([
      0, 0, 1, 1, 1, 1, 1,
    ])

    // Still offline 41 minutes on: the two outside the incident get a ticket each, those inside none.
    await correlateOutages({ payload, now: new Date(start + 41 * MIN) })
    const tickets = await ticketsOf([early!.id, siblings[0]!.id, ...homes.map((h) => h.id)])
    expect(tickets).toHaveLength(2)
    const { rows } = await exec(
      sql`SELECT customer_id FROM tickets WHERE id = ANY(${`{${tickets.map((x) => x.id).join(',')}}`}::int[]) ORDER BY customer_id`,
    )
    expect(rows.map((r) => Number(r.customer_id))).toEqual([early!.id, siblings[0]!.id].sort((x, y) => x - y))
  })

  it('each customer hears of an incident once, however many passes and workers judge it', async () => {
    const t = await tree(1)
    const homes = await customersUnder(t.odp[0]!.name, 5)
    const start = Date.now() - 5 * MIN
    await ingestEvents(
      payload,
      homes.map((h, i) => event(h.username, 'down', new Date(start + i * 1000))),
    )
    await Promise.all([correlateOutages({ payload }), correlateOutages({ payload })])
    await correlateOutages({ payload })
    // Two workers take the notice jobs at once, then one runs whatever is left.
    const { rows } = await exec(
      sql`SELECT id FROM payload_jobs WHERE task_slug = 'noticeIncidentCustomers' AND completed_at IS NULL ORDER BY id`,
    )
    await Promise.all(
      rows.flatMap((r) => [1, 2].map(() => payload.jobs.runByID({ id: r.id, overrideAccess: true }).catch(() => null))),
    )
    await runNotices()
    expect(await incidentsAt([t.odp[0]!.id])).toHaveLength(1)
    expect(await noticesPerCustomer(homes.map((h) => h.id))).toEqual([1, 1, 1, 1, 1])
  })

  it('two workers judging at once open one ticket', async () => {
    const t = await tree(1)
    const [lone] = await customersUnder(t.odp[0]!.name, 3)
    await ingestEvents(payload, [event(lone!.username, 'down', new Date(Date.now() - 40 * MIN))])
    const results = await Promise.all([correlateOutages({ payload }), correlateOutages({ payload })])
    await Promise.all([correlateOutages({ payload }), correlateOutages({ payload })])
    expect(results.map((r) => r.ticketsOpened).sort()).toEqual([0, 1])
    expect(await ticketsOf([lone!.id])).toHaveLength(1)
  })

  it('our own isolir kick and a maintenance window open no outage', async () => {
    const t = await tree(1)
    const [kicked, planned] = await customersUnder(t.odp[0]!.name, 2)
    const at = new Date(Date.now() - 40 * MIN)
    // A system write (no user, overrideAccess) of a relationship inside an array of a global.
    await payload.updateGlobal({
      slug: 'monitoring-settings',
      data: {
        maintenanceWindows: [
          {
            from: new Date(at.getTime() - MIN).toISOString(),
            to: new Date(at.getTime() + MIN).toISOString(),
            node: t.odp[0]!.id,
          },
        ],
      },
      overrideAccess: true,
    })
    await ingestEvents(payload, [
      { ...event(kicked!.username, 'down', new Date(at.getTime() - 10 * MIN)), cause: 'administrator-request' },
      event(planned!.username, 'down', at),
    ])
    await correlateOutages({ payload })
    await payload.updateGlobal({ slug: 'monitoring-settings', data: { maintenanceWindows: [] }, overrideAccess: true })
    const { rows } = await exec(
      sql`SELECT count(*)::int AS n FROM customer_outages WHERE customer_id IN (${kicked!.id}, ${planned!.id})`,
    )
    expect(rows[0].n).toBe(0)
    expect(await ticketsOf([kicked!.id, planned!.id])).toHaveLength(0)
  })

  it('isolir skips a customer cut off by an incident that day; an overdue neighbour outside it is suspended', async () => {
    const overdue = async () => {
      const pkg = await createPackage(payload)
      const { customer } = await createCustomer(payload, { package: pkg.id, billingDay: 1 })
      await payload.create({
        collection: 'invoices',
        data: {
          customer: customer.id,
          period: '2026-01',
          issueDate: wibDayStart('2025-12-22').toISOString(),
          dueDate: wibDayStart('2026-01-01').toISOString(),
          lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 150_000 }],
        } as never,
        overrideAccess: true,
      })
      return customer
    }
    const affected = await overdue()
    const neighbour = await overdue()
    const day = addDays('2026-01-01', 20)
    // Held by the derived rule: the customer is under the incident's ODP and was offline in it.
    const t = await tree(1)
    await payload.update({
      collection: 'customers',
      id: affected.id,
      data: { odp: t.odp[0]!.name },
      overrideAccess: true,
    })
    const began = wibDayStart(day)
    const { rows } = await exec(
      sql`INSERT INTO network_incidents (title, status, started_at, resolved_at, affected_count, node_id)
          VALUES ('Gangguan uji isolir', 'resolved', ${began.toISOString()}, ${new Date(began.getTime() + 3600_000).toISOString()}, 1, ${t.odp[0]!.id}) RETURNING id`,
    )
    await exec(
      sql`INSERT INTO customer_outages (customer_id, started_at, ended_at, source)
          VALUES (${affected.id}, ${new Date(began.getTime() + 10_000).toISOString()}, ${new Date(began.getTime() + 3000_000).toISOString()}, 'test')`,
    )
    // The dry run shows the held customer among the exempt, with the incident that holds them.
    const preview = await inTransaction(payload, (req) => previewSuspensions({ req, day }))
    const ofCustomer = (id: number) => preview.customers.find((c) => c.customerId === id)
    expect(ofCustomer(affected.id)).toMatchObject({
      exemptBecause: 'network_incident',
      incident: { id: Number(rows[0].id), title: 'Gangguan uji isolir', status: 'resolved' },
    })
    expect(ofCustomer(neighbour.id)).toMatchObject({ exemptBecause: null, incident: null })
    await suspendOverdue({ payload, day })
    const status = async (id: number) =>
      (await payload.findByID({ collection: 'customers', id, depth: 0, overrideAccess: true })).status
    expect(await status(affected.id)).toBe('active')
    expect(await status(neighbour.id)).toBe('suspended')
  })
})
