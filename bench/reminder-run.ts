/**
 * reminder-run: the daily payment reminders for N customers whose invoices are due in three days,
 * OUR operation versus raw SQL writing the same rows, in the same run on the same data:
 *
 *   ours      sendPaymentReminders({ payload, day }) in this process, as the 09:00 job calls it:
 *             advisory lock, the notification settings and template, and for each of the three
 *             kinds one bulk statement (messages rendered from the template inside PostgreSQL,
 *             dedupe keys, pacing at 80/s within the daily tier, one send job each), one transaction.
 *   baseline  one transaction with ONE `WITH ins AS (INSERT INTO messages … SELECT … RETURNING)
 *             INSERT INTO payload_jobs …` statement producing the same messages (same body, key,
 *             recipient, variables, schedule) and jobs. It knows which invoices are due and what the
 *             template says; ours has to look.
 *
 * Setup (not timed): the generator's customers, all active, one open invoice each due on day + 3,
 * the `reminder_due_h3` template, the tier set to 100k. Before each run: the reminder messages and
 * send jobs deleted, ANALYZE, CHECKPOINT. After each run (not timed): N messages and N jobs, one
 * per invoice, keys unique, and a digest of every message field except times identical across
 * runs and sides. After the last run of ours, ours again: it must add nothing.
 * Target: ours ≤ 3 × baseline (best of the runs).
 */
import type pg from 'pg'

import { addDays, periodOf, wibDay, wibDayStart } from '../src/plugins/billing/operations/calendar'
import { invoiceLinkHmacPads, SQL_INVOICE_LINK_EXPIRES } from '../src/plugins/billing/operations/invoices/invoiceLinks'
import { BenchError, type Cleanups } from './lib/harness'
import { alternate, billingBench, type BillingOptions, runBillingBench, report, seconds, timed } from './lib/billing'

export const description =
  'daily payment reminders for N customers with invoices due: sendPaymentReminders() vs one raw SQL INSERT of the same messages and jobs'

const TARGET_RATIO = 3
const TEMPLATE_BODY =
  'Halo {{nama}}, tagihan {{nomor_tagihan}} periode {{periode}} sebesar {{jumlah}} jatuh tempo {{jatuh_tempo}}. Abaikan bila sudah membayar.'

export async function run(args: string[]): Promise<number> {
  return runBillingBench(
    'reminder-run',
    'sendPaymentReminders() for N customers with invoices due in 3 days vs raw SQL INSERT of the same messages and jobs (target ≤ 3×)',
    args,
    benchmark,
  )
}

type Digest = { messages: number; jobs: number; distinctKeys: number; digest: string }

