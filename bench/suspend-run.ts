/**
 * suspend-run: the daily isolir run over N active customers of whom 10% have an unpaid invoice more
 * than 7 days past due, OUR operation versus one raw SQL UPDATE, in the same run on the same data:
 *
 *   ours      suspendOverdue({ payload, day }) in this process, as the suspendOverdue job calls it:
 *             advisory lock, settings global, the candidates (oldest overdue invoice of each
 *             customer), the status change, a service-history entry and a pending network action
 *             per customer, and one queued applyNetworkActions job, in one transaction. Router
 *             calls are NOT made here: they happen later in that job.
 *   baseline  UPDATE customers SET status = 'suspended', … WHERE <the same overdue and exemption
 *             conditions> (one statement).
 *
 * Setup (not timed): the generator's customers, all made `active`; every customer gets last month's
 * invoice due 15 days before the run day (paid for 90%, unpaid for every 10th customer) and this
 * month's invoice, unpaid but not yet due. Of the overdue customers one in twenty has the
 * never-auto-suspend flag and one in twenty a promise to pay until after the run day: they must stay
 * active. Before each run the suspensions, their history entries, network actions and jobs are
 * undone, then VACUUM ANALYZE and CHECKPOINT. After each run (not timed) the suspended set is
 * compared with the expected one (exactly those customers, nobody else); for ours also one history
 * entry and one pending network action per suspended customer and one queued job.
 * Target: ours ≤ 3 × baseline (best of the runs).
 */
import type pg from 'pg'

import { addDays, periodOf, wibDay, wibDayStart } from '../src/plugins/billing/operations/calendar'
import { BenchError, type Cleanups } from './lib/harness'
import { alternate, billingBench, type BillingOptions, runBillingBench, profileOurs, report } from './lib/billing'

export const description = 'daily isolir run, N active customers, 10% overdue: suspendOverdue() vs one raw SQL UPDATE'

const TARGET_RATIO = 3
const GRACE_DAYS = 7 // the settings default, which the bench database keeps

export async function run(args: string[]): Promise<number> {
  return runBillingBench(
    'suspend-run',
    'suspendOverdue() for N active customers, 10% overdue, vs raw SQL UPDATE of the same customers (target ≤ 3×)',
    args,
    benchmark,
  )
}

