import type { ChildProcess } from 'node:child_process'

import pg from 'pg'
import sharp from 'sharp'
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { relationId } from '../../src/lib/relationId'
import { generateInvoices } from '../../src/plugins/billing/operations/invoices/generateInvoices'
import { previewSuspensions, suspendOverdue } from '../../src/plugins/billing/operations/isolir/suspendOverdue'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'
import { startWorker, stopWorker } from '../helpers/workers'
import { createLocalReq } from 'payload'

let payload: Payload
let db: pg.Client
// The runs under test go to a queue of their own: the worker processes here take only those, not
// the follow-up jobs (notices, router work) they queue, nor what other files left behind.
const RUN_QUEUE = { WORKER_QUEUES: 'billing-runs' }
const workers: ChildProcess[] = []

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker))
  await payload.updateGlobal({
    slug: 'billing-settings',
    data: { ppnEnabled: false, holidays: [], autoSuspend: true, graceDays: 7, dueDays: 10 },
    overrideAccess: true,
  })
})
afterAll(async () => {
  // The bulk runs here queue thousands of follow-up jobs (notices, router work) that no worker in
  // this file runs; later files' workers should not have to wade through them.
  await db.query(
    `DELETE FROM payload_jobs WHERE completed_at IS NULL AND task_slug IN ('sendNotification', 'notifyInvoicesIssued', 'applyNetworkActions')`,
  )
  await db.end()
})

const invoicesOf = (customerId: number) =>
  payload
    .find({
      collection: 'invoices',
      where: { customer: { equals: customerId } },
      sort: 'issueDate',
      depth: 0,
      overrideAccess: true,
      limit: 100,
    })
    .then((r) => r.docs)
const customer = (id: number) => payload.findByID({ collection: 'customers', id, depth: 0, overrideAccess: true })

/** The sequence numbers of a day's invoice numbers, sorted. */
async function invoiceSequences(stamp: string): Promise<number[]> {
  const { rows } = await db.query<{ number: string }>(`SELECT number FROM invoices WHERE number LIKE $1`, [
    `INV${stamp}%`,
  ])
  return rows.map((r) => Number(r.number.slice(11))).sort((a, b) => a - b)
}
const gapFree = (seq: number[]) => seq.every((n, i) => n === i + 1)

