/**
 * Older billing history for benchmarks that need the volumes (≈24 invoices and ≈20
 * payments per customer: 2.4M and 2M at 100k customers) where the generator writes what its 24
 * months of history imply (only active customer-months are billed, so ≈14 of each per customer).
 *
 * The generator's invoices are copied 30, 60, … months further back (so no period meets a real
 * one), as many as the target needs: the first ones paid in full (a verified payment two days
 * before the due date, with its allocation), the rest void; none has a balance due. Nothing the
 * analytics read changes (they look at the last 24 months and at balances due); the tables, their
 * indexes and every scan of them are as big as the figures. Bench data only.
 */
import type pg from 'pg'

export type Padding = { invoices: number; payments: number }

const SHIFT_MONTHS = 30

export async function padBillingHistory(
  client: pg.Client,
  target: { invoices: number; payments: number },
): Promise<Padding> {
  const { rows } = await client.query<{ invoices: string; payments: string }>(
    `SELECT (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM payments) AS payments`,
  )
  const have = { invoices: Number(rows[0]!.invoices), payments: Number(rows[0]!.payments) }
  const invoices = Math.max(0, target.invoices - have.invoices)
  if (!invoices || !have.invoices) return { invoices: 0, payments: 0 }
  const payments = Math.min(invoices, Math.max(0, target.payments - have.payments))
  const rounds = Math.ceil(invoices / have.invoices)
  await client.query('BEGIN')
  try {
    await client.query(
      `CREATE TEMP TABLE padding ON COMMIT DROP AS
       WITH shifted AS (
         SELECT i.customer_id, i.total,
                to_char(to_date(i.period, 'YYYY-MM') - make_interval(months => $1 * k), 'YYYY-MM') AS period,
                i.issue_date - make_interval(months => $1 * k) AS issue_date,
                i.due_date - make_interval(months => $1 * k) AS due_date,
                row_number() OVER (ORDER BY k, i.id) AS n
           FROM invoices i CROSS JOIN generate_series(1, $2::int) k
       ), kept AS (
         SELECT s.*, s.n <= $4 AS paid,
                to_char(s.issue_date AT TIME ZONE 'Asia/Jakarta', 'YYYYMMDD') AS inv_day,
                to_char((s.due_date - interval '2 days') AT TIME ZONE 'Asia/Jakarta', 'YYYYMMDD') AS pay_day
           FROM shifted s WHERE s.n <= $3
       )
       SELECT k.*,
              nextval(pg_get_serial_sequence('invoices', 'id')) AS invoice_id,
              CASE WHEN k.paid THEN nextval(pg_get_serial_sequence('payments', 'id')) END AS payment_id,
              'INV' || k.inv_day || lpad((row_number() OVER (PARTITION BY k.inv_day ORDER BY k.n))::text, 6, '0') AS invoice_number,
              CASE WHEN k.paid THEN 'PAY' || k.pay_day || lpad((row_number() OVER (PARTITION BY k.paid, k.pay_day ORDER BY k.n))::text, 6, '0') END AS payment_number,
              CASE WHEN k.paid THEN k.due_date - interval '2 days' END AS paid_at
         FROM kept k`,
      [SHIFT_MONTHS, rounds, invoices, payments],
    )
    await client.query(
      `INSERT INTO invoices (id, number, customer_id, period, issue_date, due_date, subtotal, discount_total, ppn, ppn_rate,
                             total, credit_applied, amount_paid, balance_due, status, paid_at, created_at, updated_at)
       SELECT p.invoice_id, p.invoice_number, p.customer_id, p.period, p.issue_date, p.due_date, p.total, 0, 0, 0, p.total, 0,
              CASE WHEN p.paid THEN p.total ELSE 0 END, 0,
              CASE WHEN p.paid THEN 'paid' ELSE 'void' END::enum_invoices_status,
              p.paid_at, p.issue_date, coalesce(p.paid_at, p.issue_date)
         FROM padding p`,
    )
    await client.query(
      `INSERT INTO invoices_lines (_order, _parent_id, id, description, kind, quantity, unit_price, amount)
       SELECT 1, p.invoice_id, 'pad-' || p.invoice_id, 'Paket ' || p.period, 'package'::enum_invoices_lines_kind, 1, p.total, p.total
         FROM padding p`,
    )
    await client.query(
      `INSERT INTO payments (id, number, customer_id, amount, method, reference, period, payment_date, due_date, status,
                             verified_at, source, credit_added, created_at, updated_at)
       SELECT p.payment_id, p.payment_number, p.customer_id, p.total, 'bank_transfer'::enum_payments_method,
              'PAD' || p.payment_id, p.period, p.paid_at, p.due_date, 'verified', p.paid_at, 'admin', 0, p.paid_at, p.paid_at
         FROM padding p WHERE p.paid`,
    )
    await client.query(
      `INSERT INTO payments_rels ("order", parent_id, path, invoices_id)
       SELECT 1, p.payment_id, 'invoices', p.invoice_id FROM padding p WHERE p.paid`,
    )
    await client.query(
      `INSERT INTO payments_allocations (_order, _parent_id, id, invoice_id, amount)
       SELECT 1, p.payment_id, 'pad-' || p.payment_id, p.invoice_id, p.total FROM padding p WHERE p.paid`,
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
  return { invoices, payments }
}
