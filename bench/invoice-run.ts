/**
 * invoice-run: the monthly invoice run for N active customers, OUR operation versus raw SQL doing
 * the same writes, in the same run on the same data:
 *
 *   ours      generateInvoices({ payload, day }) in this process, as the generateInvoices job calls
 *             it: advisory lock, settings global, the run/lines/totals temp tables, the INV counter,
 *             invoices, invoices_lines, adjustments and credit updates, one transaction.
 *   baseline  one transaction with the INV counter upsert, ONE `WITH … INSERT INTO invoices …
 *             RETURNING … INSERT INTO invoices_lines SELECT …` statement computing the same rows
 *             (numbers, proration, totals, status, dates, one package line each), and the counter
 *             update. It knows there are no adjustments, no credit and no PPN in this data set;
 *             ours has to look.
 *
 * Setup (not timed): the generator's customers, then one UPDATE making every customer `active` and
 * activated by the run day, so all N get an invoice. The run day is the 28th of the current WIB
 * month (every billing day, 1–28, has come). Before each run: TRUNCATE invoices and their lines,
 * drop the day's INV counter row, ANALYZE, CHECKPOINT. After each run (not timed) the invoices and
 * lines are checked: N invoices, N lines, numbers 001…N without a gap, the counter at N, and a
 * digest of every invoice and line field identical across all runs of both sides.
 * Target: ours ≤ 3 × baseline (best of the runs).
 */
import type pg from 'pg'

import {
  addDays,
  daysInPeriod,
  periodLabel,
  periodOf,
  wibDay,
  wibDayStart,
} from '../src/plugins/billing/operations/calendar'
import { BenchError, type Cleanups } from './lib/harness'
import { alternate, billingBench, type BillingOptions, runBillingBench, profileOurs, report } from './lib/billing'

export const description =
  'monthly invoice run for N active customers: generateInvoices() vs one raw SQL INSERT … SELECT'

const TARGET_RATIO = 3

export async function run(args: string[]): Promise<number> {
  return runBillingBench(
    'invoice-run',
    'generateInvoices() for N active customers vs raw SQL INSERT … SELECT of the same rows (target ≤ 3×)',
    args,
    benchmark,
  )
}

type Digest = {
  invoices: number
  lines: number
  totalSum: string
  counter: number
  firstNumber: string
  lastNumber: string
  distinctNumbers: number
  invoiceDigest: string
  lineDigest: string
}