async function benchmark(options: BillingOptions, stamp: string, cleanups: Cleanups): Promise<number> {
  const started = Date.now()
  console.log(`reminder-run: ${options.customers} customers, ${options.runs} runs per side (alternating)\n`)
  const bench = await billingBench('rem', stamp, options, cleanups)
  const { payload, client } = bench

  const day = wibDay()
  const due = addDays(day, 3)
  const period = periodOf(due)
  const t = Date.now()
  await client.query(`UPDATE customers SET status = 'active' WHERE status <> 'active'`)
  await client.query('TRUNCATE invoices, invoices_lines RESTART IDENTITY CASCADE')
  // One open invoice per customer, due in three days (lines are not read by the reminders).
  await client.query(
    `INSERT INTO invoices (number, customer_id, period, issue_date, due_date, subtotal, discount_total, ppn, ppn_rate, total, credit_applied, amount_paid, balance_due, status, updated_at, created_at)
     SELECT 'INVB' || lpad(c.id::text, 9, '0'), c.id, $1, $2::timestamptz, $3::timestamptz, p.monthly_price, 0, 0, 0, p.monthly_price, 0, 0, p.monthly_price, 'unpaid', now(), now()
       FROM customers c JOIN packages p ON p.id = c.package_id`,
    [period, wibDayStart(addDays(due, -10)).toISOString(), wibDayStart(due).toISOString()],
  )
  await client.query('VACUUM ANALYZE customers, invoices')
  const expected = Number((await client.query(`SELECT count(*) FROM invoices WHERE balance_due > 0`)).rows[0].count)
  if (expected !== bench.dataset.customers)
    throw new BenchError(`setup made ${expected} open invoices for ${bench.dataset.customers} customers`)
  const template = await payload.create({
    collection: 'message-templates',
    data: {
      key: 'reminder_due_h3',
      name: 'Pengingat H-3',
      body: TEMPLATE_BODY,
      providerTemplateName: 'pengingat_h3_v1',
      language: 'id',
      category: 'UTILITY',
      approvalStatus: 'approved',
    } as never,
    overrideAccess: true,
  })
  await payload.updateGlobal({
    slug: 'notification-settings',
    data: { pacing: { dailyRecipients: '100000', messagesPerSecond: 80 } } as never,
    overrideAccess: true,
  })
  console.log(
    `setup: ${expected} customers with an invoice due ${due} (reminder day ${day}), in ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
  )

  const reset = async () => {
    await client.query(`DELETE FROM payload_jobs WHERE task_slug = 'sendNotification'`)
    await client.query(`DELETE FROM messages WHERE trigger LIKE 'reminder_%'`)
    await client.query('VACUUM ANALYZE messages, payload_jobs')
    await client.query('CHECKPOINT').catch(() => {})
  }

  const { sendPaymentReminders } = await import('../src/plugins/billing/operations/billingNotices')
  const ours = async () => {
    const result = await sendPaymentReminders({ payload, day })
    return result.kinds.due_h3.queued + result.kinds.due_h1.queued + result.kinds.overdue_h1.queued
  }
  const baseline = () => baselineRun(client, due, template.id as number)

  let reference: Digest | undefined
  const check = (side: string) => async (queued: number) => {
    const d = await digest(client)
    const problems: string[] = []
    if (queued !== expected) problems.push(`reported ${queued} queued, expected ${expected}`)
    if (d.messages !== expected || d.jobs !== expected || d.distinctKeys !== expected)
      problems.push(
        `${d.messages} messages, ${d.jobs} jobs, ${d.distinctKeys} distinct keys; expected ${expected} of each`,
      )
    if (reference && d.digest !== reference.digest)
      problems.push(`message digest ${d.digest} differs from the first run's ${reference.digest}`)
    if (problems.length) throw new BenchError(`${side} queued wrong reminders:\n  ${problems.join('\n  ')}`)
    reference ??= d
  }

  const results = await alternate(
    options.runs,
    { ours: { run: ours, check: check('ours') }, baseline: { run: baseline, check: check('baseline') } },
    reset,
  )

  // Same day again, after ours: every reminder exists already, nothing is added.
  await reset()
  await ours()
  const rerun = await timed(ours)
  const after = await digest(client)
  if (rerun.value !== 0 || after.messages !== expected || after.jobs !== expected)
    throw new BenchError(
      `a second run the same day queued ${rerun.value} more (now ${after.messages} messages, ${after.jobs} jobs)`,
    )
  console.log(`\nsecond run the same day: 0 added, in ${seconds(rerun.ms)} s`)
  const spread = await client.query(
    `SELECT min(scheduled_for) AS first, max(scheduled_for) AS last FROM messages WHERE trigger = 'reminder_due_h3'`,
  )
  console.log(
    `sends spread from ${new Date(spread.rows[0].first).toISOString()} to ${new Date(spread.rows[0].last).toISOString()} (80/s)`,
  )

  return report({
    name: 'reminder-run',
    stamp,
    started,
    options,
    bench,
    results,
    target: TARGET_RATIO,
    rowsLabel: 'reminders',
    method: {
      oursLabel: 'ours (sendPaymentReminders)',
      baselineLabel: 'baseline (INSERT … SELECT)',
      ours: 'sendPaymentReminders({ payload, day }) in-process via Payload (one transaction, three kinds)',
      baseline: 'one transaction: WITH ins AS (INSERT INTO messages … SELECT … RETURNING) INSERT INTO payload_jobs …',
      setup: `all customers active with one open invoice due ${due}; reminder messages and send jobs deleted, VACUUM ANALYZE, CHECKPOINT before every run`,
      check:
        'after every run: N messages, N jobs, N distinct dedupe keys, same digest of message fields (times excluded) across runs and sides; ours run twice adds nothing',
      order: 'alternating: odd runs baseline first, even runs ours first',
    },
    extra: { day, due, rerunMs: rerun.ms },
  })
}

const MONTHS = `(ARRAY['Januari','Februari','Maret','April','Mei','Juni','Juli','Agustus','September','Oktober','November','Desember'])`
const rupiah = (x: string) => `'Rp' || replace(to_char(${x}, 'FM999,999,999,999,990'), ',', '.')`
const dateWib = (x: string) =>
  `(extract(day from ${x} AT TIME ZONE 'Asia/Jakarta')::int || ' ' || ${MONTHS}[extract(month from ${x} AT TIME ZONE 'Asia/Jakarta')::int] || ' ' || extract(year from ${x} AT TIME ZONE 'Asia/Jakarta')::int)`