describe('monthly invoice run', () => {
  it('bills the package (prorated in the first month), pending charges and discounts, applies credit, and numbers gap-free', async () => {
    const pkg = await createPackage(payload, { monthlyPrice: 300_000 })
    const newcomer = (
      await createCustomer(payload, { package: pkg.id, billingDay: 5, activationDate: '2030-01-15T03:00:00.000Z' })
    ).customer
    const regular = (
      await createCustomer(payload, { package: pkg.id, billingDay: 5, activationDate: '2029-06-01T03:00:00.000Z' })
    ).customer
    const later = (
      await createCustomer(payload, { package: pkg.id, billingDay: 20, activationDate: '2029-06-01T03:00:00.000Z' })
    ).customer
    const prospect = (await createCustomer(payload, { package: pkg.id, billingDay: 5, status: 'prospect' })).customer
    await payload.create({
      collection: 'billing-adjustments',
      data: {
        customer: regular.id,
        description: 'Biaya pemasangan',
        kind: 'one_off',
        amount: 150_000,
        status: 'pending',
      },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'billing-adjustments',
      data: { customer: regular.id, description: 'Diskon promo', kind: 'discount', amount: 50_000, status: 'pending' },
      overrideAccess: true,
    })
    await db.query('UPDATE customers SET credit_balance = 100000 WHERE id = $1', [later.id])

    const first = await generateInvoices({ payload, day: '2030-01-10' })
    expect(first.created).toBeGreaterThanOrEqual(1)
    // Not active yet on the 10th: no invoice.
    expect(await invoicesOf(newcomer.id)).toHaveLength(0)

    const [withCharges] = await invoicesOf(regular.id)
    expect(withCharges!.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['package', 300_000],
      ['one_off', 150_000],
      ['discount', -50_000],
    ])
    expect([withCharges!.subtotal, withCharges!.discountTotal, withCharges!.total, withCharges!.balanceDue]).toEqual([
      450_000, 50_000, 400_000, 400_000,
    ])
    const adjustments = await payload.find({
      collection: 'billing-adjustments',
      where: { customer: { equals: regular.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(adjustments.docs.every((a) => a.status === 'billed' && a.invoice === withCharges!.id)).toBe(true)

    expect(await invoicesOf(later.id)).toHaveLength(0)
    expect(await invoicesOf(prospect.id)).toHaveLength(0)

    // The 20th comes: the later customer is billed, with the credit taken off, and the newcomer
    // (active since the 15th) pays for 15–31 January: 17 of 31 days of Rp300.000.
    await generateInvoices({ payload, day: '2030-01-20' })
    const [prorated] = await invoicesOf(newcomer.id)
    expect(prorated!.total).toBe(Math.round((300_000 * 17) / 31))
    expect(prorated!.lines[0]!.kind).toBe('proration')
    expect(prorated!.lines[0]!.description).toContain('17/31 hari')
    expect(prorated!.period).toBe('2030-01')
    expect(prorated!.status).toBe('unpaid')
    expect(prorated!.dueDate).toBe(new Date('2030-01-30T00:00:00+07:00').toISOString())
    const [credited] = await invoicesOf(later.id)
    expect([credited!.total, credited!.creditApplied, credited!.balanceDue]).toEqual([300_000, 100_000, 200_000])
    expect((await customer(later.id)).creditBalance).toBe(0)

    // Run again: nothing new, and numbers of each day are 1..n.
    expect((await generateInvoices({ payload, day: '2030-01-20' })).created).toBe(0)
    expect(await invoicesOf(regular.id)).toHaveLength(1)
    for (const stamp of ['20300110', '20300120']) expect(gapFree(await invoiceSequences(stamp))).toBe(true)
  })

  it('charges PPN at the effective 11% when it is switched on', async () => {
    await payload.updateGlobal({
      slug: 'billing-settings',
      data: { ppnEnabled: true, ppnRate: 11 },
      overrideAccess: true,
    })
    const pkg = await createPackage(payload, { monthlyPrice: 250_000 })
    const { customer: c } = await createCustomer(payload, {
      package: pkg.id,
      billingDay: 1,
      activationDate: '2029-01-01T03:00:00.000Z',
    })
    await generateInvoices({ payload, day: '2030-02-01' })
    const [invoice] = await invoicesOf(c.id)
    expect([invoice!.subtotal, invoice!.ppn, invoice!.total]).toEqual([250_000, 27_500, 277_500])
  })

  it(
    'two workers running the same day, and a worker killed mid-run, still give one invoice per customer with no gap',
    { timeout: 300_000 },
    async () => {
      const pkg = await createPackage(payload, { monthlyPrice: 175_000 })
      await db.query(
        // Numbered as the app numbers customers that joined on 1 January 2029, counter included.
        `WITH added AS (
         INSERT INTO customers (name, phone, status, billing_day, package_id, activation_date, number, username)
         SELECT 'Massal ' || g, '62813' || lpad(g::text, 8, '0'), 'active', 3, $1, '2029-01-01',
                'CUS20290101' || lpad(g::text, greatest(3, length(g::text)), '0'), 'cus20290101' || lpad(g::text, greatest(3, length(g::text)), '0')
           FROM generate_series(1, 4000) g RETURNING 1)
       INSERT INTO number_sequences (prefix, day, last_value) SELECT 'CUS', '20290101', count(*) FROM added`,
        [pkg.id],
      )
      const eligible = async (period: string) =>
        Number(
          (
            await db.query(
              `SELECT count(*) FROM customers c WHERE status IN ('active','suspended') AND package_id IS NOT NULL AND billing_day <= 3 AND (activation_date IS NULL OR activation_date < $1::date)`,
              [`${period}-04`],
            )
          ).rows[0].count,
        )
      const billed = async (period: string) =>
        Number(
          (
            await db.query('SELECT count(*), count(DISTINCT customer_id) AS d FROM invoices WHERE period = $1', [
              period,
            ])
          ).rows[0].count,
        )

      // Two workers, two jobs for the same day.
      workers.push(await startWorker(RUN_QUEUE), await startWorker(RUN_QUEUE))
      await payload.jobs.queue({
        task: 'generateInvoices',
        queue: RUN_QUEUE.WORKER_QUEUES,
        input: { day: '2030-03-03' },
      })
      await payload.jobs.queue({
        task: 'generateInvoices',
        queue: RUN_QUEUE.WORKER_QUEUES,
        input: { day: '2030-03-03' },
      })
      await waitFor(
        async () =>
          (
            await payload.count({
              collection: 'payload-jobs',
              where: {
                and: [
                  { taskSlug: { equals: 'generateInvoices' } },
                  { 'input.day': { equals: '2030-03-03' } },
                  { completedAt: { exists: true } },
                ],
              },
              overrideAccess: true,
            })
          ).totalDocs === 2,
      )
      expect(await billed('2030-03')).toBe(await eligible('2030-03'))
      const duplicates = await db.query(
        `SELECT customer_id FROM invoices WHERE period = '2030-03' GROUP BY customer_id HAVING count(*) > 1`,
      )
      expect(duplicates.rowCount).toBe(0)
      expect(gapFree(await invoiceSequences('20300303'))).toBe(true)
      await Promise.all(workers.splice(0).map(stopWorker))

      // kill -9 while the run's transaction is open: nothing of it survives; the retry bills everyone once.
      const victim = await startWorker(RUN_QUEUE)
      await payload.jobs.queue({
        task: 'generateInvoices',
        queue: RUN_QUEUE.WORKER_QUEUES,
        input: { day: '2030-04-03' },
      })
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND query ILIKE '%invoice_run%'`,
            )
          ).rowCount! > 0,
        30_000,
        2,
      )
      victim.kill('SIGKILL')
      await new Promise((resolve) => victim.once('exit', resolve))
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%invoice_run%' AND state <> 'idle'`,
            )
          ).rowCount === 0,
      )
      expect(await billed('2030-04')).toBe(0)
      workers.push(await startWorker(RUN_QUEUE))
      await waitFor(
        async () =>
          (await billed('2030-04')) > 0 &&
          (
            await payload.count({
              collection: 'payload-jobs',
              where: {
                and: [
                  { taskSlug: { equals: 'generateInvoices' } },
                  { 'input.day': { equals: '2030-04-03' } },
                  { completedAt: { exists: true } },
                ],
              },
              overrideAccess: true,
            })
          ).totalDocs === 1,
        90_000,
      )
      expect(await billed('2030-04')).toBe(await eligible('2030-04'))
      expect(gapFree(await invoiceSequences('20300403'))).toBe(true)
    },
  )
})

