import pg from 'pg'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { beforeAll, afterAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'

import type { Customer, Package, User } from '../../src/payload-types'
import { cohortRetention, terminationReasons } from '../../src/plugins/analytics/operations/customers'
import { customerHealth } from '../../src/plugins/analytics/operations/health'
import { networkHealth } from '../../src/plugins/analytics/operations/network'
import { addMonths, currentMonth } from '../../src/plugins/analytics/operations/filters'
import { growthBreakdown, monthlyMovement } from '../../src/plugins/analytics/operations/movement'
import { analyticsOverview, revenueForecast } from '../../src/plugins/analytics/operations/overview'
import { parseAnalyticsFilters } from '../../src/plugins/analytics/operations/filters'
import { recurringRevenue } from '../../src/plugins/billing/operations/invoices/invoiceMath'
import { generateDataset } from '../../src/seed/generator'
import { invoiceHistoryPeriods, writeBillingHistory } from '../../src/plugins/analytics/seed/history'
import { snapshotMrr } from '../../src/plugins/analytics/operations/snapshotMrr'
import { csat, technicianRanking } from '../../src/plugins/analytics/operations/technicians'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { rejectionMessages, testPayload, unique } from '../helpers/payload'

let payload: Payload
let req: PayloadRequest
let db: pg.Client

const insertSnapshot = (customer: number, day: string, mrr: number, area: string, packageId: number | null) =>
  db.query(
    `INSERT INTO mrr_snapshots (customer_id, day, mrr, area, package_id, customer_status) VALUES ($1, $2, $3, $4, $5, 'active')`,
    [customer, day, mrr, area, packageId],
  )

let ticketCounter = 0
async function insertTicket(t: {
  customer: number
  technician?: number
  type: string
  createdAt: string
  resolvedAt?: string
  status?: string
  rating?: number
  priority?: string
}) {
  ticketCounter++
  await db.query(
    `INSERT INTO tickets (subject, customer_id, assigned_technician_id, type, priority, status, created_at, updated_at, resolved_at, rating, number)
     VALUES ('Uji', $1, $2, $3, $4, $5, $6, $6, $7, $8, $9)`,
    [
      t.customer,
      t.technician ?? null,
      t.type,
      t.priority ?? 'normal',
      t.status ?? (t.resolvedAt ? 'resolved' : 'open'),
      t.createdAt,
      t.resolvedAt ?? null,
      t.rating ?? null,
      unique(`TKT-A${ticketCounter}-`),
    ],
  )
}

beforeAll(async () => {
  payload = await testPayload()
  req = await createLocalReq({}, payload)
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(async () => {
  await db.end()
})

describe('MRR movement and churn (hand-made month)', () => {
  // February 2020 of an area only this test uses. January closes on the 31st, February on the
  // 29th; the snapshot of 10 February must be ignored (not a closing day).
  it('start, new, expansion, contraction, churned, end, net; logo and revenue churn, GRR, NRR, ARPU', async () => {
    const area = unique('AreaMRR')
    const [small, big] = [await createPackage(payload), await createPackage(payload)]
    const ids: Record<string, number> = {}
    for (const name of ['A', 'B', 'C', 'D', 'E'])
      ids[name] = (await createCustomer(payload, { area, status: 'prospect' })).customer.id
    // January: A 100k, B 200k, C 150k, D 300k  → start of February 750k, 4 customers.
    await insertSnapshot(ids.A!, '2020-01-31', 100_000, area, small.id)
    await insertSnapshot(ids.B!, '2020-01-31', 200_000, area, small.id)
    await insertSnapshot(ids.C!, '2020-01-31', 150_000, area, big.id)
    await insertSnapshot(ids.D!, '2020-01-31', 300_000, area, big.id)
    await insertSnapshot(ids.D!, '2020-02-10', 300_000, area, big.id)
    // February: A same, B up 50k, C down 50k, D gone, E new at 220k.
    await insertSnapshot(ids.A!, '2020-02-29', 100_000, area, small.id)
    await insertSnapshot(ids.B!, '2020-02-29', 250_000, area, big.id)
    await insertSnapshot(ids.C!, '2020-02-29', 100_000, area, big.id)
    await insertSnapshot(ids.E!, '2020-02-29', 220_000, area, small.id)

    const months = await monthlyMovement(req, { from: '2020-01', to: '2020-02', area })
    // December 2019 has no snapshot at all: January cannot be judged.
    expect(months[0]).toMatchObject({ month: '2020-01', complete: false, startMrr: 0, endMrr: 0 })
    expect(months[1]).toEqual({
      month: '2020-02',
      complete: true,
      startMrr: 750_000,
      newMrr: 220_000,
      expansionMrr: 50_000,
      contractionMrr: 50_000,
      churnedMrr: 300_000,
      endMrr: 670_000,
      netMrr: -80_000,
      startCustomers: 4,
      gainedCustomers: 1,
      lostCustomers: 1,
      endCustomers: 4,
      netCustomers: 0,
      logoChurn: 25, // 1 ÷ 4
      revenueChurn: 46.67, // (300k + 50k) ÷ 750k
      grossRetention: 53.33, // (750k − 300k − 50k) ÷ 750k
      netRetention: 60, // (400k + 50k) ÷ 750k
      arpu: 167_500, // 670k ÷ 4
    })
    // Start + new + expansion − contraction − churned = end.
    const feb = months[1]!
    expect(feb.startMrr + feb.newMrr + feb.expansionMrr - feb.contractionMrr - feb.churnedMrr).toBe(feb.endMrr)

    const { byArea, byPackage } = await growthBreakdown(req, { from: '2020-02', to: '2020-02', area })
    expect(byArea).toEqual([
      {
        key: area,
        label: area,
        startCustomers: 4,
        gainedCustomers: 1,
        lostCustomers: 1,
        netCustomers: 0,
        endCustomers: 4,
        endMrr: 670_000,
      },
    ])
    // By package at the time: small holds A and E at the end (and B moved to big); D left big.
    const bySmall = byPackage.find((p) => p.key === String(small.id))!
    const byBig = byPackage.find((p) => p.key === String(big.id))!
    expect(bySmall).toMatchObject({ gainedCustomers: 1, lostCustomers: 0, endCustomers: 2, endMrr: 320_000 })
    expect(byBig).toMatchObject({ gainedCustomers: 0, lostCustomers: 1, endCustomers: 2, endMrr: 350_000 })

    // The package filter narrows to the snapshots carrying that package.
    const onlyBig = await monthlyMovement(req, { from: '2020-02', to: '2020-02', area, packageId: big.id })
    // Start: C 150k + D 300k; end: B 250k + C 100k. B is "new" to this package.
    expect(onlyBig[0]).toMatchObject({ startMrr: 450_000, endMrr: 350_000, newMrr: 250_000, churnedMrr: 300_000 })
  })

  it('the forecast learns from the closing-day totals of consecutive months', async () => {
    const area = unique('AreaFc')
    const { customer } = await createCustomer(payload, { area, status: 'prospect' })
    // A year (2018-01 … 2018-12) of a customer whose MRR grows 10k a month: a straight line.
    for (let m = 1; m <= 12; m++)
      await insertSnapshot(customer.id, `2018-${String(m).padStart(2, '0')}-28`, 100_000 + 10_000 * (m - 1), area, null)
    const { history, forecast } = await revenueForecast(req, { from: '2018-01', to: '2018-12', area }, 3)
    expect(history).toHaveLength(12)
    expect(history[0]).toEqual({ month: '2018-01', mrr: 100_000 })
    expect(forecast).toMatchObject({ method: 'trend_seasonal', months: ['2019-01', '2019-02', '2019-03'], mape: 0 })
    expect(forecast!.values).toEqual([220_000, 230_000, 240_000])
  })
})

describe('daily MRR snapshot', () => {
  it('writes each active or isolir customer once per WIB day, however often it runs', async () => {
    const price = await createPackage(payload, { monthlyPrice: 275_000 })
    const area = unique('AreaSnap')
    const { customer: active } = await createCustomer(payload, { area, package: price.id, status: 'active' })
    const { customer: isolir } = await createCustomer(payload, { area, package: price.id, status: 'suspended' })
    await createCustomer(payload, { area, package: price.id, status: 'prospect' })
    const now = new Date('2026-03-31T16:30:00Z') // 23:30 WIB on 31 March
    const first = await snapshotMrr({ req, now })
    expect(first.day).toBe('2026-03-31')
    const second = await snapshotMrr({ req, now: new Date('2026-03-31T16:55:00Z') })
    expect(second.written).toBe(0)
    const { rows } = await db.query(
      `SELECT customer_id, mrr::int AS mrr, customer_status FROM mrr_snapshots WHERE area = $1 AND day = '2026-03-31' ORDER BY customer_id`,
      [area],
    )
    expect(rows).toEqual([
      { customer_id: active.id, mrr: 275_000, customer_status: 'active' },
      { customer_id: isolir.id, mrr: 275_000, customer_status: 'suspended' },
    ])
    // The database itself refuses a second row for the same customer and day.
    await expect(insertSnapshot(active.id, '2026-03-31', 1, area, null)).rejects.toThrow(/unique|duplicate/i)
  })
})

describe('MRR priced as billing prices it', () => {
  it('package price less pending discounts, never below zero; one-off charges and billed discounts do not count', async () => {
    const area = unique('AreaPrice')
    const day = new Date('2026-04-30T16:30:00Z') // 23:30 WIB on 30 April
    const make = async (price: number, adjustments: { kind: 'one_off' | 'discount'; amount: number }[]) => {
      const pack = await createPackage(payload, { monthlyPrice: price })
      const { customer } = await createCustomer(payload, { area, package: pack.id, status: 'active' })
      for (const adjustment of adjustments)
        await payload.create({
          collection: 'billing-adjustments',
          data: { customer: customer.id, description: 'uji', ...adjustment, status: 'pending' },
          overrideAccess: true,
        })
      return customer.id
    }
    // 250.000 − 33.333 − 16.667 = 200.000
    const twoDiscounts = await make(250_000, [
      { kind: 'discount', amount: 33_333 },
      { kind: 'discount', amount: 16_667 },
    ])
    // 100.000 − 999.999 → 0 (a discount never takes the price below zero)
    const overDiscounted = await make(100_000, [{ kind: 'discount', amount: 999_999 }])
    // 275.000: a one-off charge is not recurring; a discount already on an invoice is spent.
    const oneOffAndBilled = await make(275_000, [
      { kind: 'one_off', amount: 150_001 },
      { kind: 'discount', amount: 50_000 },
    ])
    await db.query(`UPDATE billing_adjustments SET status = 'billed' WHERE customer_id = $1 AND kind = 'discount'`, [
      oneOffAndBilled,
    ])
    await snapshotMrr({ req, now: day })
    const { rows } = await db.query(
      `SELECT customer_id, mrr::int AS mrr FROM mrr_snapshots WHERE area = $1 AND day = '2026-04-30' ORDER BY customer_id`,
      [area],
    )
    expect(rows).toEqual([
      { customer_id: twoDiscounts, mrr: 200_000 },
      { customer_id: overDiscounted, mrr: 0 },
      { customer_id: oneOffAndBilled, mrr: 275_000 },
    ])
    // The SQL agrees with billing's own rule on the same fixtures.
    expect([
      recurringRevenue(250_000, [33_333, 16_667]),
      recurringRevenue(100_000, [999_999]),
      recurringRevenue(275_000, []),
    ]).toEqual([200_000, 0, 275_000])
  })
})

describe('termination reasons and cohorts', () => {
  it('staff must pick a reason when terminating; the date is filled in', async () => {
    const { user: cs } = await createStaff(payload, 'customer_service')
    const { customer } = await createCustomer(payload)
    const refused = await rejectionMessages(
      payload.update({
        collection: 'customers',
        id: customer.id,
        data: { status: 'terminated' },
        user: cs,
        overrideAccess: false,
      }),
    )
    expect(refused).toMatch(/Pilih alasan berhenti/)
    const unchanged = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true })
    expect(unchanged.status).toBe('active')
    const done = await payload.update({
      collection: 'customers',
      id: customer.id,
      data: { status: 'terminated', terminationReason: 'competitor' },
      user: cs,
      overrideAccess: false,
    })
    expect(done.terminationReason).toBe('competitor')
    expect(Math.abs(Date.parse(done.terminatedAt!) - Date.now())).toBeLessThan(60_000)
  })

  it('reasons by share and cohort retention by activation month, by hand', async () => {
    const area = unique('AreaCoh')
    const pkg = await createPackage(payload, { monthlyPrice: 200_000 })
    const made: Customer[] = []
    for (let i = 0; i < 3; i++) made.push((await createCustomer(payload, { area, package: pkg.id })).customer)
    // All three activated in March 2019 (WIB); one left 15 April (price), one 10 June (moved).
    await db.query(`UPDATE customers SET activation_date = '2019-03-05T10:00:00+07:00' WHERE id = ANY($1)`, [
      made.map((c) => c.id),
    ])
    await db.query(
      `UPDATE customers SET status = 'terminated', termination_reason = 'price', terminated_at = '2019-04-15T09:00:00+07:00' WHERE id = $1`,
      [made[0]!.id],
    )
    await db.query(
      `UPDATE customers SET status = 'terminated', termination_reason = 'moved', terminated_at = '2019-06-10T09:00:00+07:00' WHERE id = $1`,
      [made[1]!.id],
    )
    const cohorts = await cohortRetention(req, { from: '2019-03', to: '2019-03', area })
    expect(cohorts).toHaveLength(1)
    expect(cohorts[0]!.cohort).toBe('2019-03')
    expect(cohorts[0]!.size).toBe(3)
    // End of March: 3/3; April, May: 2/3; June onwards: 1/3.
    expect(cohorts[0]!.retained.slice(0, 5)).toEqual([100, 66.67, 66.67, 33.33, 33.33])

    const reasons = await terminationReasons(req, { from: '2019-04', to: '2019-06', area })
    expect(reasons.map((r) => [r.reason, r.customers, r.share, r.mrr]).sort()).toEqual([
      ['moved', 1, 50, 200_000],
      ['price', 1, 50, 200_000],
    ])
    // Only April: the price one.
    expect((await terminationReasons(req, { from: '2019-04', to: '2019-04', area })).map((r) => r.reason)).toEqual([
      'price',
    ])
  })
})

describe('technicians and CSAT', () => {
  it('first-time fix with a revisit on day 29 and day 31, time to resolve, SLA, rating, mix-adjusted score', async () => {
    const area = unique('AreaTek')
    const repairer = (await createStaff(payload, 'technician')).user as User
    const installer = (await createStaff(payload, 'technician')).user as User
    const p = (await createCustomer(payload, { area })).customer.id
    const q = (await createCustomer(payload, { area })).customer.id
    const r = (await createCustomer(payload, { area })).customer.id
    // Repair for P: 10 hours, rated 5; the same complaint comes back 29 days later (not fixed).
    await insertTicket({
      customer: p,
      technician: repairer.id,
      type: 'repair',
      createdAt: '2021-05-01T00:00:00+07:00',
      resolvedAt: '2021-05-01T10:00:00+07:00',
      rating: 5,
    })
    await insertTicket({ customer: p, type: 'repair', createdAt: '2021-05-30T10:00:00+07:00' })
    // Repair for Q: 30 hours (over the 24-hour normal SLA), rated 3; back after 31 days (fixed).
    await insertTicket({
      customer: q,
      technician: repairer.id,
      type: 'repair',
      createdAt: '2021-05-02T00:00:00+07:00',
      resolvedAt: '2021-05-03T06:00:00+07:00',
      rating: 3,
    })
    await insertTicket({ customer: q, type: 'repair', createdAt: '2021-06-03T06:00:01+07:00' })
    // Two installations at two homes, 5 hours each, rated 4, never back.
    const r2 = (await createCustomer(payload, { area })).customer.id
    for (const [day, customer] of [
      ['10', r],
      ['11', r2],
    ] as const)
      await insertTicket({
        customer,
        technician: installer.id,
        type: 'installation',
        createdAt: `2021-05-${day}T08:00:00+07:00`,
        resolvedAt: `2021-05-${day}T13:00:00+07:00`,
        rating: 4,
        status: 'closed',
      })

    const ranking = await technicianRanking(req, { from: '2021-05', to: '2021-05', area })
    const byId = Object.fromEntries(ranking.map((t) => [t.technicianId, t]))
    expect(byId[repairer.id]).toMatchObject({
      jobs: 2,
      mix: { repair: 2 },
      firstTimeFix: 50,
      meanHoursToResolve: 20,
      withinSla: 50,
      averageRating: 4,
      ratings: 2,
      // Compared with repairs only (the team's repairs are all theirs): exactly the average.
      score: 100,
    })
    expect(byId[installer.id]).toMatchObject({
      jobs: 2,
      mix: { installation: 2 },
      firstTimeFix: 100,
      meanHoursToResolve: 5,
      withinSla: 100,
      averageRating: 4,
      score: 100,
    })
    // Raw first-time fix would put the installer far ahead; adjusted for the mix they tie.
    expect(ranking.map((t) => t.rank)).toEqual([1, 1])

    const satisfaction = await csat(req, { from: '2021-05', to: '2021-05', area })
    // Ratings 5, 3, 4, 4: three of four are 4 or 5.
    expect(satisfaction.byMonth).toEqual([
      { key: '2021-05', label: '2021-05', month: '2021-05', ratings: 4, csat: 75, average: 4 },
    ])
    expect(satisfaction.byArea).toEqual([{ key: area, label: area, ratings: 4, csat: 75, average: 4 }])
    expect(satisfaction.byTechnician.find((t) => t.key === String(repairer.id))).toMatchObject({
      ratings: 2,
      csat: 50,
      average: 4,
    })
  })
})

describe('customer health', () => {
  it('scores 100 minus the parts, and lists why', async () => {
    const area = unique('AreaSehat')
    const pkg: Package = await createPackage(payload)
    const { customer } = await createCustomer(payload, { area, package: pkg.id })
    const { customer: healthy } = await createCustomer(payload, { area, package: pkg.id })
    const day = 86_400_000
    // An invoice 10 days (and an hour) past due: −10.
    const due = new Date(Date.now() - 10 * day - 3_600_000).toISOString()
    await payload.create({
      collection: 'invoices',
      data: {
        customer: customer.id,
        period: '2030-01',
        issueDate: due,
        dueDate: due,
        lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 200_000 }],
      } as never,
      overrideAccess: true,
    })
    // Two isolir in 90 days: −20.
    for (const ago of [20, 50])
      await db.query(
        `INSERT INTO service_history (customer_id, type, occurred_at, summary) VALUES ($1, 'suspension', $2, 'Layanan diisolir')`,
        [customer.id, new Date(Date.now() - ago * day).toISOString()],
      )
    // Three tickets in 90 days = two repeats: −10.
    for (const ago of [5, 15, 25])
      await insertTicket({
        customer: customer.id,
        type: 'repair',
        createdAt: new Date(Date.now() - ago * day).toISOString(),
      })
    // Three hours offline in the last 30 days: −3.
    await db.query(
      `INSERT INTO customer_outages (customer_id, started_at, ended_at, source) VALUES ($1, $2, $3, 'uji')`,
      [
        customer.id,
        new Date(Date.now() - 3 * day).toISOString(),
        new Date(Date.now() - 3 * day + 3 * 3_600_000).toISOString(),
      ],
    )
    // Usage: 100 GB in the 14 days before, 40 GB in the last 14 (−60%): −10 (capped).
    const wibDayAgo = (ago: number) => new Date(Date.now() + 7 * 3_600_000 - ago * day).toISOString().slice(0, 10)
    await db.query(
      `INSERT INTO usage_daily (customer_id, day, rx_bytes, tx_bytes) VALUES ($1, $2, 90, 10), ($1, $3, 30, 10)`,
      [customer.id, wibDayAgo(20), wibDayAgo(3)],
    )

    const health = await customerHealth(req, { area })
    expect(health.monitoring).toBe(true)
    expect(health.customers).toBe(2)
    expect(health.atRisk).toHaveLength(1)
    expect(health.atRisk[0]).toMatchObject({
      customerId: customer.id,
      score: 47, // 100 − 10 − 20 − 10 − 3 − 10
      daysLate: 10,
      isolir90: 2,
      repeatTickets: 2,
      offlineMinutes: 180,
      usageChange: -60,
      downgrades: 0,
    })
    expect(health.atRisk[0]!.reasons).toEqual([
      'terlambat bayar 10 hari',
      '2× isolir dalam 90 hari',
      '3 tiket dalam 90 hari',
      'offline 3 jam dalam 30 hari',
      'pemakaian turun 60%',
    ])
    expect(health.averageScore).toBe(73.5) // (47 + 100) ÷ 2
    expect(health.buckets.map((b) => b.customers)).toEqual([0, 1, 0, 1])
    expect(healthy.id).toBeGreaterThan(0)
  })
})

