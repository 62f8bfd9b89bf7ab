import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import type { PaymentMethod, PaymentStatus } from '../../model'
import type { PaymentExportRow } from '../../documents/types'
import type { Period } from '../calendar'
import { addMonths, type BillingReportFilters, periodBounds } from './reportFilters'

export type RevenueReport = {
  month: Period
  filters: { area?: string; method?: PaymentMethod }
  /** Sum of the totals of non-void invoices issued in the month (WIB). */
  billed: number
  invoiceCount: number
  /** Verified payments dated in the month (WIB). */
  collected: number
  paymentCount: number
  /** What is still open today on the invoices issued in the month. */
  outstanding: number
  byMethod: { method: PaymentMethod; amount: number; count: number }[]
  /** `area` is null for customers without one. */
  byArea: { area: string | null; billed: number; collected: number; outstanding: number }[]
  /** The 12 months ending with `month`, oldest first. */
  trend: { month: Period; billed: number; collected: number }[]
}

type SQL = ReturnType<typeof sql>

const num = (value: unknown): number => Number(value ?? 0)

/** `AND c.area = …` when an area is chosen (over a customers alias `c`). */
const areaCondition = (area?: string): SQL => (area ? sql` AND c.area = ${area}` : sql``)
const methodCondition = (method?: PaymentMethod): SQL => (method ? sql` AND p.method = ${method}` : sql``)

/**
 * The monthly revenue report: billed, collected and outstanding for a WIB month, split by method
 * and by customer area, with a 12-month trend. Only verified money counts as collected. The
 * method filter narrows collected money only (invoices have no method); the area filter narrows
 * everything. Runs a handful of aggregate queries, so it stays fast at 100k customers.
 */
export async function revenueReport({
  req,
  filters,
}: {
  req: PayloadRequest
  filters: Pick<BillingReportFilters, 'month' | 'area' | 'method'>
}): Promise<RevenueReport> {
  const { month, area, method } = filters
  const { start, end } = periodBounds(month)

  const invoices = await executeSql(
    req,
    sql`
    SELECT c.area, count(*) AS invoice_count, coalesce(sum(i.total), 0) AS billed, coalesce(sum(i.balance_due), 0) AS outstanding
      FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id
     WHERE i.status <> 'void' AND i.issue_date >= ${start} AND i.issue_date < ${end}${areaCondition(area)}
     GROUP BY c.area`,
  )
  const payments = await executeSql(
    req,
    sql`
    SELECT c.area, p.method, count(*) AS payment_count, coalesce(sum(p.amount), 0) AS collected
      FROM payments p LEFT JOIN customers c ON c.id = p.customer_id
     WHERE p.status = 'verified' AND p.payment_date >= ${start} AND p.payment_date < ${end}${areaCondition(area)}${methodCondition(method)}
     GROUP BY c.area, p.method`,
  )

  const areas = new Map<
    string | null,
    { area: string | null; billed: number; collected: number; outstanding: number }
  >()
  const areaRow = (name: unknown) => {
    const key = (name as string | null) ?? null
    let row = areas.get(key)
    if (!row) areas.set(key, (row = { area: key, billed: 0, collected: 0, outstanding: 0 }))
    return row
  }
  const methods = new Map<PaymentMethod, { method: PaymentMethod; amount: number; count: number }>()
  let billed = 0
  let outstanding = 0
  let invoiceCount = 0
  for (const r of invoices.rows) {
    const row = areaRow(r.area)
    row.billed += num(r.billed)
    row.outstanding += num(r.outstanding)
    billed += num(r.billed)
    outstanding += num(r.outstanding)
    invoiceCount += num(r.invoice_count)
  }
  let collected = 0
  let paymentCount = 0
  for (const r of payments.rows) {
    areaRow(r.area).collected += num(r.collected)
    const m = r.method as PaymentMethod
    const entry = methods.get(m) ?? { method: m, amount: 0, count: 0 }
    entry.amount += num(r.collected)
    entry.count += num(r.payment_count)
    methods.set(m, entry)
    collected += num(r.collected)
    paymentCount += num(r.payment_count)
  }

  const first = addMonths(month, -11)
  const trendStart = periodBounds(first).start
  const trendRows = await executeSql(
    req,
    sql`
    WITH billed AS (
      SELECT to_char(i.issue_date AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month, sum(i.total) AS amount
        FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id
       WHERE i.status <> 'void' AND i.issue_date >= ${trendStart} AND i.issue_date < ${end}${areaCondition(area)}
       GROUP BY 1),
    collected AS (
      SELECT to_char(p.payment_date AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month, sum(p.amount) AS amount
        FROM payments p LEFT JOIN customers c ON c.id = p.customer_id
       WHERE p.status = 'verified' AND p.payment_date >= ${trendStart} AND p.payment_date < ${end}${areaCondition(area)}${methodCondition(method)}
       GROUP BY 1)
    SELECT coalesce(b.month, k.month) AS month, b.amount AS billed, k.amount AS collected
      FROM billed b FULL JOIN collected k ON k.month = b.month`,
  )
  const byMonth = new Map(trendRows.rows.map((r) => [String(r.month), r]))
  const trend = Array.from({ length: 12 }, (_, index) => {
    const m = addMonths(first, index)
    const r = byMonth.get(m)
    return { month: m, billed: num(r?.billed), collected: num(r?.collected) }
  })

  return {
    month,
    filters: { area, method },
    billed,
    invoiceCount,
    collected,
    paymentCount,
    outstanding,
    byMethod: [...methods.values()].sort((a, b) => b.amount - a.amount),
    byArea: [...areas.values()].sort(
      (a, b) => b.billed + b.collected - (a.billed + a.collected) || String(a.area).localeCompare(String(b.area)),
    ),
    trend,
  }
}