describe('isolir run under retries, two workers and kill -9', () => {
  it(
    'suspends every overdue customer once: killed mid-run leaves nothing, the retry does it all, two more concurrent runs add nothing',
    { timeout: 300_000 },
    async () => {
      // The 4,000 customers billed above for March and April 2030 are all overdue by 1 May 2030.
      const day = '2030-05-01'
      const overdue = async () =>
        Number(
          (
            await db.query(
              `SELECT count(DISTINCT c.id) FROM customers c JOIN invoices i ON i.customer_id = c.id
        WHERE c.status = 'active' AND NOT coalesce(c.auto_suspend_exempt, false) AND i.status IN ('unpaid', 'partially_paid')
          AND (c.promise_to_pay_until IS NULL OR (c.promise_to_pay_until AT TIME ZONE 'Asia/Jakarta')::date < $1::date)
          AND (i.due_date AT TIME ZONE 'Asia/Jakarta')::date < $1::date - 7`,
              [day],
            )
          ).rows[0].count,
        )
      // Other files share the database and may have suspended some of these customers before.
      const startedAt = (await db.query('SELECT now() AS at')).rows[0].at
      const expected = await overdue()
      expect(expected).toBeGreaterThanOrEqual(4000)
      const suspendedBy = async () =>
        Number(
          (
            await db.query(
              `SELECT count(*) FROM service_history WHERE type = 'suspension' AND details->>'source' = 'billing' AND occurred_at > now() - interval '1 hour'`,
            )
          ).rows[0].count,
        )
      const before = await suspendedBy()
      const jobsDone = async () =>
        (
          await payload.count({
            collection: 'payload-jobs',
            where: {
              and: [
                { taskSlug: { equals: 'suspendOverdue' } },
                { 'input.day': { equals: day } },
                { completedAt: { exists: true } },
              ],
            },
            overrideAccess: true,
          })
        ).totalDocs

      const victim = await startWorker(RUN_QUEUE)
      await payload.jobs.queue({ task: 'suspendOverdue', queue: RUN_QUEUE.WORKER_QUEUES, input: { day } })
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND query ILIKE '%suspend_run%'`,
            )
          ).rowCount! > 0,
        30_000,
        2,
      )
      victim.kill('SIGKILL')
      await new Promise((resolve) => victim.once('exit', resolve))
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%suspend_run%' AND state <> 'idle'`,
            )
          ).rowCount === 0,
      )
      expect(await suspendedBy()).toBe(before)
      expect(await overdue()).toBe(expected)

      workers.push(await startWorker(RUN_QUEUE), await startWorker(RUN_QUEUE))
      await waitFor(async () => (await jobsDone()) === 1, 120_000)
      expect(await overdue()).toBe(0)
      expect((await suspendedBy()) - before).toBe(expected)

      await payload.jobs.queue({ task: 'suspendOverdue', queue: RUN_QUEUE.WORKER_QUEUES, input: { day } })
      await payload.jobs.queue({ task: 'suspendOverdue', queue: RUN_QUEUE.WORKER_QUEUES, input: { day } })
      await waitFor(async () => (await jobsDone()) === 3, 120_000)
      expect((await suspendedBy()) - before).toBe(expected)
      const twice = await db.query(
        `SELECT customer_id FROM network_actions WHERE action = 'suspend' AND created_at >= $1 GROUP BY customer_id HAVING count(*) > 1`,
        [startedAt],
      )
      expect(twice.rowCount).toBe(0)
    },
  )
})