/** The same messages and jobs by hand: the invoices due that day, the template's text, 80 a second. */
async function baselineRun(client: pg.Client, due: string, templateId: number): Promise<number> {
  // The signed invoice link, by hand: HMAC-SHA256 with the core sha256() over the padded key.
  const pads = invoiceLinkHmacPads()
  await client.query('BEGIN')
  try {
    const { rows } = await client.query(
      `WITH src AS (
         SELECT i.customer_id, 'reminder:due_h3:' || i.id AS dedupe_key, c.phone,
                jsonb_build_object('nama', c.name, 'nomor_tagihan', i.number, 'periode', ${MONTHS}[substr(i.period, 6, 2)::int] || ' ' || substr(i.period, 1, 4),
                                   'jumlah', ${rupiah('i.balance_due')}, 'sisa_tagihan', ${rupiah('i.balance_due')}, 'jatuh_tempo', ${dateWib('i.due_date')},
                                   'tautan_tagihan', $3::text || i.id || '/pdf?e=' || ${SQL_INVOICE_LINK_EXPIRES} || '&t=' || left(encode(sha256(decode($5, 'hex')
                                     || sha256(decode($4, 'hex') || convert_to('invoice-pdf:' || i.id || ':' || ${SQL_INVOICE_LINK_EXPIRES}, 'UTF8'))), 'hex'), 32)) AS variables
           FROM invoices i JOIN customers c ON c.id = i.customer_id
          WHERE i.due_date >= $1::timestamptz AND i.due_date < $1::timestamptz + interval '1 day' AND i.status IN ('unpaid', 'partially_paid') AND i.balance_due > 0
            AND c.status IN ('active', 'suspended')
       ), ranked AS (
         SELECT src.*, dense_rank() OVER (ORDER BY phone) - 1 AS rank FROM src
       ), ins AS (
         INSERT INTO messages (customer_id, direction, channel, status, "to", trigger, template_id, kind, variables, body, dedupe_key, attempts, needs_attention, scheduled_for, created_at, updated_at)
         SELECT customer_id, 'out', 'whatsapp', 'queued', phone, 'reminder_due_h3', $2::int, 'template', variables,
                'Halo ' || (variables->>'nama') || ', tagihan ' || (variables->>'nomor_tagihan') || ' periode ' || (variables->>'periode') || ' sebesar ' || (variables->>'jumlah')
                  || ' jatuh tempo ' || (variables->>'jatuh_tempo') || '. Abaikan bila sudah membayar.',
                dedupe_key, 0, false, now() + (rank / 80) * interval '1 second', now(), now()
           FROM ranked
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id, scheduled_for
       ), jobs AS (
         INSERT INTO payload_jobs (input, task_slug, queue, wait_until, total_tried, has_error, processing, created_at, updated_at)
         SELECT jsonb_build_object('messageId', id), 'sendNotification', 'default', scheduled_for, 0, false, false, now(), now() FROM ins
         RETURNING id
       )
       SELECT count(*)::int AS n FROM jobs`,
      [
        wibDayStart(due).toISOString(),
        templateId,
        `${(process.env.PUBLIC_URL ?? '').replace(/\/+$/, '')}/api/invoices/`,
        pads.inner,
        pads.outer,
      ],
    )
    await client.query('COMMIT')
    return Number(rows[0].n)
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

async function digest(client: pg.Client): Promise<Digest> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS messages, count(DISTINCT dedupe_key)::int AS keys,
            md5(string_agg(concat_ws('|', customer_id, direction, channel, status, "to", trigger, template_id, kind, variables::text, body, dedupe_key), ',' ORDER BY dedupe_key)) AS digest
       FROM messages WHERE trigger LIKE 'reminder_%'`,
  )
  const jobs = await client.query(
    `SELECT count(*)::int AS n FROM payload_jobs j JOIN messages m ON m.id = (j.input->>'messageId')::int WHERE j.task_slug = 'sendNotification' AND m.trigger LIKE 'reminder_%'`,
  )
  return { messages: rows[0].messages, jobs: jobs.rows[0].n, distinctKeys: rows[0].keys, digest: rows[0].digest }
}