async function benchmark(options: BillingOptions, stamp: string, cleanups: Cleanups): Promise<number> {
  const started = Date.now()
  console.log(`invoice-run: ${options.customers} customers, ${options.runs} runs per side (alternating)\n`)
  const bench = await billingBench('inv', stamp, options, cleanups)
  const { payload, client } = bench

  const today = wibDay()
  const day = `${periodOf(today)}-28`
  const period = periodOf(day)
  const dayStamp = day.replaceAll('-', '')
  console.log(`run day ${day} (period ${period})`)

  // Every customer active, with a package (the generator gives each one) and activated by the run day.
  const t = Date.now()
  const updated = await client.query(
    `UPDATE customers SET status = 'active', activation_date = least(coalesce(activation_date, created_at), $1::timestamptz)
      WHERE status <> 'active' OR activation_date IS NULL OR activation_date > $1::timestamptz`,
    [wibDayStart(day).toISOString()],
  )
  await client.query('VACUUM ANALYZE customers')
  const { rows: eligibleRows } = await client.query<{ n: string; prorated: string }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE (activation_date AT TIME ZONE 'Asia/Jakarta')::date > $2::date) AS prorated
       FROM customers WHERE status = 'active' AND package_id IS NOT NULL AND billing_day <= 28 AND (activation_date AT TIME ZONE 'Asia/Jakarta')::date <= $1::date`,
    [day, `${period}-01`],
  )
  const expected = Number(eligibleRows[0]!.n)
  if (expected !== bench.dataset.customers)
    throw new BenchError(`setup left ${expected} of ${bench.dataset.customers} customers eligible for an invoice`)
  console.log(
    `setup: ${updated.rowCount} customers made active; ${expected} eligible, ${eligibleRows[0]!.prorated} of them prorated (activated this month), in ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
  )

  const reset = async () => {
    await client.query('TRUNCATE invoices, invoices_lines RESTART IDENTITY CASCADE')
    await client.query(`DELETE FROM number_sequences WHERE prefix = 'INV' AND day = $1`, [dayStamp])
    await client.query('ANALYZE invoices, invoices_lines, number_sequences')
    // Both sides start without dirty pages from the run before (needs superuser; skipped if not).
    await client.query('CHECKPOINT').catch(() => {})
  }

  const { generateInvoices } = await import('../src/plugins/billing/operations/invoices/generateInvoices')
  const ours = async () => {
    const result = await generateInvoices({ payload, day })
    return result.created
  }
  const baseline = () => baselineRun(client, day)

  let reference: Digest | undefined
  const check = (side: string) => async (created: number) => {
    const d = await digest(client, period, dayStamp)
    const pad = (n: number) => `INV${dayStamp}${String(n).padStart(3, '0')}`
    const problems: string[] = []
    if (created !== expected) problems.push(`reported ${created} invoices created, expected ${expected}`)
    if (d.invoices !== expected) problems.push(`${d.invoices} invoices in the table, expected ${expected}`)
    if (d.lines !== expected) problems.push(`${d.lines} invoice lines, expected one per invoice (${expected})`)
    if (d.counter !== expected) problems.push(`INV counter at ${d.counter}, expected ${expected}`)
    if (d.distinctNumbers !== expected || d.firstNumber !== pad(1) || d.lastNumber !== pad(expected))
      problems.push(
        `numbers ${d.firstNumber}…${d.lastNumber} (${d.distinctNumbers} distinct), expected ${pad(1)}…${pad(expected)}`,
      )
    if (
      reference &&
      (d.invoiceDigest !== reference.invoiceDigest ||
        d.lineDigest !== reference.lineDigest ||
        d.totalSum !== reference.totalSum)
    )
      problems.push(
        `rows differ from the first run's: totals sum ${d.totalSum} vs ${reference.totalSum}, invoice digest ${d.invoiceDigest} vs ${reference.invoiceDigest}, line digest ${d.lineDigest} vs ${reference.lineDigest}`,
      )
    if (problems.length) throw new BenchError(`${side} produced wrong invoices:\n  ${problems.join('\n  ')}`)
    reference ??= d
  }

  const results = await alternate(
    options.runs,
    { ours: { run: ours, check: check('ours') }, baseline: { run: baseline, check: check('baseline') } },
    reset,
  )

  const profile = await profileOurs(payload, ours, reset, check('ours (profile pass)'))

  return report({
    name: 'invoice-run',
    stamp,
    started,
    options,
    bench,
    results,
    target: TARGET_RATIO,
    rowsLabel: 'invoices',
    method: {
      oursLabel: 'ours (generateInvoices)',
      baselineLabel: 'baseline (INSERT … SELECT)',
      ours: 'generateInvoices({ payload, day }) in-process via Payload (one transaction)',
      baseline:
        'one transaction: INV counter upsert; WITH run … inv AS (INSERT INTO invoices … RETURNING) INSERT INTO invoices_lines …; counter update',
      setup: `all customers active and activated by ${day}; TRUNCATE invoices + lines, INV counter row deleted, ANALYZE, CHECKPOINT before every run`,
      check:
        'after every run: N invoices, N lines, gap-free numbers, counter = N, same digest of all fields across runs and sides',
      order: 'alternating: odd runs baseline first, even runs ours first',
    },
    extra: { day, eligibleCustomers: expected, proratedCustomers: Number(eligibleRows[0]!.prorated), profile },
  })
}

/**
 * The same invoices and lines with plain SQL, as someone writing it by hand for this data would:
 * the counter, one statement for both tables, the counter again; settings as their defaults (due
 * in 10 days, proration on, no PPN).
 */