/** A payment as the history and its exports list it. */
export type PaymentHistoryRow = Omit<PaymentExportRow, 'paymentDate'> & { id: number; paymentDate: Date }

/**
 * Payments matching the report filters (dated in the month, WIB), oldest first, at most `limit`
 * rows; `truncated` says there were more. Feeds the export and the list under the report.
 */
export async function paymentHistory({
  req,
  filters,
  limit,
}: {
  req: PayloadRequest
  filters: BillingReportFilters
  limit: number
}): Promise<{ rows: PaymentHistoryRow[]; truncated: boolean }> {
  const { start, end } = periodBounds(filters.month)
  const { rows } = await executeSql(
    req,
    sql`
    SELECT p.id, p.number, p.payment_date, p.method, p.reference, p.period, p.amount, p.status,
           c.name AS customer_name, c.number AS customer_number, u.name AS processed_by
      FROM payments p
      LEFT JOIN customers c ON c.id = p.customer_id
      LEFT JOIN users u ON u.id = p.processed_by_id
     WHERE p.payment_date >= ${start} AND p.payment_date < ${end}${areaCondition(filters.area)}${methodCondition(filters.method)}
       ${filters.status ? sql`AND p.status = ${filters.status}` : sql``}
       ${filters.customer ? sql`AND p.customer_id = ${filters.customer}` : sql``}
     ORDER BY p.payment_date, p.id
     LIMIT ${limit + 1}`,
  )
  return {
    truncated: rows.length > limit,
    rows: rows.slice(0, limit).map((r) => ({
      id: Number(r.id),
      number: String(r.number ?? ''),
      paymentDate: new Date(r.payment_date as string),
      customerName: String(r.customer_name ?? '—'),
      customerNumber: String(r.customer_number ?? ''),
      method: r.method as PaymentMethod,
      reference: (r.reference as string | null) ?? undefined,
      period: (r.period as string | null) ?? undefined,
      amount: num(r.amount),
      status: r.status as PaymentStatus,
      processedBy: (r.processed_by as string | null) ?? undefined,
    })),
  }
}

/** Areas customers are in, for the report's filter list. */
export async function customerAreas(req: PayloadRequest): Promise<string[]> {
  const { rows } = await executeSql(
    req,
    sql`SELECT DISTINCT area FROM customers WHERE area IS NOT NULL AND area <> '' ORDER BY area LIMIT 500`,
  )
  return rows.map((r) => String(r.area))
}
