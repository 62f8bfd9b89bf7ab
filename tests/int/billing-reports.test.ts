import ExcelJS from 'exceljs'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Customer, Invoice, User } from '../../src/payload-types'
import { exportPaymentsEndpoint } from '../../src/plugins/billing/endpoints/exportPayments'
import { revenueReportEndpoint, suspensionPreviewEndpoint } from '../../src/plugins/billing/endpoints/reports'
import { recordPayment } from '../../src/plugins/billing/operations/payments/recordPayment'
import { paymentHistory, revenueReport } from '../../src/plugins/billing/operations/reports/revenueReport'
import { addMonths, parseReportFilters } from '../../src/plugins/billing/operations/reports/reportFilters'
import { rejectPayment } from '../../src/plugins/billing/operations/payments/verifyPayment'
import { voidInvoice } from '../../src/plugins/billing/operations/invoices/voidInvoice'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

// A month no other test file writes to, and areas only this file uses, so totals are exact.
const MONTH = '2031-03'
let payload: Payload
let finance: User
let cs: User
let areaA: string
let areaB: string
const invoices: Record<string, Invoice> = {}
const customers: Record<string, Customer> = {}

const staff = (user: User) => ({ ...user, collection: 'users' as const })
const reqAs = async (user: User | null, query = ''): Promise<PayloadRequest> => {
  const req = await createLocalReq(user ? { user: staff(user) as never } : {}, payload)
  return Object.assign(req, { searchParams: new URLSearchParams(query) })
}

async function issueInvoice(
  customer: Customer,
  { period, issuedAt, amount }: { period: string; issuedAt: string; amount: number },
) {
  return payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      period,
      issueDate: issuedAt,
      dueDate: issuedAt,
      lines: [{ description: `Paket ${period}`, kind: 'package', quantity: 1, unitPrice: amount }],
    } as never,
    overrideAccess: true,
  })
}

async function pay(
  user: User,
  customer: Customer,
  input: {
    amount: number
    method: 'cash' | 'bank_transfer' | 'qris'
    paymentDate: string
    invoices?: number[]
    reference?: string
  },
) {
  const { payment } = await recordPayment({
    req: await reqAs(user),
    input: { customer: customer.id, ...input },
    idempotencyKey: unique('key-'),
  })
  return payment
}

beforeAll(async () => {
  payload = await testPayload()
  finance = (await createStaff(payload, 'finance')).user as User
  cs = (await createStaff(payload, 'customer_service')).user as User
  areaA = unique('Sukmajaya ')
  areaB = unique('Beji ')
  for (const [key, area] of [
    ['c1', areaA],
    ['c2', areaA],
    ['c3', areaB],
    ['c4', areaA],
  ] as const)
    customers[key] = (await createCustomer(payload, { area })).customer as Customer

  // 00:30 WIB on 1 March is still 28 February in UTC: it belongs to March.
  invoices.c1 = await issueInvoice(customers.c1!, {
    period: MONTH,
    issuedAt: '2031-02-28T17:30:00.000Z',
    amount: 200_000,
  })
  // 23:30 WIB on 28 February: February, whatever UTC says.
  invoices.c1Feb = await issueInvoice(customers.c1!, {
    period: '2031-02',
    issuedAt: '2031-02-28T16:30:00.000Z',
    amount: 250_000,
  })
  invoices.c2 = await issueInvoice(customers.c2!, {
    period: MONTH,
    issuedAt: '2031-03-05T03:00:00.000Z',
    amount: 300_000,
  })
  invoices.c3 = await issueInvoice(customers.c3!, {
    period: MONTH,
    issuedAt: '2031-03-05T03:00:00.000Z',
    amount: 150_000,
  })
  invoices.c4 = await issueInvoice(customers.c4!, {
    period: MONTH,
    issuedAt: '2031-03-05T03:00:00.000Z',
    amount: 100_000,
  })
  await voidInvoice({ req: await reqAs(finance), id: invoices.c4.id, reason: 'Salah paket' })

  // Finance records money they hold: verified at once, applied to the named invoice.
  await pay(finance, customers.c1!, {
    amount: 200_000,
    method: 'cash',
    paymentDate: '2031-03-05T02:00:00.000Z',
    invoices: [invoices.c1.id],
  })
  // 23:30 WIB on 31 March: March.
  await pay(finance, customers.c2!, {
    amount: 100_000,
    method: 'bank_transfer',
    paymentDate: '2031-03-31T16:30:00.000Z',
    reference: 'TRF-1',
  })
  // 00:10 WIB on 1 April: April, not March.
  await pay(finance, customers.c3!, { amount: 150_000, method: 'qris', paymentDate: '2031-03-31T17:10:00.000Z' })
  // Customer service's payments wait for finance: one stays pending, one is rejected. Neither counts.
  await pay(cs, customers.c2!, {
    amount: 50_000,
    method: 'bank_transfer',
    paymentDate: '2031-03-20T03:00:00.000Z',
    reference: 'TRF-2',
  })
  const rejected = await pay(cs, customers.c1!, {
    amount: 75_000,
    method: 'bank_transfer',
    paymentDate: '2031-03-21T03:00:00.000Z',
    reference: 'TRF-3',
  })
  await rejectPayment({ req: await reqAs(finance), id: rejected.id, reason: 'Transfer tidak masuk ke rekening' })
})

