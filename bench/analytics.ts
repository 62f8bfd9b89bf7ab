/**
 * analytics: the analytics views' queries over the generator's N customers with their 24 months
 * of MRR snapshots, 23 months of invoices and payments, tickets and history, OURS versus the same aggregates as hand-written SQL, in
 * the same run on the same data. The generator bills only active customer-months (≈14 invoices per
 * customer); older paid/void invoices are added (bench/lib/billingPadding.ts) until the tables hold
 * --invoices and --payments per customer (default 24 and 20: 2.4M and 2M at 100k, the issue's figures):
 *
 *   ours      what the three views load, side by side as the views do: analyticsOverview (MRR
 *             movement and churn by month, growth by area and package, termination reasons,
 *             cohorts, forecast), technicianRanking + csat, customerHealth, for the last 12 months.
 *   baseline  the same numbers as plain SQL written by hand on a pg pool (closing days by
 *             GROUP BY, a FULL JOIN of consecutive month ends, plain GROUP BYs), run in parallel.
 *
 * After each run (not timed) the end MRR and customers of every month are compared between the
 * two. The dashboard answers in one round of queries (no per-customer or per-month loop).
 * Target: ours ≤ 1.5 × baseline (best of the runs).
 */
import { createLocalReq } from 'payload'
import pg from 'pg'

import { analyticsOverview } from '../src/plugins/analytics/operations/overview'
import { customerHealth } from '../src/plugins/analytics/operations/health'
import { parseAnalyticsFilters } from '../src/plugins/analytics/operations/filters'
import { csat, technicianRanking } from '../src/plugins/analytics/operations/technicians'
import { BenchError, benchOptions, type Cleanups, runWithCleanups, timestamp } from './lib/harness'
import { alternate, billingBench, type BillingOptions, report } from './lib/billing'
import { padBillingHistory } from './lib/billingPadding'

export const description = 'analytics views over N customers and 24 months of MRR snapshots vs hand-written SQL'

const TARGET_RATIO = 1.5

type AnalyticsOptions = BillingOptions & { invoices: number; payments: number }

const USAGE = `npm run bench -- analytics [options]

  the analytics views (overview, technicians, health) vs the same aggregates in hand-written SQL (target ≤ 1.5×)

  --customers <n>     generated customers (default 100000)
  --invoices <n>      invoices per customer in all (default 24: 2.4M at 100k, the volume the dashboard
                      must carry); what the generator's history lacks is added as older paid/void invoices
  --payments <n>      payments per customer in all (default 20: 2M at 100k); 0 with --invoices 0 keeps
                      the generator's own history only
  --runs <n>          runs of each side, alternating which goes first (default 2; best run counts)
  --keep              keep the benchmark database (prints its name)
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.`

export async function run(args: string[]): Promise<number> {
  const parsed = benchOptions(args, USAGE, {
    customers: { default: 100_000, min: 10, max: 2_000_000 },
    invoices: { default: 24, min: 0, max: 60 },
    payments: { default: 20, min: 0, max: 60 },
    runs: { default: 2, min: 1, max: 20 },
  })
  if ('exit' in parsed) return parsed.exit
  const stamp = timestamp()
  return runWithCleanups('analytics', (cleanups) => benchmark(parsed.options, stamp, cleanups))
}

const baselineSql = (from: string, to: string) => {
  const start = `${from}-01T00:00:00+07:00`
  return {
    movement: `
      WITH closing AS (SELECT left(day, 7) AS m, max(day) AS d FROM mrr_snapshots GROUP BY 1),
      v AS (SELECT c.m, s.customer_id, s.mrr FROM closing c JOIN mrr_snapshots s ON s.day = c.d WHERE s.mrr > 0),
      pairs AS (
        SELECT coalesce(cur.m, to_char(to_date(prev.m, 'YYYY-MM') + interval '1 month', 'YYYY-MM')) AS m,
               coalesce(prev.mrr, 0) AS s, coalesce(cur.mrr, 0) AS e
          FROM v cur FULL JOIN v prev
            ON prev.customer_id = cur.customer_id AND prev.m = to_char(to_date(cur.m, 'YYYY-MM') - interval '1 month', 'YYYY-MM'))
      SELECT m, sum(s) AS start_mrr, sum(e) AS end_mrr, sum(e) FILTER (WHERE s = 0) AS new_mrr,
             sum(e - s) FILTER (WHERE s > 0 AND e > s) AS expansion, sum(s - e) FILTER (WHERE e > 0 AND e < s) AS contraction,
             sum(s) FILTER (WHERE e = 0) AS churned, count(*) FILTER (WHERE s > 0) AS start_customers,
             count(*) FILTER (WHERE e > 0) AS end_customers, count(*) FILTER (WHERE s = 0) AS gained,
             count(*) FILTER (WHERE e = 0) AS lost
        FROM pairs WHERE m BETWEEN '${from}' AND '${to}' GROUP BY m ORDER BY m`,
    reasons: `SELECT termination_reason, count(*) FROM customers WHERE status = 'terminated' AND terminated_at >= '${start}' GROUP BY 1`,
    cohorts: `
      SELECT to_char(activation_date AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS cohort, n, count(*),
             count(*) FILTER (WHERE terminated_at IS NULL OR terminated_at >= date_trunc('month', activation_date) + (n + 1) * interval '1 month')
        FROM customers CROSS JOIN generate_series(0, 11) n
       WHERE activation_date >= '${start}' AND status <> 'prospect' GROUP BY 1, 2`,
    history: `
      WITH closing AS (SELECT left(day, 7) AS m, max(day) AS d FROM mrr_snapshots GROUP BY 1)
      SELECT c.m, sum(s.mrr) FROM closing c JOIN mrr_snapshots s ON s.day = c.d GROUP BY 1 ORDER BY 1`,
    technicians: `
      SELECT t.assigned_technician_id, t.type, count(*), avg(extract(epoch FROM t.resolved_at - t.created_at)),
             avg(t.rating), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM tickets r WHERE r.customer_id = t.customer_id
               AND r.type = t.type AND r.created_at > t.resolved_at AND r.created_at <= t.resolved_at + interval '30 days'))
        FROM tickets t WHERE t.status IN ('resolved', 'closed') AND t.resolved_at >= '${start}' GROUP BY 1, 2`,
    csat: `
      SELECT to_char(t.resolved_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM'), c.area, t.assigned_technician_id, count(*),
             count(*) FILTER (WHERE t.rating >= 4), avg(t.rating)
        FROM tickets t JOIN customers c ON c.id = t.customer_id
       WHERE t.rating IS NOT NULL AND t.resolved_at >= '${start}' GROUP BY GROUPING SETS ((1), (2), (3))`,
    health: `
      SELECT c.id,
             100 - least(30, coalesce((SELECT max(floor(extract(epoch FROM now() - i.due_date) / 86400)) FROM invoices i
                    WHERE i.customer_id = c.id AND i.balance_due > 0 AND i.status IN ('unpaid', 'partially_paid') AND i.due_date < now()), 0))
                 - least(20, 10 * (SELECT count(*) FROM service_history h WHERE h.customer_id = c.id AND h.type = 'suspension' AND h.occurred_at >= now() - interval '90 days'))
                 - least(15, 5 * greatest(0, (SELECT count(*) FROM tickets t WHERE t.customer_id = c.id AND t.created_at >= now() - interval '90 days') - 1)) AS score
        FROM customers c WHERE c.status IN ('active', 'suspended') ORDER BY score LIMIT 200`,
  }
}