async function baselineRun(client: pg.Client, day: string): Promise<number> {
  const period = periodOf(day)
  const stamp = day.replaceAll('-', '')
  const dim = daysInPeriod(period)
  await client.query('BEGIN')
  try {
    const { rows } = await client.query<{ last_value: string }>(
      `INSERT INTO number_sequences (prefix, day, last_value, updated_at, created_at) VALUES ('INV', $1, 0, now(), now())
       ON CONFLICT (prefix, day) DO UPDATE SET updated_at = now() RETURNING last_value`,
      [stamp],
    )
    const last = Number(rows[0]!.last_value)
    const inserted = await client.query(
      `WITH run AS (
         SELECT c.id AS customer_id, row_number() OVER (ORDER BY c.id) AS seq, p.name AS package_name, p.monthly_price AS price,
                (c.activation_date AT TIME ZONE 'Asia/Jakarta')::date AS active_from
           FROM customers c JOIN packages p ON p.id = c.package_id
          WHERE c.status IN ('active', 'suspended') AND c.billing_day <= $1
            AND (c.activation_date IS NULL OR (c.activation_date AT TIME ZONE 'Asia/Jakarta')::date <= $2::date)
            AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.period = $3)
       ), priced AS (
         SELECT r.*, r.active_from > $4::date AS prorated, $5::int - extract(day from r.active_from) + 1 AS days,
                CASE WHEN r.active_from > $4::date THEN round(r.price * ($5::int - extract(day from r.active_from) + 1) / $5::int) ELSE r.price END AS amount
           FROM run r
       ), inv AS (
         INSERT INTO invoices (number, customer_id, period, issue_date, due_date, subtotal, discount_total, ppn, ppn_rate, total,
                               credit_applied, amount_paid, balance_due, status, paid_at, updated_at, created_at)
         SELECT 'INV' || $6 || lpad(($7::int + seq)::text, greatest(3, length(($7::int + seq)::text)), '0'), customer_id, $3, $8::timestamptz, $9::timestamptz,
                amount, 0, 0, 0, amount, 0, 0, amount,
                (CASE WHEN amount <= 0 THEN 'paid' ELSE 'unpaid' END)::enum_invoices_status, CASE WHEN amount <= 0 THEN now() END, now(), now()
           FROM priced ORDER BY seq
         RETURNING id, customer_id
       )
       INSERT INTO invoices_lines (_order, _parent_id, id, description, kind, quantity, unit_price, amount)
       SELECT 1, inv.id, replace(gen_random_uuid()::text, '-', ''),
              left('Paket ' || p.package_name || ' ' || $10 || CASE WHEN p.prorated THEN ' (prorata ' || p.days || '/' || $5::int || ' hari)' ELSE '' END, 200),
              (CASE WHEN p.prorated THEN 'proration' ELSE 'package' END)::enum_invoices_lines_kind, 1, p.amount, p.amount
         FROM inv JOIN priced p ON p.customer_id = inv.customer_id`,
      [
        Number(day.slice(8, 10)),
        day,
        period,
        `${period}-01`,
        dim,
        stamp,
        last,
        wibDayStart(day).toISOString(),
        wibDayStart(addDays(day, 10)).toISOString(),
        periodLabel(period),
      ],
    )
    const created = inserted.rowCount ?? 0
    await client.query(
      `UPDATE number_sequences SET last_value = $1, updated_at = now() WHERE prefix = 'INV' AND day = $2`,
      [last + created, stamp],
    )
    await client.query('COMMIT')
    return created
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/** Counts and a digest of every field of the period's invoices and their lines (money as integers). */
async function digest(client: pg.Client, period: string, dayStamp: string): Promise<Digest> {
  const { rows: inv } = await client.query(
    `SELECT count(*)::int AS invoices, coalesce(sum(total), 0)::bigint::text AS total_sum, count(DISTINCT number)::int AS distinct_numbers,
            md5(string_agg(concat_ws('|', customer_id, number, period, issue_date, due_date, subtotal::bigint, discount_total::bigint, ppn::bigint, ppn_rate::bigint,
                                     total::bigint, credit_applied::bigint, amount_paid::bigint, balance_due::bigint, status, paid_at IS NULL), ',' ORDER BY customer_id)) AS digest
       FROM invoices WHERE period = $1`,
    [period],
  )
  const { rows: lines } = await client.query(
    `SELECT count(*)::int AS lines,
            md5(string_agg(concat_ws('|', i.customer_id, l._order, l.description, l.kind, l.quantity::bigint, l.unit_price::bigint, l.amount::bigint), ',' ORDER BY i.customer_id, l._order)) AS digest
       FROM invoices_lines l JOIN invoices i ON i.id = l._parent_id WHERE i.period = $1`,
    [period],
  )
  const { rows: counter } = await client.query(
    `SELECT last_value FROM number_sequences WHERE prefix = 'INV' AND day = $1`,
    [dayStamp],
  )
  // The longest numbers sort last only while they have the same length; compare by value instead.
  const { rows: ends } = await client.query(
    `SELECT (array_agg(number ORDER BY length(number), number))[1] AS first, (array_agg(number ORDER BY length(number) DESC, number DESC))[1] AS last FROM invoices WHERE period = $1`,
    [period],
  )
  return {
    invoices: inv[0].invoices,
    lines: lines[0].lines,
    totalSum: inv[0].total_sum,
    counter: Number(counter[0]?.last_value ?? 0),
    firstNumber: ends[0].first,
    lastNumber: ends[0].last,
    distinctNumbers: inv[0].distinct_numbers,
    invoiceDigest: inv[0].digest,
    lineDigest: lines[0].digest,
  }
}