describe('revenue report', () => {
  it('counts billed, collected (verified, by WIB payment date) and outstanding for an area and month', async () => {
    const settled = await payload.findByID({ collection: 'invoices', id: invoices.c1!.id, overrideAccess: true })
    expect(settled.status).toBe('paid')

    const report = await revenueReport({ req: await reqAs(finance), filters: { month: MONTH, area: areaA } })
    expect(report).toMatchObject({
      billed: 500_000,
      invoiceCount: 2,
      collected: 300_000,
      paymentCount: 2,
      outstanding: 200_000,
    })
    expect(report.byMethod).toEqual([
      { method: 'cash', amount: 200_000, count: 1 },
      { method: 'bank_transfer', amount: 100_000, count: 1 },
    ])
    expect(report.byArea).toEqual([{ area: areaA, billed: 500_000, collected: 300_000, outstanding: 200_000 }])

    const other = await revenueReport({ req: await reqAs(finance), filters: { month: MONTH, area: areaB } })
    expect(other).toMatchObject({ billed: 150_000, collected: 0, outstanding: 0 })
    const april = await revenueReport({ req: await reqAs(finance), filters: { month: '2031-04', area: areaB } })
    expect(april).toMatchObject({
      billed: 0,
      collected: 150_000,
      byMethod: [{ method: 'qris', amount: 150_000, count: 1 }],
    })
  })

  it('narrows collected money by method, leaves billed alone, and splits all areas when none is chosen', async () => {
    const cash = await revenueReport({
      req: await reqAs(finance),
      filters: { month: MONTH, area: areaA, method: 'cash' },
    })
    expect(cash).toMatchObject({ billed: 500_000, collected: 200_000, paymentCount: 1 })

    const all = await revenueReport({ req: await reqAs(finance), filters: { month: MONTH } })
    const mine = all.byArea
      .filter((a) => a.area === areaA || a.area === areaB)
      .sort((a, b) => String(a.area).localeCompare(String(b.area)))
    expect(mine).toEqual(
      [
        { area: areaA, billed: 500_000, collected: 300_000, outstanding: 200_000 },
        { area: areaB, billed: 150_000, collected: 0, outstanding: 0 },
      ].sort((a, b) => a.area.localeCompare(b.area)),
    )
    // The totals are the sum of the areas.
    expect(all.billed).toBe(all.byArea.reduce((sum, a) => sum + a.billed, 0))
    expect(all.collected).toBe(all.byMethod.reduce((sum, m) => sum + m.amount, 0))
  })

  it('draws twelve months ending with the chosen one, each in its WIB month', async () => {
    const { trend } = await revenueReport({ req: await reqAs(finance), filters: { month: MONTH, area: areaA } })
    expect(trend.map((t) => t.month)).toEqual(Array.from({ length: 12 }, (_, i) => addMonths('2030-04', i)))
    expect(trend.at(-1)).toEqual({ month: MONTH, billed: 500_000, collected: 300_000 })
    expect(trend.at(-2)).toEqual({ month: '2031-02', billed: 250_000, collected: 0 })
    expect(trend.slice(0, 10).every((t) => t.billed === 0 && t.collected === 0)).toBe(true)
  })
})

