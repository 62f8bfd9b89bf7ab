/**
 * What the billing benchmarks (invoice-run, suspend-run) share: options, a migrated and generated
 * database with Payload running on it in this process (the operations are called as the jobs call
 * them), a plain pg client beside it for setup, baselines and checks, timing and the report.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import type { Payload } from 'payload'

import type { GenerateResult } from '../../src/seed/generator'
import { CHILD_NODE_OPTIONS } from '../../tests/helpers/postgres'
import {
  benchOptions,
  type Cleanups,
  benchPostgres,
  createBenchDatabase,
  machine,
  migrateAndGenerate,
  migrateOnly,
  ROOT,
  runWithCleanups,
  serverVersion,
  table,
  timestamp,
  writeResults,
} from './harness'
import { databaseUrl } from '../../tests/helpers/postgres'
import { recordStatements, shortSql } from './statements'

export type BillingOptions = { customers: number; runs: number; keep: boolean }

export const billingUsage = (name: string, what: string) => `npm run bench -- ${name} [options]

  ${what}

  --customers <n>     generated customers (default 100000)
  --runs <n>          runs of each side, alternating which goes first (default 2; best run counts)
  --keep              keep the benchmark database (prints its name)
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.`

export type BillingBench = {
  payload: Payload
  /** A plain client on the bench database, for setup, the baseline and checks. */
  client: pg.Client
  databaseName: string
  pgVersion: string
  postgresSource: string
  dataset: GenerateResult
}

/**
 * A fresh database migrated as production migrates it and filled by the generator, Payload on it in
 * this process, and a pg client; all torn down by the cleanups (the database kept with --keep).
 */
