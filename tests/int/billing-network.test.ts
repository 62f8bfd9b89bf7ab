import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { startFakeRouterOS, type FakeRouterOS } from '../../src/fakes/routeros'
import { applyNetworkActions } from '../../src/plugins/billing/operations/isolir/networkActions'
import { checkRouterState } from '../../src/plugins/billing/operations/isolir/routerCheck'
import { suspendOverdue } from '../../src/plugins/billing/operations/isolir/suspendOverdue'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { TEST_GATEWAYS } from '../helpers/gateways'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let router: FakeRouterOS
let routerId: number
let db: pg.Client

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  router = await startFakeRouterOS({ username: TEST_GATEWAYS.routerUser, password: TEST_GATEWAYS.routerPassword })
  router.addProfile('20mbps')
  router.addProfile('isolir')
  routerId = (
    await payload.create({
      collection: 'routers',
      data: {
        name: unique('Router uji '),
        baseUrl: router.url,
        username: TEST_GATEWAYS.routerUser,
        password: TEST_GATEWAYS.routerPassword,
        defaultMethod: 'pppoe',
      },
      overrideAccess: true,
    })
  ).id
})
afterAll(async () => {
  await router.close()
  await db.end()
})

const secret = (name: string) => router.state.secrets.find((s) => s.name === name)!
const sessions = (name: string) => router.state.active.filter((s) => s.name === name)
const actionsOf = (customerId: number) =>
  payload
    .find({
      collection: 'network-actions',
      where: { customer: { equals: customerId } },
      sort: 'createdAt',
      depth: 0,
      overrideAccess: true,
    })
    .then((r) => r.docs)