async function benchmark(options: BillingOptions, stamp: string, cleanups: Cleanups): Promise<number> {
  const started = Date.now()
  console.log(`suspend-run: ${options.customers} customers, ${options.runs} runs per side (alternating)\n`)
  const bench = await billingBench('sus', stamp, options, cleanups)
  const { payload, client } = bench

  const day = wibDay()
  const period = periodOf(day)
  const previous = periodOf(addDays(`${period}-01`, -1))
  console.log(`run day ${day}; overdue invoices are ${previous}'s, due ${addDays(day, -15)}`)

  const t = Date.now()
  const expected = await setup(client, day, previous, period)
  const { rows: historyMax } = await client.query<{ id: number | null }>('SELECT max(id) AS id FROM service_history')
  const historyBefore = historyMax[0]!.id ?? 0
  console.log(
    `setup: ${expected.customers} active customers, ${expected.invoices} invoices, ${expected.overdue} overdue, of them ${expected.exempt} exempt → ${expected.suspend} to suspend, in ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
  )

  const reset = async () => {
    await client.query(
      `UPDATE customers SET status = 'active', suspension_source = NULL, suspended_at = NULL WHERE status <> 'active'`,
    )
    await client.query('DELETE FROM service_history WHERE id > $1', [historyBefore])
    await client.query('TRUNCATE network_actions RESTART IDENTITY CASCADE')
    await client.query('DELETE FROM payload_jobs')
    await client.query('VACUUM ANALYZE customers, service_history, network_actions, payload_jobs')
    await client.query('CHECKPOINT').catch(() => {}) // needs superuser; skipped if not
  }

  const { suspendOverdue } = await import('../src/plugins/billing/operations/isolir/suspendOverdue')
  const ours = async () => {
    const result = await suspendOverdue({ payload, day })
    if (result.skippedReason) throw new BenchError(`suspendOverdue skipped the run: ${result.skippedReason}`)
    return result.suspended
  }
  const baseline = () => baselineRun(client, day)

  const check = (side: 'ours' | 'baseline') => async (suspended: number) => {
    const problems: string[] = []
    if (suspended !== expected.suspend) problems.push(`reported ${suspended} suspended, expected ${expected.suspend}`)
    const { rows } = await client.query<{ suspended: number; wrong: number; missed: number; source: number }>(`
      SELECT count(*) FILTER (WHERE c.status = 'suspended')::int AS suspended,
             count(*) FILTER (WHERE c.status = 'suspended' AND e.customer_id IS NULL)::int AS wrong,
             count(*) FILTER (WHERE c.status <> 'suspended' AND e.customer_id IS NOT NULL)::int AS missed,
             count(*) FILTER (WHERE c.status = 'suspended' AND c.suspension_source = 'billing' AND c.suspended_at IS NOT NULL)::int AS source
        FROM customers c LEFT JOIN bench_expected_suspensions e ON e.customer_id = c.id`)
    const r = rows[0]!
    if (r.suspended !== expected.suspend || r.wrong || r.missed || r.source !== expected.suspend)
      problems.push(
        `${r.suspended} customers suspended (${r.source} marked billing with a time), ${r.wrong} who should not be, ${r.missed} missed; expected exactly ${expected.suspend}`,
      )
    if (side === 'ours') {
      const { rows: side } = await client.query<{
        history: number
        actions: number
        action_customers: number
        jobs: number
      }>(
        `
        SELECT (SELECT count(*)::int FROM service_history h JOIN bench_expected_suspensions e ON e.customer_id = h.customer_id WHERE h.id > $1 AND h.type = 'suspension') AS history,
               (SELECT count(*)::int FROM network_actions WHERE action = 'suspend' AND status = 'pending') AS actions,
               (SELECT count(DISTINCT a.customer_id)::int FROM network_actions a JOIN bench_expected_suspensions e ON e.customer_id = a.customer_id) AS action_customers,
               (SELECT count(*)::int FROM payload_jobs WHERE task_slug = 'applyNetworkActions') AS jobs`,
        [historyBefore],
      )
      const s = side[0]!
      if (
        s.history !== expected.suspend ||
        s.actions !== expected.suspend ||
        s.action_customers !== expected.suspend ||
        s.jobs !== 1
      )
        problems.push(
          `${s.history} history entries, ${s.actions} pending suspend actions for ${s.action_customers} of the customers, ${s.jobs} queued jobs; expected ${expected.suspend}, ${expected.suspend}, ${expected.suspend}, 1`,
        )
    }
    if (problems.length) throw new BenchError(`${side} suspended the wrong customers:\n  ${problems.join('\n  ')}`)
  }

  const results = await alternate(
    options.runs,
    { ours: { run: ours, check: check('ours') }, baseline: { run: baseline, check: check('baseline') } },
    reset,
  )

  const profile = await profileOurs(payload, ours, reset, check('ours'))

  return report({
    name: 'suspend-run',
    stamp,
    started,
    options,
    bench,
    results,
    target: TARGET_RATIO,
    rowsLabel: 'suspended',
    method: {
      oursLabel: 'ours (suspendOverdue)',
      baselineLabel: 'baseline (UPDATE)',
      ours: 'suspendOverdue({ payload, day }) in-process via Payload: status change + service history + network actions + one queued job, one transaction; no router calls',
      baseline:
        "UPDATE customers SET status = 'suspended', suspension_source = 'billing', suspended_at = now(), updated_at = now() WHERE <same overdue and exemption conditions>",
      setup:
        'all customers active; two invoices each (last month: 10% unpaid and past due by 15 days, rest paid; this month: unpaid, not yet due); 10% of the overdue exempt (flag or promise to pay)',
      check:
        'after every run: exactly the expected customers suspended; for ours one history entry and one pending network action each, one queued job',
      order: 'alternating: odd runs baseline first, even runs ours first',
    },
    extra: { day, expected, profile },
  })
}

/**
 * All customers active; two invoices each; every 10th (by id) overdue, and of those every 20th
 * never-suspend and every 20th (offset by 10) promised to pay. The customers who must end suspended
 * go into bench_expected_suspensions, written from this rule rather than from the operation's SQL.
 */
async function setup(client: pg.Client, day: string, previous: string, period: string) {
  await client.query(`
    UPDATE customers SET status = 'active', activation_date = coalesce(activation_date, created_at), auto_suspend_exempt = false,
           promise_to_pay_until = NULL, suspension_source = NULL, suspended_at = NULL`)
  await client.query(
    `CREATE TABLE bench_customer_rank AS SELECT id AS customer_id, row_number() OVER (ORDER BY id) AS seq FROM customers`,
  )
  await client.query(
    `UPDATE customers c SET auto_suspend_exempt = true FROM bench_customer_rank r WHERE r.customer_id = c.id AND r.seq % 200 = 0`,
  )
  await client.query(
    `UPDATE customers c SET promise_to_pay_until = $1::timestamptz FROM bench_customer_rank r WHERE r.customer_id = c.id AND r.seq % 200 = 100`,
    [wibDayStart(addDays(day, 3)).toISOString()],
  )
  const number = (stamp: string) => `'INV' || '${stamp}' || lpad(r.seq::text, greatest(3, length(r.seq::text)), '0')`
  const previousIssue = addDays(day, -25)
  const previousDue = addDays(day, -15)
  const currentIssue = addDays(day, -5)
  const currentDue = addDays(day, 5)
  const inserted = await client.query(
    `INSERT INTO invoices (number, customer_id, period, issue_date, due_date, subtotal, discount_total, ppn, ppn_rate, total, credit_applied, amount_paid, balance_due, status, paid_at)
     SELECT ${number(previousIssue.replaceAll('-', ''))}, c.id, $1, $2::timestamptz, $3::timestamptz, p.monthly_price, 0, 0, 0, p.monthly_price, 0,
            CASE WHEN r.seq % 10 = 0 THEN 0 ELSE p.monthly_price END, CASE WHEN r.seq % 10 = 0 THEN p.monthly_price ELSE 0 END,
            (CASE WHEN r.seq % 10 = 0 THEN 'unpaid' ELSE 'paid' END)::enum_invoices_status, CASE WHEN r.seq % 10 = 0 THEN NULL ELSE $3::timestamptz END
       FROM customers c JOIN bench_customer_rank r ON r.customer_id = c.id JOIN packages p ON p.id = c.package_id
     UNION ALL
     SELECT ${number(currentIssue.replaceAll('-', ''))}, c.id, $4, $5::timestamptz, $6::timestamptz, p.monthly_price, 0, 0, 0, p.monthly_price, 0, 0, p.monthly_price, 'unpaid', NULL
       FROM customers c JOIN bench_customer_rank r ON r.customer_id = c.id JOIN packages p ON p.id = c.package_id`,
    [
      previous,
      wibDayStart(previousIssue).toISOString(),
      wibDayStart(previousDue).toISOString(),
      period,
      wibDayStart(currentIssue).toISOString(),
      wibDayStart(currentDue).toISOString(),
    ],
  )
  await client.query(
    `CREATE TABLE bench_expected_suspensions AS SELECT customer_id FROM bench_customer_rank WHERE seq % 10 = 0 AND seq % 200 NOT IN (0, 100)`,
  )
  await client.query('CREATE UNIQUE INDEX ON bench_expected_suspensions (customer_id)')
  await client.query('VACUUM ANALYZE')
  const { rows } = await client.query<{ customers: number; overdue: number; exempt: number; suspend: number }>(`
    SELECT (SELECT count(*)::int FROM customers WHERE status = 'active') AS customers,
           (SELECT count(*)::int FROM bench_customer_rank WHERE seq % 10 = 0) AS overdue,
           (SELECT count(*)::int FROM bench_customer_rank WHERE seq % 10 = 0 AND seq % 200 IN (0, 100)) AS exempt,
           (SELECT count(*)::int FROM bench_expected_suspensions) AS suspend`)
  return { ...rows[0]!, invoices: inserted.rowCount ?? 0 }
}

/** The same suspensions as one hand-written UPDATE with the same overdue and exemption rule. */
async function baselineRun(client: pg.Client, day: string): Promise<number> {
  const updated = await client.query(
    `UPDATE customers c SET status = 'suspended', suspension_source = 'billing', suspended_at = now(), updated_at = now()
      WHERE c.status = 'active'
        AND NOT coalesce(c.auto_suspend_exempt, false)
        AND (c.promise_to_pay_until IS NULL OR (c.promise_to_pay_until AT TIME ZONE 'Asia/Jakarta')::date < $1::date)
        AND EXISTS (SELECT 1 FROM invoices i
                     WHERE i.customer_id = c.id AND i.status IN ('unpaid', 'partially_paid')
                       AND (i.due_date AT TIME ZONE 'Asia/Jakarta')::date < $2::date)`,
    [day, addDays(day, -GRACE_DAYS)],
  )
  return updated.rowCount ?? 0
}
