import type pg from 'pg'

import { addDays } from '../../billing/operations/calendar'
import { wibIsoDay } from '../../../lib/wib'

/** Months of month-end MRR snapshots the generator writes behind the generated customers. */
export const HISTORY_MONTHS = 24
/** Days of daily snapshots up to today. */
export const HISTORY_DAYS = 30

/** The snapshot days of the generated history: month ends of the last 24 months, then daily. */
export function historyDays(now: Date): string[] {
  const today = wibIsoDay(now)
  const days = new Set<string>()
  let monthStart = `${today.slice(0, 7)}-01`
  for (let i = 0; i < HISTORY_MONTHS; i++) {
    const lastDay = addDays(monthStart, -1)
    days.add(lastDay)
    monthStart = `${lastDay.slice(0, 7)}-01`
  }
  for (let i = 0; i <= HISTORY_DAYS; i++) days.add(addDays(today, -i))
  return [...days].sort()
}

/**
 * MRR snapshots for the given customers as the daily job would have written them: on each
 * history day, every customer activated by then and not yet terminated, at the price of the
 * package they had that day (the one before a later package change). One INSERT … SELECT,
 * computed in PostgreSQL; days already written are left as they are.
 */
export async function writeSnapshotHistory(client: pg.ClientBase, customerIds: number[], now: Date): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO mrr_snapshots (customer_id, day, mrr, package_id, area, customer_status)
     SELECT c.id, d.day, p.monthly_price, p.id, c.area,
            CASE WHEN c.status = 'suspended' AND d.day >= $3 THEN 'suspended' ELSE 'active' END
       FROM unnest($2::text[]) AS d(day)
       JOIN customers c ON c.id = ANY($1::int[])
       CROSS JOIN LATERAL (
         SELECT coalesce(
           (SELECT (h.details->>'fromPackage')::int FROM service_history h
             WHERE h.customer_id = c.id AND h.type = 'package_change'
               AND h.occurred_at >= (d.day::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'
             ORDER BY h.occurred_at LIMIT 1),
           c.package_id) AS package_id
       ) at_day
       JOIN packages p ON p.id = at_day.package_id
      WHERE c.activation_date IS NOT NULL AND c.status <> 'prospect'
        AND c.activation_date < (d.day::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta'
        AND (c.terminated_at IS NULL OR c.terminated_at >= (d.day::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
     ON CONFLICT (customer_id, day) DO NOTHING`,
    [customerIds, historyDays(now), addDays(wibIsoDay(now), -20)],
  )
  return rowCount ?? 0
}

/** Periods (`YYYY-MM`) of the generated invoice history: the 24 months before this one, less the last (the demo's billing seed writes last month and this month with the invoice run itself). */
export function invoiceHistoryPeriods(now: Date): string[] {
  const today = wibIsoDay(now)
  const periods: string[] = []
  let monthStart = `${today.slice(0, 7)}-01`
  for (let i = 0; i < HISTORY_MONTHS; i++) {
    const lastDay = addDays(monthStart, -1)
    monthStart = `${lastDay.slice(0, 7)}-01`
    if (i > 0) periods.push(lastDay.slice(0, 7))
  }
  return periods.sort()
}

/**
 * Invoices and payments behind the MRR history, so billed, collected and days late have data: for
 * each history period, an invoice for every customer with MRR at its month end (its package line,
 * prorated in the activation month as the invoice run does), issued on the billing day (or the
 * activation day), due 10 days later. About 70% are paid within 9 days, 27% late (1–40 days after
 * the due date); the rest, in the last four months, and an isolir customer's latest invoice stay
 * unpaid. Which invoice falls where is decided by a hash of customer and period, so reruns agree.
 *
 * Set-based (one INSERT … SELECT per table) and idempotent: periods a customer already has an
 * invoice for are skipped (and the unique (customer, period) index refuses a duplicate), and
 * payments are written only for invoices written by this call.
 * Numbers continue the per-day INV/PAY counters, which are moved past them.
 */
export async function writeBillingHistory(
  client: pg.ClientBase,
  customerIds: number[],
  now: Date,
): Promise<{ invoices: number; payments: number }> {
  const periods = invoiceHistoryPeriods(now)
  const unpaidFrom = periods.at(-4) ?? periods[0]!
  const latest = periods.at(-1)!
  // Runs queue up (inside the caller's transaction); the second finds the first's invoices.
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('seed:billing-history'))`)
  await client.query(`DROP TABLE IF EXISTS pg_temp.history_invoices`)
  // What to write, decided once: invoice numbers and payment numbers continue the day counters.
  const { rowCount: invoices } = await client.query(
    `CREATE TEMP TABLE history_invoices AS
     WITH wanted AS (
       SELECT c.id AS customer_id, p.period, s.mrr, c.status, pk.name AS package_name,
              (c.activation_date AT TIME ZONE 'Asia/Jakarta')::date AS active_from,
              to_date(p.period, 'YYYY-MM') AS period_start,
              extract(day FROM to_date(p.period, 'YYYY-MM') + interval '1 month - 1 day')::int AS days,
              c.billing_day,
              (abs(hashtext(c.id || '/' || p.period)::bigint) % 100)::int AS h
         FROM unnest($2::text[]) AS p(period)
         JOIN mrr_snapshots s
           ON s.day = to_char(to_date(p.period, 'YYYY-MM') + interval '1 month - 1 day', 'YYYY-MM-DD')
          AND s.customer_id = ANY($1::int[]) AND s.mrr > 0
         JOIN customers c ON c.id = s.customer_id
         LEFT JOIN packages pk ON pk.id = s.package_id
        WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.period = p.period)
     ), priced AS (
       SELECT w.*,
              greatest(w.period_start + (least(greatest(coalesce(w.billing_day, 1), 1), 28) - 1)::int, coalesce(w.active_from, w.period_start)) AS issue_day,
              CASE WHEN w.active_from > w.period_start
                   THEN round(w.mrr * (w.days - extract(day FROM w.active_from) + 1) / w.days) ELSE w.mrr END AS amount,
              w.active_from > w.period_start AS prorated
         FROM wanted w
     ), fated AS (
       SELECT p.*,
              CASE WHEN (p.h >= 97 AND p.period >= $3) OR (p.status = 'suspended' AND p.period = $4) THEN NULL
                   WHEN p.h < 70 THEN p.issue_day + (p.h % 9)
                   ELSE p.issue_day + 10 + 1 + (p.h % 40) END AS paid_day
         FROM priced p
     ), numbered AS (
       SELECT f.*,
              'INV' || to_char(f.issue_day, 'YYYYMMDD') AS inv_day,
              row_number() OVER (PARTITION BY f.issue_day ORDER BY f.customer_id) AS inv_seq,
              CASE WHEN f.paid_day IS NOT NULL THEN row_number() OVER (PARTITION BY f.paid_day ORDER BY f.customer_id) END AS pay_seq
         FROM fated f
     )
     SELECT n.*,
            nextval(pg_get_serial_sequence('invoices', 'id')) AS invoice_id,
            CASE WHEN n.paid_day IS NOT NULL THEN nextval(pg_get_serial_sequence('payments', 'id')) END AS payment_id,
            'INV' || to_char(n.issue_day, 'YYYYMMDD') || lpad((n.inv_seq + coalesce(si.last_value, 0))::text, greatest(3, length((n.inv_seq + coalesce(si.last_value, 0))::text)), '0') AS invoice_number,
            CASE WHEN n.paid_day IS NOT NULL THEN 'PAY' || to_char(n.paid_day, 'YYYYMMDD') || lpad((n.pay_seq + coalesce(sp.last_value, 0))::text, greatest(3, length((n.pay_seq + coalesce(sp.last_value, 0))::text)), '0') END AS payment_number,
            n.issue_day::timestamp AT TIME ZONE 'Asia/Jakarta' AS issued_at,
            (n.issue_day + 10)::timestamp AT TIME ZONE 'Asia/Jakarta' AS due_at,
            (n.paid_day::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Jakarta' AS paid_at
       FROM numbered n
       LEFT JOIN number_sequences si ON si.prefix = 'INV' AND si.day = to_char(n.issue_day, 'YYYYMMDD')
       LEFT JOIN number_sequences sp ON sp.prefix = 'PAY' AND sp.day = to_char(n.paid_day, 'YYYYMMDD')`,
    [customerIds, periods, unpaidFrom, latest],
  )
  if (!invoices) return { invoices: 0, payments: 0 }
  // Ids were drawn above, so each table is one plain INSERT … SELECT (no joins back).
  await client.query(
    `INSERT INTO invoices (id, number, customer_id, period, issue_date, due_date, subtotal, discount_total, ppn, ppn_rate,
                           total, credit_applied, amount_paid, balance_due, status, paid_at, created_at, updated_at)
     SELECT h.invoice_id, h.invoice_number, h.customer_id, h.period, h.issued_at, h.due_at, h.amount, 0, 0, 0, h.amount, 0,
            CASE WHEN h.paid_day IS NULL THEN 0 ELSE h.amount END,
            CASE WHEN h.paid_day IS NULL THEN h.amount ELSE 0 END,
            CASE WHEN h.paid_day IS NULL THEN 'unpaid' ELSE 'paid' END::enum_invoices_status,
            h.paid_at, h.issued_at, coalesce(h.paid_at, h.issued_at)
       FROM history_invoices h`,
  )
  await client.query(
    `INSERT INTO invoices_lines (_order, _parent_id, id, description, kind, quantity, unit_price, amount)
     SELECT 1, h.invoice_id, 'hist-' || h.invoice_id,
            'Paket ' || coalesce(h.package_name, '') || ' ' || h.period || CASE WHEN h.prorated THEN ' (prorata)' ELSE '' END,
            CASE WHEN h.prorated THEN 'proration' ELSE 'package' END::enum_invoices_lines_kind, 1, h.amount, h.amount
       FROM history_invoices h`,
  )
  await client.query(
    `INSERT INTO payments (id, number, customer_id, amount, method, reference, period, payment_date, due_date, status,
                           verified_at, source, credit_added, created_at, updated_at)
     SELECT h.payment_id, h.payment_number, h.customer_id, h.amount,
            (ARRAY['bank_transfer', 'bank_transfer', 'qris', 'cash', 'gopay'])[1 + h.h % 5]::enum_payments_method,
            'TRF' || h.customer_id || replace(h.period, '-', ''), h.period, h.paid_at, h.due_at, 'verified',
            h.paid_at, 'admin', 0, h.paid_at, h.paid_at
       FROM history_invoices h WHERE h.payment_id IS NOT NULL`,
  )
  await client.query(
    `INSERT INTO payments_rels ("order", parent_id, path, invoices_id)
     SELECT 1, h.payment_id, 'invoices', h.invoice_id FROM history_invoices h WHERE h.payment_id IS NOT NULL`,
  )
  await client.query(
    `INSERT INTO payments_allocations (_order, _parent_id, id, invoice_id, amount)
     SELECT 1, h.payment_id, 'hist-' || h.payment_id, h.invoice_id, h.amount FROM history_invoices h WHERE h.payment_id IS NOT NULL`,
  )
  // The day counters move past the numbers used.
  await client.query(
    `INSERT INTO number_sequences (prefix, day, last_value)
     SELECT 'INV', to_char(issue_day, 'YYYYMMDD'), max(inv_seq) FROM history_invoices GROUP BY issue_day
     UNION ALL
     SELECT 'PAY', to_char(paid_day, 'YYYYMMDD'), max(pay_seq) FROM history_invoices WHERE paid_day IS NOT NULL GROUP BY paid_day
     ON CONFLICT (prefix, day) DO UPDATE SET last_value = number_sequences.last_value + EXCLUDED.last_value, updated_at = now()`,
  )
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM history_invoices WHERE paid_day IS NOT NULL`,
  )
  const payments = Number(rows[0]!.n)
  await client.query(`DROP TABLE pg_temp.history_invoices`)
  return { invoices, payments }
}