/** A customer on the fake router, online, with an invoice long overdue. */
async function overdueOnRouter(method: 'pppoe' | 'address-list' = 'pppoe') {
  const pkg = await createPackage(payload, { monthlyPrice: 150_000 })
  const pppoe = unique('pel-').toLowerCase()
  const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`
  const { customer } = await createCustomer(payload, {
    package: pkg.id,
    router: routerId,
    networkMethod: method,
    pppoeUsername: pppoe,
    ipAddress: ip,
  })
  if (method === 'pppoe') {
    router.addSecret(pppoe, '20mbps', { comment: 'Jl. Mawar 3' })
    router.connect(pppoe)
  }
  const invoice = await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      period: '2026-02',
      issueDate: '2026-02-01T00:00:00+07:00',
      dueDate: '2026-02-10T00:00:00+07:00',
      lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 150_000 }],
    } as never,
    overrideAccess: true,
  })
  return { customer, invoice, pppoe, ip }
}

describe('isolir on the router', () => {
  it('suspension reaches the router (PPPoE profile + session drop), payment restores it, and the check finds router and database agreeing', async () => {
    const { customer, invoice, pppoe } = await overdueOnRouter()
    await suspendOverdue({ payload, day: '2026-02-25' })
    expect(secret(pppoe).profile).toBe('20mbps')
    const applied = await applyNetworkActions({ payload })
    expect(applied.retryable).toBe(0)
    expect(secret(pppoe).profile).toBe('isolir')
    expect(sessions(pppoe)).toHaveLength(0)
    expect((await actionsOf(customer.id)).map((a) => [a.action, a.status])).toEqual([['suspend', 'done']])

    const finance = (await createStaff(payload, 'finance')).user
    await payload.create({
      collection: 'payments',
      data: { customer: customer.id, amount: 150_000, method: 'cash', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: { ...finance, collection: 'users' },
    })
    await applyNetworkActions({ payload })
    expect(secret(pppoe).profile).toBe('20mbps')
    expect(secret(pppoe).comment).toBe('Jl. Mawar 3')
    expect((await actionsOf(customer.id)).map((a) => [a.action, a.status])).toEqual([
      ['suspend', 'done'],
      ['restore', 'done'],
    ])

    const check = await checkRouterState({ payload })
    expect(check.mismatches.filter((m) => m.customerId === customer.id)).toEqual([])
  })

  it('a router refusing the change (no isolir profile on it) fails the action and alerts the admins', async () => {
    const { customer, pppoe } = await overdueOnRouter()
    router.state.profiles.delete('isolir')
    try {
      await suspendOverdue({ payload, day: '2026-02-25' })
      await applyNetworkActions({ payload })
    } finally {
      router.addProfile('isolir')
    }
    const [action] = await actionsOf(customer.id)
    expect(action!.status).toBe('failed')
    expect(action!.detail).toMatch(/profile/)
    expect(secret(pppoe).profile).toBe('20mbps')
    const alert = await payload.count({
      collection: 'payload-jobs',
      where: {
        and: [
          { taskSlug: { equals: 'staffAlert' } },
          { 'input.key': { equals: `network-action-failed:${action!.id}` } },
        ],
      },
      overrideAccess: true,
    })
    expect(alert.totalDocs).toBe(1)
  })

  it('address-list isolir adds and removes the customer IP', async () => {
    const { customer, ip } = await overdueOnRouter('address-list')
    await suspendOverdue({ payload, day: '2026-02-25' })
    await applyNetworkActions({ payload })
    expect(router.state.addressList.filter((e) => e.address === ip && e.list === 'isolir')).toHaveLength(1)
    await payload.update({ collection: 'customers', id: customer.id, data: { status: 'active' }, overrideAccess: true })
    await applyNetworkActions({ payload })
    expect(router.state.addressList.filter((e) => e.address === ip)).toHaveLength(0)
  })

  it('a router that is down leaves the action pending and the job failing (to retry); the next run finishes it', async () => {
    const { customer, pppoe } = await overdueOnRouter()
    await suspendOverdue({ payload, day: '2026-02-25' })
    router.failNext(20, 500)
    const first = await applyNetworkActions({ payload })
    expect(first.retryable).toBeGreaterThan(0)
    const [pending] = await actionsOf(customer.id)
    expect([pending!.status, pending!.attempts]).toEqual(['pending', 1])
    expect(pending!.detail).toMatch(/tidak terjangkau/)
    expect(secret(pppoe).profile).toBe('20mbps')

    // Through the job: it fails while the router is down, so Payload retries it.
    router.failNext(50, 500)
    const queued = await payload.jobs.queue({ task: 'applyNetworkActions', input: {} })
    await payload.jobs.runByID({ id: queued.id, overrideAccess: true })
    const job = await payload.findByID({ collection: 'payload-jobs', id: queued.id, overrideAccess: true })
    expect(job.completedAt ?? null).toBeNull()
    expect(job.totalTried).toBeGreaterThanOrEqual(1)

    router.failNext(0, 500)
    // The router is back: clear any leftover injected failures by letting them run out.
    let result = await applyNetworkActions({ payload })
    for (let i = 0; i < 60 && result.retryable > 0; i++) result = await applyNetworkActions({ payload })
    expect(secret(pppoe).profile).toBe('isolir')
    expect((await actionsOf(customer.id))[0]!.status).toBe('done')
  })

  it('the check reports a customer the router disagrees about and alerts the admins once a day', async () => {
    const { customer, pppoe } = await overdueOnRouter()
    // Someone un-isolates the customer on the router by hand while the database says suspended.
    await suspendOverdue({ payload, day: '2026-02-25' })
    await applyNetworkActions({ payload })
    const row = secret(pppoe)
    row.profile = '20mbps'
    const check = await checkRouterState({ payload, alert: true })
    expect(check.mismatches.filter((m) => m.customerId === customer.id)).toEqual([
      expect.objectContaining({ customerNumber: customer.number, database: 'suspended', router_state: 'active' }),
    ])
    const alerts = await payload.count({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'staffAlert' } }, { 'input.key': { like: 'router-mismatch:' } }] },
      overrideAccess: true,
    })
    expect(alerts.totalDocs).toBeGreaterThanOrEqual(1)
  })
})
