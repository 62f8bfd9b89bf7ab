import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { inRequestTransaction, inTransaction } from '../../../../db/transaction'
import { queueInvoicePdfRenders } from '../documents/prerender'
import { addDays, periodLabel, periodOf, wibDayStart, type WibDay } from '../calendar'
import { billingSettings, ppnRateOf } from '../settings'

export type InvoiceRunResult = {
  period: string
  created: number
  firstNumber: string | null
  lastNumber: string | null
}

/**
 * The monthly invoice run for one WIB day: every active (or suspended) customer with a package
 * whose billing day has come this month and who has no invoice for the month gets one, with the
 * package line (prorated from the activation date in the first month), the pending one-off charges
 * and discounts, PPN when enabled, and any credit applied.
 *
 * Everything happens inside PostgreSQL in one transaction, in bulk (one statement per step, not one
 * call per invoice). A transaction-scoped advisory lock makes concurrent runs queue up; the second
 * finds the invoices of the first and adds nothing. A run killed midway rolls back whole. Numbers
 * `INVyyyymmddxxx` continue the day's counter (locked for the run), so they stay gap-free.
 */
export async function generateInvoices({
  payload,
  day,
  req: outer,
}: {
  payload: Payload
  day: WibDay
  /** Run inside this request's transaction (it commits); otherwise in a transaction of its own. */
  req?: PayloadRequest
}): Promise<InvoiceRunResult> {
  const period = periodOf(day)
  const dayOfMonth = Number(day.slice(8, 10))
  const stamp = day.replaceAll('-', '')
  const periodStart = `${period}-01`

  const work = async (req: PayloadRequest): Promise<InvoiceRunResult> => {
    const run = (query: unknown) => executeSql(req, query)
    await run(sql`SELECT pg_advisory_xact_lock(hashtext('billing:generate-invoices'))`)
    // A caller's transaction may hold an earlier run's work tables (they go at commit).
    await run(sql`DROP TABLE IF EXISTS pg_temp.invoice_run, pg_temp.invoice_run_lines, pg_temp.invoice_run_totals`)
    const settings = await billingSettings(payload, req)
    const ppnRate = ppnRateOf(settings) ?? 0
    const prorate = settings.prorateFirstMonth !== false
    const issueDate = wibDayStart(day).toISOString()
    const dueDate = wibDayStart(addDays(day, settings.dueDays ?? 10)).toISOString()
    const label = periodLabel(period)

    // Who gets an invoice, and the package line of each.
    await run(sql`
      CREATE TEMP TABLE invoice_run ON COMMIT DROP AS
      SELECT c.id AS customer_id,
             row_number() OVER (ORDER BY c.id) AS seq,
             coalesce(c.credit_balance, 0) AS credit_balance,
             p.name AS package_name,
             p.monthly_price AS price,
             (c.activation_date AT TIME ZONE 'Asia/Jakarta')::date AS active_from
        FROM customers c
        JOIN packages p ON p.id = c.package_id
       WHERE c.status IN ('active', 'suspended')
         AND c.billing_day <= ${dayOfMonth}
         AND (c.activation_date IS NULL OR (c.activation_date AT TIME ZONE 'Asia/Jakarta')::date <= ${day}::date)
         AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.period = ${period})`)

    const daysInMonth = sql`extract(day from (date_trunc('month', ${periodStart}::date) + interval '1 month - 1 day'))`
    await run(sql`
      CREATE TEMP TABLE invoice_run_lines ON COMMIT DROP AS
      SELECT r.customer_id, 0 AS ord, NULL::integer AS adjustment_id,
             CASE WHEN ${prorate} AND r.active_from > ${periodStart}::date
                  THEN 'Paket ' || r.package_name || ' ' || ${label} || ' (prorata ' || (${daysInMonth} - extract(day from r.active_from) + 1) || '/' || ${daysInMonth} || ' hari)'
                  ELSE 'Paket ' || r.package_name || ' ' || ${label} END AS description,
             CASE WHEN ${prorate} AND r.active_from > ${periodStart}::date THEN 'proration' ELSE 'package' END AS kind,
             CASE WHEN ${prorate} AND r.active_from > ${periodStart}::date
                  THEN round(r.price * (${daysInMonth} - extract(day from r.active_from) + 1) / ${daysInMonth})
                  ELSE r.price END AS amount
        FROM invoice_run r
      UNION ALL
      SELECT a.customer_id, row_number() OVER (PARTITION BY a.customer_id ORDER BY a.id) AS ord, a.id,
             a.description, a.kind::text, a.amount
        FROM billing_adjustments a
        JOIN invoice_run r ON r.customer_id = a.customer_id
       WHERE a.status = 'pending'`)

    // Totals as computeTotals() does them (tests/int/billing-price-rule.test.ts holds the two to the
    // same fixtures): discounts never below zero, PPN on the rest, credit last.
    await run(sql`
      CREATE TEMP TABLE invoice_run_totals ON COMMIT DROP AS
      SELECT t.*, t.total - t.credit_applied AS balance_due
        FROM (
          SELECT s.*, least(s.credit_balance, s.total) AS credit_applied
            FROM (
              SELECT b.*, b.subtotal - b.discount_total + round((b.subtotal - b.discount_total) * ${ppnRate} / 100) AS total,
                     round((b.subtotal - b.discount_total) * ${ppnRate} / 100) AS ppn
                FROM (
                  SELECT r.customer_id, r.seq, r.credit_balance,
                         coalesce(sum(l.amount) FILTER (WHERE l.amount > 0), 0) AS subtotal,
                         least(coalesce(sum(l.amount) FILTER (WHERE l.amount > 0), 0), -coalesce(sum(l.amount) FILTER (WHERE l.amount < 0), 0)) AS discount_total
                    FROM invoice_run r JOIN invoice_run_lines l ON l.customer_id = r.customer_id
                   GROUP BY r.customer_id, r.seq, r.credit_balance) b) s) t`)

    const counter = await run(sql`
      INSERT INTO number_sequences (prefix, day, last_value, updated_at, created_at) VALUES ('INV', ${stamp}, 0, now(), now())
      ON CONFLICT (prefix, day) DO UPDATE SET updated_at = now()
      RETURNING last_value`)
    const last = Number(counter.rows[0]!.last_value)

    // At least three digits, more past 999 (lpad alone would cut `1000` to `100` and collide).
    const sequence = sql`(${last} + t.seq)::text`
    const inserted = await run(sql`
      INSERT INTO invoices (number, customer_id, period, issue_date, due_date, subtotal, discount_total, ppn, ppn_rate, total,
                            credit_applied, amount_paid, balance_due, status, paid_at, updated_at, created_at)
      SELECT 'INV' || ${stamp} || lpad(${sequence}, greatest(3, length(${sequence})), '0'), t.customer_id, ${period}, ${issueDate}::timestamptz, ${dueDate}::timestamptz,
             t.subtotal, t.discount_total, t.ppn, ${ppnRate}, t.total, t.credit_applied, 0, t.balance_due,
             (CASE WHEN t.balance_due <= 0 THEN 'paid' ELSE 'unpaid' END)::enum_invoices_status,
             CASE WHEN t.balance_due <= 0 THEN now() END, now(), now()
        FROM invoice_run_totals t ORDER BY t.seq`)
    const created = (inserted as { rowCount?: number }).rowCount ?? 0
    if (created === 0) return { period, created: 0, firstNumber: null, lastNumber: null }

    await run(sql`
      INSERT INTO invoices_lines (_order, _parent_id, id, description, kind, quantity, unit_price, amount)
      SELECT l.ord + 1, i.id, replace(gen_random_uuid()::text, '-', ''), left(l.description, 200), l.kind::enum_invoices_lines_kind, 1, l.amount, l.amount
        FROM invoice_run_lines l JOIN invoices i ON i.customer_id = l.customer_id AND i.period = ${period}`)
    await run(sql`
      UPDATE billing_adjustments a SET status = 'billed', invoice_id = i.id, updated_at = now()
        FROM invoice_run_lines l JOIN invoices i ON i.customer_id = l.customer_id AND i.period = ${period}
       WHERE l.adjustment_id = a.id`)
    await run(sql`
      UPDATE customers c SET credit_balance = c.credit_balance - t.credit_applied, updated_at = now()
        FROM invoice_run_totals t WHERE t.customer_id = c.id AND t.credit_applied > 0`)
    await run(
      sql`UPDATE number_sequences SET last_value = ${last + created}, updated_at = now() WHERE prefix = 'INV' AND day = ${stamp}`,
    )
    // Their PDFs are rendered ahead by jobs, so each customer's first download is served from the cache.
    await queueInvoicePdfRenders(
      req,
      sql`SELECT i.id FROM invoices i JOIN invoice_run_totals t ON t.customer_id = i.customer_id WHERE i.period = ${period}`,
    )
    // The customers hear of their invoices from a follow-up job (in bulk, in batches), committed with them.
    await payload.jobs.queue({ task: 'notifyInvoicesIssued', input: { day }, req })

    const format = (n: number) => `INV${stamp}${String(n).padStart(3, '0')}`
    return { period, created, firstNumber: format(last + 1), lastNumber: format(last + created) }
  }
  return outer ? inRequestTransaction(outer, work) : inTransaction(payload, work)
}