async function waitFor(check: () => Promise<boolean>, timeoutMs = 90_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  const jobs = await db.query(
    `SELECT id, task_slug, input, processing, completed_at, has_error, error FROM payload_jobs WHERE task_slug = 'generateInvoices' ORDER BY id`,
  )
  throw new Error(`timed out waiting; jobs: ${JSON.stringify(jobs.rows)}`)
}

describe('payments', () => {
  async function billedCustomer(price = 200_000) {
    const pkg = await createPackage(payload, { monthlyPrice: price })
    const { customer: c } = await createCustomer(payload, {
      package: pkg.id,
      billingDay: 1,
      activationDate: '2029-01-01T03:00:00.000Z',
    })
    const req = await createLocalReq({}, payload)
    const invoice = await payload.create({
      collection: 'invoices',
      data: {
        customer: c.id,
        period: '2031-01',
        issueDate: '2031-01-01T00:00:00+07:00',
        dueDate: '2031-01-10T00:00:00+07:00',
        lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: price }],
      } as never,
      overrideAccess: true,
      req,
    })
    return { customer: c, invoice }
  }

  it('finance recording cash pays the invoice at once; the excess becomes credit', async () => {
    const finance = (await createStaff(payload, 'finance')).user
    const { customer: c, invoice } = await billedCustomer()
    expect(invoice.total).toBe(200_000)
    const payment = await payload.create({
      collection: 'payments',
      data: { customer: c.id, amount: 250_000, method: 'cash' } as never,
      overrideAccess: false,
      user: { ...finance, collection: 'users' },
    })
    expect(payment.status).toBe('verified')
    expect(payment.number).toMatch(/^PAY\d{8}\d{3,}$/)
    const after = await payload.findByID({ collection: 'invoices', id: invoice.id, overrideAccess: true, depth: 0 })
    expect([after.status, after.amountPaid, after.balanceDue]).toEqual(['paid', 200_000, 0])
    expect((await customer(c.id)).creditBalance).toBe(50_000)
    const stored = await payload.findByID({ collection: 'payments', id: payment.id, overrideAccess: true, depth: 0 })
    expect(stored.processedBy).toBe(finance.id)
    expect(stored.creditAdded).toBe(50_000)
  })

  it('customer service records a pending payment that counts only once finance verifies it', async () => {
    const cs = (await createStaff(payload, 'customer_service')).user
    const { customer: c, invoice } = await billedCustomer()
    const payment = await payload.create({
      collection: 'payments',
      data: { customer: c.id, amount: 120_000, method: 'bank_transfer', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: { ...cs, collection: 'users' },
    })
    expect(payment.status).toBe('pending')
    expect((await payload.findByID({ collection: 'invoices', id: invoice.id, overrideAccess: true })).amountPaid).toBe(
      0,
    )

    const finance = (await createStaff(payload, 'finance')).user
    const { verifyPayment } = await import('../../src/plugins/billing/operations/payments/verifyPayment')
    const req = await createLocalReq({ user: { ...finance, collection: 'users' } as never }, payload)
    const [a, b] = await Promise.all([
      verifyPayment({ req, id: payment.id }),
      verifyPayment({
        req: await createLocalReq({ user: { ...finance, collection: 'users' } as never }, payload),
        id: payment.id,
      }),
    ])
    expect([a.alreadyVerified, b.alreadyVerified].sort()).toEqual([false, true])
    const after = await payload.findByID({ collection: 'invoices', id: invoice.id, overrideAccess: true })
    expect([after.status, after.amountPaid, after.balanceDue]).toEqual(['partially_paid', 120_000, 80_000])
  })

  it('a customer cannot pay into another customer’s invoice nor set status, amount owner or processor', async () => {
    const { invoice: theirs } = await billedCustomer()
    const { customer: me } = await billedCustomer()
    const user = { ...me, collection: 'customers' } as never
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer()
    const media = await payload.create({
      collection: 'media',
      data: { alt: 'bukti' },
      file: { data: png, mimetype: 'image/png', name: 'bukti.png', size: png.length },
      overrideAccess: true,
    })
    // The customer's own upload, as the portal would have stored it (another's is refused).
    await payload.update({ collection: 'media', id: media.id, data: { owner: me.id } as never, overrideAccess: true })
    await expect(
      payload.create({
        collection: 'payments',
        data: { amount: 100_000, method: 'bank_transfer', invoices: [theirs.id], proof: media.id } as never,
        overrideAccess: false,
        user,
      }),
    ).rejects.toThrow(/Tagihan/)
    const mine = await payload.create({
      collection: 'payments',
      data: {
        amount: 100_000,
        method: 'bank_transfer',
        proof: media.id,
        status: 'verified',
        processedBy: 1,
        customer: theirs.customer,
      } as never,
      overrideAccess: false,
      user,
    })
    expect(mine.status).toBe('pending')
    expect(relationId(mine.customer)).toBe(me.id)
    expect(mine.processedBy ?? null).toBeNull()
    await expect(
      payload.create({
        collection: 'payments',
        data: { amount: 100_000, method: 'bank_transfer' } as never,
        overrideAccess: false,
        user,
      }),
    ).rejects.toThrow(/bukti/i)
  })
})

