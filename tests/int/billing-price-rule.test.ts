import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { wibDay } from '../../src/plugins/billing/operations/calendar'
import { generateInvoices } from '../../src/plugins/billing/operations/invoices/generateInvoices'
import { computeTotals, proratedPrice, type LineInput } from '../../src/plugins/billing/operations/invoices/invoiceMath'
import { createCustomer, createPackage } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

/**
 * The invoice price rule exists twice: `computeTotals`/`proratedPrice` (invoices written through the
 * API or the admin) and the SQL of the monthly run (`generateInvoices`, in bulk). The same fixtures
 * priced both ways must give the same lines and totals, to the Rupiah.
 */
let payload: Payload
let db: pg.Client
const DAY = '2033-05-20'
const PERIOD = '2033-05'

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(async () => {
  await payload.updateGlobal({ slug: 'billing-settings', data: { ppnEnabled: false }, overrideAccess: true })
  await db.query(`DELETE FROM payload_jobs WHERE completed_at IS NULL AND task_slug = 'notifyInvoicesIssued'`)
  await db.end()
})

type Fixture = {
  price: number
  activation: string
  adjustments?: { kind: 'one_off' | 'discount'; amount: number }[]
  credit?: number
}

// Odd prices so every rounding (prorata, PPN) is exercised.
const FIXTURES: Record<string, Fixture> = {
  'a full month': { price: 199_999, activation: '2033-01-01' },
  'a first month from the 17th (prorated)': { price: 350_001, activation: '2033-05-17' },
  'a first month from the 1st': { price: 123_457, activation: '2033-05-01' },
  'a one-off charge and a discount': {
    price: 250_000,
    activation: '2032-11-03',
    adjustments: [
      { kind: 'one_off', amount: 150_001 },
      { kind: 'discount', amount: 33_333 },
    ],
  },
  'a discount larger than everything': {
    price: 100_000,
    activation: '2032-11-03',
    adjustments: [{ kind: 'discount', amount: 999_999 }],
  },
  'credit covering part of it': { price: 275_555, activation: '2032-02-29', credit: 100_000 },
  'credit covering all of it': { price: 99_999, activation: '2032-02-29', credit: 500_000 },
}

describe.each([
  ['without PPN', false],
  ['with PPN 11%', true],
])('the monthly run and computeTotals agree (%s)', (_label, ppnEnabled) => {
  it('on every line and total of every fixture', async () => {
    await payload.updateGlobal({
      slug: 'billing-settings',
      data: { ppnEnabled, ppnRate: 11, prorateFirstMonth: true },
      overrideAccess: true,
    })
    const expected = new Map<number, { name: string; lines: LineInput[]; credit: number }>()
    for (const [name, fixture] of Object.entries(FIXTURES)) {
      const pack = await createPackage(payload, { monthlyPrice: fixture.price })
      const { customer } = await createCustomer(payload, {
        package: pack.id,
        billingDay: 5,
        activationDate: new Date(`${fixture.activation}T08:00:00+07:00`).toISOString(),
      })
      const stored = await payload.findByID({
        collection: 'customers',
        id: customer.id,
        depth: 0,
        overrideAccess: true,
      })
      const activeFrom = stored.activationDate ? wibDay(new Date(stored.activationDate)) : null
      const packageLine = proratedPrice(fixture.price, PERIOD, activeFrom)
      const lines: LineInput[] = [{ description: 'paket', kind: 'package', quantity: 1, unitPrice: packageLine.amount }]
      for (const adjustment of fixture.adjustments ?? []) {
        const row = await payload.create({
          collection: 'billing-adjustments',
          data: { customer: customer.id, description: name, ...adjustment, status: 'pending' },
          overrideAccess: true,
        })
        lines.push({ description: name, kind: adjustment.kind, quantity: 1, unitPrice: row.amount })
      }
      if (fixture.credit)
        await db.query('UPDATE customers SET credit_balance = $1 WHERE id = $2', [fixture.credit, customer.id])
      expected.set(customer.id, { name, lines, credit: fixture.credit ?? 0 })
    }

    await generateInvoices({ payload, day: DAY })

    for (const [customerId, { name, lines, credit }] of expected) {
      const { docs } = await payload.find({
        collection: 'invoices',
        where: { customer: { equals: customerId }, period: { equals: PERIOD } },
        depth: 0,
        overrideAccess: true,
      })
      expect(docs, name).toHaveLength(1)
      const invoice = docs[0]!
      const byMath = computeTotals(lines, ppnEnabled ? 11 : null)
      expect(
        invoice.lines?.map((l) => l.amount),
        name,
      ).toEqual(byMath.lines.map((l) => l.amount))
      expect(
        {
          subtotal: invoice.subtotal,
          discountTotal: invoice.discountTotal,
          ppn: invoice.ppn,
          ppnRate: invoice.ppnRate,
          total: invoice.total,
        },
        name,
      ).toEqual(byMath.totals)
      const creditApplied = Math.min(credit, byMath.totals.total)
      expect({ creditApplied: invoice.creditApplied, balanceDue: invoice.balanceDue }, name).toEqual({
        creditApplied,
        balanceDue: byMath.totals.total - creditApplied,
      })
    }
  })
})