export async function billingBench(
  short: string,
  stamp: string,
  options: BillingOptions,
  cleanups: Cleanups,
): Promise<BillingBench> {
  const postgres = await benchPostgres()
  cleanups.push(postgres.stop)
  // BENCH_REUSE_DATABASE=<name>: a database kept by an earlier --keep run, migrated again (new
  // migrations apply) and not generated again nor dropped.
  const reuse = process.env.BENCH_REUSE_DATABASE
  if (reuse && !/^ispops_bench_[a-z0-9_]+$/.test(reuse)) throw new Error(`not a kept bench database: ${reuse}`)
  const db = reuse
    ? { name: reuse, url: databaseUrl(postgres.adminUrl, reuse), drop: async () => {} }
    : await createBenchDatabase(postgres.adminUrl, `ispops_bench_${short}_${stamp.toLowerCase()}_${process.pid}`)
  cleanups.push(async () => {
    if (options.keep || reuse) console.log(`kept database ${db.name}`)
    else await db.drop()
  })
  const pgVersion = await serverVersion(db.url)
  console.log(`PostgreSQL ${pgVersion} (${postgres.source}), database ${db.name}`)

  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), `ispops-bench-${short}-`))
  cleanups.push(async () => fs.rmSync(mediaDir, { recursive: true, force: true }))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: CHILD_NODE_OPTIONS,
  }
  delete env.DATABASE_EMBEDDED
  const dataset = reuse
    ? await migrateOnly(db.url, env)
    : await migrateAndGenerate({ url: db.url, env, customers: options.customers })

  // The config reads DATABASE_URL when it is imported.
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    PAYLOAD_SECRET: env.PAYLOAD_SECRET,
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'warn',
  })
  const t = Date.now()
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../payload.config')
  const payload = await getPayload({ config })
  cleanups.push(async () => {
    const pool = (payload.db as unknown as { pool?: pg.Pool }).pool
    pool?.on('error', () => {})
    await payload.destroy().catch(() => {})
  })
  console.log(`Payload up in this process in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  cleanups.push(() => client.end())
  return { payload, client, databaseName: db.name, pgVersion, postgresSource: postgres.source, dataset }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now()
  const value = await fn()
  return { ms: performance.now() - t, value }
}

export const seconds = (ms: number) => (ms / 1000).toFixed(3)

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/**
 * Runs `ours` and `baseline` `runs` times each, alternating which goes first, with `reset` (not
 * timed) before every run and `check` (not timed) after it.
 */
export async function alternate(
  runs: number,
  sides: Record<'ours' | 'baseline', { run: () => Promise<number>; check: (rows: number) => Promise<void> }>,
  reset: () => Promise<void>,
): Promise<Record<'ours' | 'baseline', { ms: number[]; rows: number }>> {
  const results = { ours: { ms: [] as number[], rows: 0 }, baseline: { ms: [] as number[], rows: 0 } }
  for (let i = 0; i < runs; i++) {
    const order: ('ours' | 'baseline')[] = i % 2 === 0 ? ['baseline', 'ours'] : ['ours', 'baseline']
    for (const side of order) {
      await reset()
      const { ms, value: rows } = await timed(sides[side].run)
      await sides[side].check(rows)
      results[side].ms.push(ms)
      results[side].rows = rows
      console.log(
        `  run ${i + 1}  ${side.padEnd(8)}  ${seconds(ms)} s  ${rows} rows  ${Math.round(rows / (ms / 1000))} rows/s  (checked)`,
      )
    }
  }
  return results
}

export function report({
  name,
  stamp,
  started,
  options,
  bench,
  results,
  target,
  rowsLabel,
  method,
  extra,
}: {
  name: string
  stamp: string
  started: number
  options: BillingOptions
  bench: BillingBench
  results: Record<'ours' | 'baseline', { ms: number[]; rows: number }>
  target: number
  rowsLabel: string
  method: Record<string, string>
  extra?: Record<string, unknown>
}): number {
  const stat = (r: { ms: number[]; rows: number }) => ({
    bestMs: Math.min(...r.ms),
    medianMs: median(r.ms),
    runsMs: r.ms.map((ms) => Math.round(ms)),
    rows: r.rows,
  })
  const ours = stat(results.ours)
  const baseline = stat(results.baseline)
  const ratioBest = ours.bestMs / baseline.bestMs
  const ratioMedian = ours.medianMs / baseline.medianMs
  const pass = ratioBest <= target
  console.log(`\n${name}, ${options.customers} customers, ${options.runs} runs per side\n`)
  const row = (label: string, s: ReturnType<typeof stat>) => [
    label,
    seconds(s.bestMs),
    seconds(s.medianMs),
    s.runsMs.map((ms) => seconds(ms)).join(' / '),
    String(s.rows),
    String(Math.round(s.rows / (s.bestMs / 1000))),
  ]
  console.log(
    table(
      ['', 'best s', 'median s', 'runs s', rowsLabel, `${rowsLabel}/s (best)`],
      [row(method.oursLabel ?? 'ours', ours), row(method.baselineLabel ?? 'baseline', baseline)],
    ),
  )
  console.log(
    `\nours/baseline: best ${ratioBest.toFixed(2)}×, median ${ratioMedian.toFixed(2)}×  (target ≤ ${target}×, on best)  →  ${pass ? 'PASS' : 'FAIL'}`,
  )
  const load = machine().loadAverage
  if (load[0]! > os.cpus().length)
    console.log(
      `  note: load average ${load.join(' ')} on ${os.cpus().length} CPUs — other work competed for the machine`,
    )
  const file = writeResults(name, stamp, {
    benchmark: name,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    method,
    machine: machine(),
    postgres: {
      version: bench.pgVersion,
      source: bench.postgresSource,
      database: bench.databaseName,
      kept: options.keep,
    },
    dataset: { ...bench.dataset, sampleCustomer: undefined },
    ...extra,
    ours,
    baseline,
    ratio: { best: ratioBest, median: ratioMedian },
    target: { ratio: target, on: 'best' },
    pass,
  })
  console.log(`\nresults: ${path.relative(ROOT, file)}`)
  // Like the other benchmarks: a missed target is a result, not a failure (wrong rows are).
  return 0
}

/**
 * One more pass of `ours` with every SQL statement timed (not part of the comparison), printed as a
 * table, to show where its time goes.
 */
export async function profileOurs<T>(
  payload: Payload,
  ours: () => Promise<T>,
  reset: () => Promise<void>,
  check: (value: T) => Promise<void> | void,
): Promise<{ totalMs: number; statements: { sql: string; ms: number; rows: number | null }[] }> {
  console.log('\nprofile: one more pass of ours, statement by statement (not part of the comparison)…')
  await reset()
  const recorder = recordStatements(payload)
  const profiled = await timed(ours).finally(() => recorder.stop())
  await check(profiled.value)
  const statements = recorder.timings.filter((s) => s.ms >= 1).map((s) => ({ ...s, sql: shortSql(s.sql) }))
  console.log(
    table(
      ['statement (≥ 1 ms)', 'ms', 'rows'],
      statements.map((s) => [s.sql, s.ms.toFixed(1), s.rows === null ? '' : String(s.rows)]),
    ),
  )
  const inStatements = recorder.timings.reduce((a, s) => a + s.ms, 0)
  console.log(
    `${recorder.timings.length} statements, ${seconds(inStatements)} s in the database of ${seconds(profiled.ms)} s in all`,
  )
  return { totalMs: profiled.ms, statements }
}

/**
 * The `run` of a billing bench: parse the shared options (usage on `-h`, exit 2 on bad ones), then
 * run `benchmark` with cleanups that also happen on Ctrl-C.
 */
export async function runBillingBench(
  name: string,
  what: string,
  args: string[],
  benchmark: (options: BillingOptions, stamp: string, cleanups: Cleanups) => Promise<number>,
): Promise<number> {
  const parsed = benchOptions(args, billingUsage(name, what), {
    customers: { default: 100_000, min: 10, max: 2_000_000 },
    runs: { default: 2, min: 1, max: 20 },
  })
  if ('exit' in parsed) return parsed.exit
  const { options } = parsed
  const stamp = timestamp()
  return runWithCleanups(name, (cleanups) => benchmark(options, stamp, cleanups))
}