describe('isolir and restore', () => {
  async function overdueCustomer(extra: Record<string, unknown> = {}) {
    const pkg = await createPackage(payload, { monthlyPrice: 150_000 })
    const { customer: c } = await createCustomer(payload, {
      package: pkg.id,
      billingDay: 1,
      activationDate: '2029-01-01T03:00:00.000Z',
      ...extra,
    })
    const invoice = await payload.create({
      collection: 'invoices',
      data: {
        customer: c.id,
        period: '2026-01',
        issueDate: '2026-01-01T00:00:00+07:00',
        dueDate: '2026-01-10T00:00:00+07:00',
        lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 150_000 }],
      } as never,
      overrideAccess: true,
    })
    return { customer: c, invoice }
  }

  it('suspends only past the grace days, spares promises to pay and exempt customers, and skips holidays', async () => {
    const { customer: late } = await overdueCustomer()
    const { customer: promised } = await overdueCustomer({ promiseToPayUntil: '2026-01-25T00:00:00+07:00' })
    const { customer: exempt } = await overdueCustomer({ autoSuspendExempt: true })

    // Due 10 Jan, 7 grace days: the 17th is still within grace.
    await suspendOverdue({ payload, day: '2026-01-17' })
    expect((await customer(late.id)).status).toBe('active')

    const preview = await previewSuspensions({ req: await createLocalReq({}, payload), day: '2026-01-18' })
    const mine = preview.customers.filter((c) => [late.id, promised.id, exempt.id].includes(c.customerId))
    expect(mine.map((c) => [c.customerId, c.exemptBecause, c.daysOverdue])).toEqual([
      [late.id, null, 8],
      [promised.id, 'promise_to_pay', 8],
      [exempt.id, 'never_auto_suspend', 8],
    ])
    expect((await customer(late.id)).status).toBe('active')

    await payload.updateGlobal({
      slug: 'billing-settings',
      data: { holidays: [{ date: '2026-01-18', name: 'Libur uji' }] },
      overrideAccess: true,
    })
    expect(await suspendOverdue({ payload, day: '2026-01-18' })).toEqual({
      suspended: 0,
      skippedReason: 'Hari libur: Libur uji',
    })
    await payload.updateGlobal({ slug: 'billing-settings', data: { holidays: [] }, overrideAccess: true })

    const run = await suspendOverdue({ payload, day: '2026-01-18' })
    expect(run.suspended).toBeGreaterThanOrEqual(1)
    const suspended = await customer(late.id)
    expect([suspended.status, suspended.suspensionSource]).toEqual(['suspended', 'billing'])
    expect((await customer(promised.id)).status).toBe('active')
    expect((await customer(exempt.id)).status).toBe('active')
    const history = await payload.find({
      collection: 'service-history',
      where: { customer: { equals: late.id }, type: { equals: 'suspension' } },
      overrideAccess: true,
    })
    expect(history.docs).toHaveLength(1)
    const actions = await payload.find({
      collection: 'network-actions',
      where: { customer: { equals: late.id } },
      overrideAccess: true,
    })
    expect(actions.docs.map((a) => [a.action, a.status])).toEqual([['suspend', 'pending']])

    // Again, the same day: nobody twice.
    await suspendOverdue({ payload, day: '2026-01-18' })
    expect(
      (
        await payload.count({
          collection: 'network-actions',
          where: { customer: { equals: late.id } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(1)
  })

  it('paying in full restores at once and queues the router restore', async () => {
    const { customer: c, invoice } = await overdueCustomer()
    await suspendOverdue({ payload, day: '2026-01-20' })
    expect((await customer(c.id)).status).toBe('suspended')
    const finance = (await createStaff(payload, 'finance')).user
    // Partial payment: still overdue, still suspended.
    await payload.create({
      collection: 'payments',
      data: { customer: c.id, amount: 100_000, method: 'cash', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: { ...finance, collection: 'users' },
    })
    expect((await customer(c.id)).status).toBe('suspended')
    await payload.create({
      collection: 'payments',
      data: { customer: c.id, amount: 50_000, method: 'cash', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: { ...finance, collection: 'users' },
    })
    const restored = await customer(c.id)
    expect([restored.status, restored.suspensionSource ?? null]).toEqual(['active', null])
    const actions = await payload.find({
      collection: 'network-actions',
      where: { customer: { equals: c.id } },
      sort: 'createdAt',
      overrideAccess: true,
    })
    expect(actions.docs.map((a) => a.action)).toEqual(['suspend', 'restore'])
    const history = await payload.find({
      collection: 'service-history',
      where: { customer: { equals: c.id } },
      sort: 'occurredAt',
      overrideAccess: true,
    })
    expect(history.docs.map((h) => h.type)).toEqual(expect.arrayContaining(['suspension', 'payment', 'restore']))
  })

  it('a suspension staff made by hand is not lifted by a payment', async () => {
    const { customer: c, invoice } = await overdueCustomer()
    await payload.update({ collection: 'customers', id: c.id, data: { status: 'suspended' }, overrideAccess: true })
    expect((await customer(c.id)).suspensionSource).toBe('manual')
    const finance = (await createStaff(payload, 'finance')).user
    await payload.create({
      collection: 'payments',
      data: { customer: c.id, amount: 150_000, method: 'cash', invoices: [invoice.id] } as never,
      overrideAccess: false,
      user: { ...finance, collection: 'users' },
    })
    expect((await customer(c.id)).status).toBe('suspended')
  })
})

describe('changes in the middle of a month', () => {
  it('a package change after the month was invoiced puts the prorated difference on the next invoice', async () => {
    const { wibDay, daysInPeriod, periodOf } = await import('../../src/plugins/billing/operations/calendar')
    const today = wibDay()
    const small = await createPackage(payload, { monthlyPrice: 300_000 })
    const big = await createPackage(payload, { monthlyPrice: 450_000 })
    const { customer: c } = await createCustomer(payload, {
      package: small.id,
      billingDay: 1,
      activationDate: '2029-01-01T03:00:00.000Z',
    })
    await payload.create({
      collection: 'invoices',
      data: {
        customer: c.id,
        period: periodOf(today),
        issueDate: new Date().toISOString(),
        dueDate: new Date().toISOString(),
        lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 300_000 }],
      } as never,
      overrideAccess: true,
    })
    await payload.update({ collection: 'customers', id: c.id, data: { package: big.id }, overrideAccess: true })
    const total = daysInPeriod(periodOf(today))
    const days = total - Number(today.slice(8, 10)) + 1
    const pending = await payload.find({
      collection: 'billing-adjustments',
      where: { customer: { equals: c.id } },
      overrideAccess: true,
    })
    expect(pending.docs.map((a) => [a.kind, a.amount, a.status])).toEqual([
      ['proration', Math.round((150_000 * days) / total), 'pending'],
    ])
  })

  it('voiding a paid invoice keeps the money as credit and frees its one-off charges for the next invoice', async () => {
    const finance = (await createStaff(payload, 'finance')).user
    const pkg = await createPackage(payload, { monthlyPrice: 200_000 })
    const { customer: c } = await createCustomer(payload, {
      package: pkg.id,
      billingDay: 1,
      activationDate: '2029-01-01T03:00:00.000Z',
    })
    await payload.create({
      collection: 'billing-adjustments',
      data: { customer: c.id, description: 'Biaya pemasangan', kind: 'one_off', amount: 100_000, status: 'pending' },
      overrideAccess: true,
    })
    await generateInvoices({ payload, day: '2033-05-01' })
    const [invoice] = await invoicesOf(c.id)
    expect(invoice!.total).toBe(300_000)
    await payload.create({
      collection: 'payments',
      data: { customer: c.id, amount: 300_000, method: 'cash', invoices: [invoice!.id] } as never,
      overrideAccess: false,
      user: { ...finance, collection: 'users' },
    })
    const { voidInvoice } = await import('../../src/plugins/billing/operations/invoices/voidInvoice')
    const req = await createLocalReq({ user: { ...finance, collection: 'users' } as never }, payload)
    await expect(voidInvoice({ req, id: invoice!.id, reason: '' })).rejects.toThrow(/alasan/i)
    const voided = await voidInvoice({ req, id: invoice!.id, reason: 'Salah paket' })
    expect([voided.status, voided.voidReason, voided.balanceDue]).toEqual(['void', 'Salah paket', 0])
    expect((await customer(c.id)).creditBalance).toBe(300_000)
    const adjustment = await payload.find({
      collection: 'billing-adjustments',
      where: { customer: { equals: c.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(adjustment.docs.map((a) => [a.status, a.invoice ?? null])).toEqual([['pending', null]])
    await expect(voidInvoice({ req, id: invoice!.id, reason: 'Lagi' })).rejects.toThrow(/sudah dibatalkan/)
  })
})

describe('termination in the middle of a month', () => {
  it('the unused days come off the open invoice first, the rest becomes credit', async () => {
    const { wibDay, daysInPeriod, periodOf } = await import('../../src/plugins/billing/operations/calendar')
    const today = wibDay()
    const total = daysInPeriod(periodOf(today))
    const unused = total - Number(today.slice(8, 10))
    const pkg = await createPackage(payload, { monthlyPrice: 300_000 })
    const { customer: c } = await createCustomer(payload, {
      package: pkg.id,
      billingDay: 1,
      activationDate: '2029-01-01T03:00:00.000Z',
    })
    const invoice = await payload.create({
      collection: 'invoices',
      data: {
        customer: c.id,
        period: periodOf(today),
        issueDate: new Date().toISOString(),
        dueDate: new Date().toISOString(),
        lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 300_000 }],
      } as never,
      overrideAccess: true,
    })
    await payload.update({ collection: 'customers', id: c.id, data: { status: 'terminated' }, overrideAccess: true })
    const refund = Math.round((300_000 * unused) / total)
    const after = await payload.findByID({ collection: 'invoices', id: invoice.id, overrideAccess: true, depth: 0 })
    expect([after.creditApplied, after.balanceDue]).toEqual([refund, 300_000 - refund])
    expect((await customer(c.id)).creditBalance).toBe(0)
  })
})