describe('payment history and filters', () => {
  it('lists the month’s payments of every status, oldest first, filtered and capped', async () => {
    const req = await reqAs(finance)
    const { rows, truncated } = await paymentHistory({ req, filters: { month: MONTH, area: areaA }, limit: 100 })
    expect(truncated).toBe(false)
    expect(rows.map((r) => [r.amount, r.method, r.status])).toEqual([
      [200_000, 'cash', 'verified'],
      [50_000, 'bank_transfer', 'pending'],
      [75_000, 'bank_transfer', 'rejected'],
      [100_000, 'bank_transfer', 'verified'],
    ])
    expect(rows[0]).toMatchObject({
      customerName: customers.c1!.name,
      customerNumber: customers.c1!.number,
      processedBy: finance.name,
      period: MONTH,
    })
    expect(rows[0]!.number).toMatch(/^PAY\d{11,}$/)

    const pending = await paymentHistory({ req, filters: { month: MONTH, area: areaA, status: 'pending' }, limit: 100 })
    expect(pending.rows.map((r) => r.reference)).toEqual(['TRF-2'])
    const oneCustomer = await paymentHistory({ req, filters: { month: MONTH, customer: customers.c2!.id }, limit: 100 })
    expect(oneCustomer.rows.map((r) => r.amount)).toEqual([50_000, 100_000])
    const capped = await paymentHistory({ req, filters: { month: MONTH, area: areaA }, limit: 2 })
    expect([capped.rows.length, capped.truncated]).toEqual([2, true])
  })

  it('refuses malformed filters with an Indonesian message', () => {
    const q = (s: string) => new URLSearchParams(s)
    expect(() => parseReportFilters(q('month=2031-13'))).toThrow(/Bulan "2031-13" tidak valid/)
    expect(() => parseReportFilters(q('month=maret'))).toThrow(/format YYYY-MM/)
    expect(() => parseReportFilters(q('month=2031-03&method=cek'))).toThrow(/Metode "cek" tidak dikenal/)
    expect(() => parseReportFilters(q('month=2031-03&status=lunas'))).toThrow(/Status "lunas" tidak dikenal/)
    expect(() => parseReportFilters(q('month=2031-03&customer=abc'))).toThrow(/customer/)
    expect(parseReportFilters(q('month=2031-03&area=%20Beji%20&method=qris'))).toMatchObject({
      month: '2031-03',
      area: 'Beji',
      method: 'qris',
    })
  })
})

describe('report endpoints', () => {
  const errorOf = async (res: Response) => ((await res.json()) as { errors: { message: string }[] }).errors[0]!.message

  it('GET /api/billing/revenue: finance gets the report, others 401/403, a bad month 400', async () => {
    const ok = await revenueReportEndpoint.handler(
      await reqAs(finance, `month=${MONTH}&area=${encodeURIComponent(areaA)}`),
    )
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ month: MONTH, billed: 500_000, collected: 300_000, outstanding: 200_000 })

    expect((await revenueReportEndpoint.handler(await reqAs(null, `month=${MONTH}`))).status).toBe(401)
    const forbidden = await revenueReportEndpoint.handler(await reqAs(cs, `month=${MONTH}`))
    expect(forbidden.status).toBe(403)
    const bad = await revenueReportEndpoint.handler(await reqAs(finance, 'month=2031-3'))
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toMatch(/Bulan "2031-3" tidak valid/)
  })

  it('GET /api/billing/suspension-preview: customer service may look; a bad day is 400', async () => {
    const ok = await suspensionPreviewEndpoint.handler(await reqAs(cs, 'day=2031-04-20'))
    expect(ok.status).toBe(200)
    const preview = (await ok.json()) as {
      day: string
      graceDays: number
      customers: { customerId: number; invoiceNumber: string }[]
    }
    expect(preview.day).toBe('2031-04-20')
    // c2 still owes on the March invoice (due 5 March), far past the grace days by 20 April.
    expect(preview.customers.find((c) => c.customerId === customers.c2!.id)?.invoiceNumber).toBe(invoices.c2!.number)
    expect(preview.customers.some((c) => c.customerId === customers.c3!.id)).toBe(false)
    const bad = await suspensionPreviewEndpoint.handler(await reqAs(cs, 'day=2031-02-30'))
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toMatch(/Tanggal "2031-02-30" tidak valid/)
    const technician = (await createStaff(payload, 'technician')).user as User
    expect((await suspensionPreviewEndpoint.handler(await reqAs(technician))).status).toBe(403)
  })

  it('GET /api/payments/export: an Excel file of the filtered payments named after the month; PDF too', async () => {
    const res = await exportPaymentsEndpoint.handler(
      await reqAs(finance, `format=xlsx&month=${MONTH}&area=${encodeURIComponent(areaA)}&status=verified`),
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pembayaran-2031-03.xlsx"')
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await res.arrayBuffer())
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String)
    const numbers = cells.filter((c) => /^PAY\d+$/.test(c))
    expect(numbers).toHaveLength(2)

    const pdf = await exportPaymentsEndpoint.handler(
      await reqAs(finance, `format=pdf&month=${MONTH}&area=${encodeURIComponent(areaA)}`),
    )
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="pembayaran-2031-03.pdf"')
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')

    expect((await exportPaymentsEndpoint.handler(await reqAs(finance, 'format=csv&month=2031-03'))).status).toBe(400)
    expect((await exportPaymentsEndpoint.handler(await reqAs(finance, 'format=xlsx&month=2031-00'))).status).toBe(400)
    expect((await exportPaymentsEndpoint.handler(await reqAs(cs, 'format=xlsx&month=2031-03'))).status).toBe(403)
  })
})