async function benchmark(options: AnalyticsOptions, stamp: string, cleanups: Cleanups): Promise<number> {
  const started = Date.now()
  console.log(`analytics: ${options.customers} customers, ${options.runs} runs per side (alternating)\n`)
  const bench = await billingBench('ana', stamp, options, cleanups)
  const { payload, client } = bench
  const t = Date.now()
  const padding = await padBillingHistory(client, {
    invoices: options.invoices * options.customers,
    payments: options.payments * options.customers,
  })
  if (padding.invoices)
    console.log(
      `older billing history added for volume: ${padding.invoices} invoices (${padding.payments} paid, the rest void), ` +
        `${padding.payments} payments, in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    )
  await client.query('VACUUM ANALYZE')
  const { rows: counts } = await client.query<{
    snapshots: string
    tickets: string
    invoices: string
    payments: string
  }>(
    `SELECT (SELECT count(*) FROM mrr_snapshots) AS snapshots, (SELECT count(*) FROM tickets) AS tickets,
            (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM payments) AS payments`,
  )
  const c = counts[0]!
  console.log(
    `data: ${c.snapshots} MRR snapshots, ${c.tickets} tickets, ${c.invoices} invoices, ${c.payments} payments\n`,
  )

  const filters = parseAnalyticsFilters(new URLSearchParams())
  const req = await createLocalReq({}, payload)
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  cleanups.push(() => pool.end())
  const queries = baselineSql(filters.from, filters.to)

  let oursMonths: { month: string; endMrr: number; endCustomers: number }[] = []
  let baselineMonths: { month: string; endMrr: number; endCustomers: number }[] = []
  // Once both sides have run, every month's end MRR and customers must match.
  const agree = () => {
    if (!oursMonths.length || !baselineMonths.length) return Promise.resolve()
    const ours = JSON.stringify(oursMonths.map((m) => [m.month, m.endMrr, m.endCustomers]))
    const theirs = JSON.stringify(baselineMonths.map((m) => [m.month, m.endMrr, m.endCustomers]))
    if (ours !== theirs) throw new BenchError(`the two sides disagree:\n${ours}\n${theirs}`)
    return Promise.resolve()
  }
  const results = await alternate(
    options.runs,
    {
      ours: {
        run: async () => {
          const [overview, technicians, satisfaction, health] = await Promise.all([
            analyticsOverview(req, filters),
            technicianRanking(req, filters),
            csat(req, filters),
            customerHealth(req, filters),
          ])
          oursMonths = overview.months
          return overview.months.length + technicians.length + satisfaction.byMonth.length + health.atRisk.length
        },
        check: async () => agree(),
      },
      baseline: {
        run: async () => {
          const answers = await Promise.all(Object.values(queries).map((q) => pool.query(q)))
          baselineMonths = answers[0]!.rows.map((r) => ({
            month: r.m,
            endMrr: Number(r.end_mrr),
            endCustomers: Number(r.end_customers),
          }))
          return answers.reduce((n, a) => n + (a.rowCount ?? 0), 0)
        },
        check: async () => agree(),
      },
    },
    async () => {},
  )
  return report({
    name: 'analytics',
    stamp,
    started,
    options,
    bench,
    results,
    target: TARGET_RATIO,
    rowsLabel: 'result rows',
    method: {
      ours: 'analyticsOverview + technicianRanking + csat + customerHealth, side by side (the three views)',
      baseline: 'the same aggregates as hand-written SQL on a pg pool, side by side',
      oursLabel: 'ours (views)',
      baselineLabel: 'hand-written SQL',
    },
    extra: {
      snapshots: Number(c.snapshots),
      tickets: Number(c.tickets),
      invoices: Number(c.invoices),
      payments: Number(c.payments),
      padding,
    },
  })
}