describe('generated history', () => {
  let generated: Awaited<ReturnType<typeof generateDataset>> | undefined

  it('gives the demo 24 months of MRR, churn, cohorts, reasons and a Holt-Winters forecast', async () => {
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM users WHERE role = 'technician'`)
    const result = await generateDataset(db, { customers: 300, seed: 7, technicianIds: rows.map((r) => r.id) })
    expect(result.snapshots).toBeGreaterThan(300 * 20)
    const overview = await analyticsOverview(req, parseAnalyticsFilters(new URLSearchParams()))
    expect(overview.months).toHaveLength(12)
    for (const month of overview.months) {
      expect(month.complete).toBe(true)
      expect(month.endMrr).toBeGreaterThan(0)
      expect(month.startMrr + month.newMrr + month.expansionMrr - month.contractionMrr - month.churnedMrr).toBe(
        month.endMrr,
      )
    }
    expect(overview.months.some((m) => m.lostCustomers > 0)).toBe(true)
    expect(overview.reasons.length).toBeGreaterThan(0)
    expect(overview.cohorts.length).toBeGreaterThan(0)
    expect(overview.byArea.length).toBeGreaterThan(0)
    expect(overview.revenueForecast.history.length).toBeGreaterThanOrEqual(25)
    expect(overview.revenueForecast.forecast).toMatchObject({ method: 'holt_winters' })
    expect(overview.revenueForecast.forecast!.mape).not.toBeNull()
    generated = result
  })

  it('gives them invoices and payments for 23 months before last month, once however often it runs', async () => {
    const { customerIds, invoices, payments } = generated!
    const periods = invoiceHistoryPeriods(new Date())
    expect(periods).toHaveLength(23)
    expect(invoices).toBeGreaterThan(300 * 10)
    expect(payments).toBeGreaterThan(invoices * 0.9)
    expect(payments).toBeLessThan(invoices)
    // An invoice for each period a customer had MRR at its month end, at that MRR (prorated in the
    // activation month): checked against the snapshots for every generated customer.
    const { rows: mismatched } = await db.query(
      `SELECT s.customer_id, s.day, s.mrr, i.total
         FROM mrr_snapshots s
         JOIN customers c ON c.id = s.customer_id
         LEFT JOIN invoices i ON i.customer_id = s.customer_id AND i.period = left(s.day, 7)
        WHERE s.customer_id = ANY($1) AND left(s.day, 7) = ANY($2) AND s.mrr > 0
          AND s.day = to_char(to_date(left(s.day, 7), 'YYYY-MM') + interval '1 month - 1 day', 'YYYY-MM-DD')
          AND (i.id IS NULL OR (to_char(c.activation_date AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') < left(s.day, 7) AND i.total <> s.mrr))`,
      [customerIds, periods],
    )
    expect(mismatched).toEqual([])
    // Paid ones: one verified payment of the whole amount, allocated and linked; unpaid ones owe it all.
    const { rows: states } = await db.query(
      `SELECT i.status, count(*)::int AS n,
              count(*) FILTER (WHERE i.status = 'paid' AND (p.amount <> i.total OR a.amount <> i.total OR r.invoices_id IS NULL OR p.status <> 'verified'))::int AS bad_paid,
              count(*) FILTER (WHERE i.status = 'unpaid' AND (i.balance_due <> i.total OR p.id IS NOT NULL))::int AS bad_unpaid,
              count(*) FILTER (WHERE p.payment_date > i.due_date)::int AS late
         FROM invoices i
         LEFT JOIN payments_allocations a ON a.invoice_id = i.id
         LEFT JOIN payments p ON p.id = a._parent_id
         LEFT JOIN payments_rels r ON r.parent_id = p.id AND r.invoices_id = i.id
        WHERE i.customer_id = ANY($1)
        GROUP BY i.status ORDER BY i.status`,
      [customerIds],
    )
    const paid = states.find((s) => s.status === 'paid')!
    const unpaid = states.find((s) => s.status === 'unpaid')!
    expect(paid.n).toBe(payments)
    expect(paid.n + unpaid.n).toBe(invoices)
    expect([paid.bad_paid, unpaid.bad_unpaid]).toEqual([0, 0])
    expect(paid.late).toBeGreaterThan(0)
    // Some are late now, so the health score's days-late part has something to show.
    const { rows: late } = await db.query(
      `SELECT count(DISTINCT i.customer_id)::int AS n FROM invoices i JOIN customers c ON c.id = i.customer_id
        WHERE i.customer_id = ANY($1) AND c.status IN ('active', 'suspended') AND i.status = 'unpaid' AND i.due_date < now()`,
      [customerIds],
    )
    expect(late[0]!.n).toBeGreaterThan(0)

    // A second run writes nothing more.
    await expect(writeBillingHistory(db, customerIds, new Date())).resolves.toEqual({ invoices: 0, payments: 0 })
    const { rows: again } = await db.query(
      `SELECT (SELECT count(*) FROM invoices WHERE customer_id = ANY($1))::int AS invoices,
              (SELECT count(*) FROM payments WHERE customer_id = ANY($1))::int AS payments`,
      [customerIds],
    )
    expect(again[0]).toEqual({ invoices, payments })
  })
})

describe('network health per area and ODP', () => {
  it('tickets per 100 customers, offline minutes, incidents, and ODPs worsening three months in a row', async () => {
    const area = unique('AreaNet')
    const odp1 = unique('ODP-A-')
    const odp2 = unique('ODP-B-')
    const a1 = (await createCustomer(payload, { area, odp: odp1 })).customer.id
    const a2 = (await createCustomer(payload, { area, odp: odp1 })).customer.id
    const b1 = (await createCustomer(payload, { area, odp: odp2 })).customer.id
    const last = addMonths(currentMonth(), -1)
    const months = [3, 2, 1, 0].map((n) => addMonths(last, -n))
    const mid = (month: string) => `${month}-15T12:00:00+07:00`
    // ODP A: 0, 1, 2, 3 repair tickets over the four months (2 customers: 0, 50, 100, 150 per 100).
    for (const [i, count] of [0, 1, 2, 3].entries())
      for (let k = 0; k < count; k++)
        await insertTicket({ customer: k % 2 ? a2 : a1, type: 'repair', createdAt: mid(months[i]!) })
    // ODP B: one complaint in the first month; two hours offline in the last.
    await insertTicket({ customer: b1, type: 'complaint', createdAt: mid(months[0]!) })
    await db.query(
      `INSERT INTO customer_outages (customer_id, started_at, ended_at, source) VALUES ($1, $2, $3, 'uji')`,
      [b1, `${months[3]}-10T08:00:00+07:00`, `${months[3]}-10T10:00:00+07:00`],
    )
    await db.query(
      `INSERT INTO network_incidents (title, status, started_at, area, affected_count) VALUES ('Gangguan uji', 'resolved', $1, $2, 1)`,
      [`${months[3]}-10T08:00:00+07:00`, area],
    )

    const { months: shown, nodes } = await networkHealth(req, { area })
    expect(shown).toEqual(months)
    const [whole, a, b] = [
      nodes.find((n) => n.odp === null)!,
      nodes.find((n) => n.odp === odp1)!,
      nodes.find((n) => n.odp === odp2)!,
    ]
    expect(a).toMatchObject({
      customers: 2,
      ticketsPer100: [0, 50, 100, 150],
      index: [0, 50, 100, 150],
      worsening: true,
    })
    expect(b).toMatchObject({
      customers: 1,
      ticketsPer100: [100, 0, 0, 0],
      offlineMinutesPerCustomer: [0, 0, 0, 120],
      index: [100, 0, 0, 2],
      worsening: false,
    })
    // The whole area: 3 customers; tickets 1, 1, 2, 3; 120 offline minutes over 3 customers in the last month.
    expect(whole).toMatchObject({
      customers: 3,
      ticketsPer100: [33.33, 33.33, 66.67, 100],
      offlineMinutesPerCustomer: [0, 0, 0, 40],
      incidents: [0, 0, 0, 1],
      worsening: false,
    })
    expect(whole.index[3]).toBeCloseTo(100.67, 2)
  })
})
