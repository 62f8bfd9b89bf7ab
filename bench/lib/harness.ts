/**
 * Shared plumbing for the benchmarks in bench/: a throw-away database, child processes for the
 * servers under test, load generation with autocannon, and result output.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import autocannon, { type Result } from 'autocannon'
import pg from 'pg'

import { type GenerateResult, generateDataset } from '../../src/seed/generator'
import { payloadPasswordHash } from '../../src/seed/password'
import { freePort, waitForReady } from '../../tests/helpers/net'
import { adminQuery, databaseUrl, startTestPostgres } from '../../tests/helpers/postgres'

export { freePort }

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const TSX = path.join(ROOT, 'node_modules/.bin/tsx')
export const RESULTS_DIR = path.join(ROOT, 'bench/results')

/** A benchmark failed in a way that makes its numbers meaningless. */
export class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export type BenchPostgres = { adminUrl: string; source: string; stop: () => Promise<void> }

/**
 * The PostgreSQL server to benchmark on: BENCH_DATABASE_ADMIN_URL when set (and it must answer),
 * else what the tests use (TEST_DATABASE_ADMIN_URL, 127.0.0.1:5432 as postgres, else an embedded
 * PostgreSQL in a temporary directory, stopped again by `stop`).
 */
export async function benchPostgres(): Promise<BenchPostgres> {
  const explicit = process.env.BENCH_DATABASE_ADMIN_URL
  if (explicit) {
    const client = new pg.Client({ connectionString: explicit, connectionTimeoutMillis: 3000 })
    try {
      await client.connect()
    } catch (error) {
      throw new BenchError(`BENCH_DATABASE_ADMIN_URL does not answer: ${(error as Error).message}`)
    } finally {
      await client.end().catch(() => {})
    }
    return { adminUrl: explicit, source: 'BENCH_DATABASE_ADMIN_URL', stop: async () => {} }
  }
  const server = await startTestPostgres()
  const source =
    server.adminUrl === process.env.TEST_DATABASE_ADMIN_URL
      ? 'TEST_DATABASE_ADMIN_URL'
      : server.adminUrl === 'postgres://postgres@127.0.0.1:5432/postgres'
        ? '127.0.0.1:5432'
        : 'embedded PostgreSQL (temporary)'
  return { adminUrl: server.adminUrl, source, stop: server.stop }
}

export type BenchDatabase = { name: string; url: string; drop: () => Promise<void> }

export async function createBenchDatabase(adminUrl: string, name: string): Promise<BenchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new BenchError(`unsafe database name ${name}`)
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`)
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}

export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version')
    return rows[0]!.server_version
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * Runs `tsx <script>` in the project root to completion. Output is kept and shown only if the
 * script fails or hangs (stdin is closed, so an unexpected prompt ends in the timeout, not forever).
 */
export async function runScript(script: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<void> {
  let output = ''
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8')
    if (output.length > 200_000) output = output.slice(-100_000)
  }
  const child = spawn(TSX, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    void stopChild(child)
  }, timeoutMs)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (exitCode) => resolve(exitCode))
  }).finally(() => clearTimeout(timer))
  if (timedOut || code !== 0) {
    throw new BenchError(
      `tsx ${script} ${timedOut ? `did not finish within ${timeoutMs / 1000} s` : `exited with code ${code}`}\n--- its output ---\n${output || '(none)'}`,
    )
  }
}

export type Service = {
  name: string
  url: string
  child: ChildProcess
  /** The last lines the process wrote (stdout and stderr), for error reports. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts `tsx <script>` in the project root and waits until `readyPath` answers 2xx. Output is kept
 * in a small ring buffer rather than printed, so a misbehaving server cannot flood the terminal
 * mid-measurement; it is shown when the server fails to start or the run fails.
 */
export async function startService(options: {
  name: string
  script: string
  env: NodeJS.ProcessEnv
  port: number
  readyPath: string
  timeoutMs?: number
}): Promise<Service> {
  const { name, script, env, port, readyPath, timeoutMs = 120_000 } = options
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue
      lines.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line)
      if (lines.length > 200) lines.shift()
    }
  }
  const child = spawn(TSX, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  const service: Service = {
    name,
    url,
    child,
    output: () => lines.join('\n'),
    stop: () => stopChild(child),
  }
  try {
    await waitForReady(`${url}${readyPath}`, child, timeoutMs)
  } catch (error) {
    await service.stop()
    throw new BenchError(
      `${name} did not start: ${(error as Error).message}\n--- last output of ${name} ---\n${service.output()}`,
    )
  }
  return service
}

/**
 * CPU time (user + system, ms) used so far by a process and all its descendants (tsx runs the
 * script in a child node process), from /proc; undefined where there is no /proc (not Linux).
 * Unlike req/s, CPU per request hardly moves when other work competes for the machine.
 */
export function processTreeCpuMs(rootPid: number | undefined): number | undefined {
  if (rootPid === undefined || !fs.existsSync('/proc/self/stat')) return undefined
  const USER_HZ = 100 // clock ticks per second in /proc on Linux
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      // the process ended while we looked
    }
  }
  if (!stats.has(rootPid)) return undefined
  let ticks = 0
  const queue = [rootPid]
  while (queue.length) {
    const pid = queue.pop()!
    ticks += stats.get(pid)?.ticks ?? 0
    for (const [child, { ppid }] of stats) if (ppid === pid) queue.push(child)
  }
  return (ticks * 1000) / USER_HZ
}

/** SIGTERM, then SIGKILL if the process has not exited after 20 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  await exited
  clearTimeout(timer)
}

// ---------------------------------------------------------------------------------------------
// Load

export type LoadOptions = {
  title: string
  url: string
  headers?: Record<string, string>
  /** GET unless given (a GraphQL read is a POST with a JSON body). */
  method?: 'GET' | 'POST'
  body?: string
  connections: number
  duration: number
  warmup: number
  /** The server's process id, to report its CPU time per request. */
  serverPid?: number
}

export type Measurement = { result: Result; serverCpuMs?: number }

/** A warm-up run (results discarded), then the measured run, with a one-line progress display. */
export async function measure(options: LoadOptions): Promise<Measurement> {
  const { title, url, headers, connections, duration, warmup, serverPid, method = 'GET', body } = options
  if (warmup > 0) {
    process.stdout.write(`  ${title}: warming up for ${warmup} s… `)
    const w = await autocannon({ url, headers, method, body, connections, duration: warmup, timeout: 10 })
    process.stdout.write(`${Math.round(w.requests.average)} req/s, ${w.errors} errors, ${w.non2xx} non-2xx\n`)
  }
  process.stdout.write(`  ${title}: measuring ${connections} connections for ${duration} s… `)
  const cpuBefore = processTreeCpuMs(serverPid)
  const result = await autocannon({ url, headers, method, body, connections, duration, timeout: 10, title })
  const cpuAfter = processTreeCpuMs(serverPid)
  process.stdout.write(`${Math.round(result.requests.average)} req/s\n`)
  return { result, serverCpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined }
}

export type LoadSummary = {
  requestsPerSecond: number
  totalRequests: number
  durationSeconds: number
  latencyMs: { average: number; p50: number; p90: number; p99: number; max: number }
  errors: number
  timeouts: number
  non2xx: number
  statusCodes: Record<string, number>
  /** Server CPU time (all its processes) per completed request; null where /proc is missing. */
  serverCpuMsPerRequest: number | null
}

export function summarize({ result, serverCpuMs }: Measurement): LoadSummary {
  const round = (n: number, digits = 2) => Number(n.toFixed(digits))
  return {
    requestsPerSecond: round(result.requests.average, 1),
    totalRequests: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: {
      average: round(result.latency.average),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
    ),
    serverCpuMsPerRequest:
      serverCpuMs !== undefined && result.requests.total > 0 ? round(serverCpuMs / result.requests.total) : null,
  }
}

// ---------------------------------------------------------------------------------------------
// Options

/** A whole-number option: its default and the range it must lie in. */
export type WholeNumber = { default: number; min: number; max: number }

/**
 * A benchmark's command line: whole numbers in their ranges (`--name <n>`), `--keep` and the
 * given boolean `flags`, `-h/--help`. `{ exit }` when the run ends before it starts (help: 0 with
 * the usage printed; a bad value: 2 with the reason and the usage), else the options.
 */
export function benchOptions<N extends string, F extends string = never>(
  args: string[],
  usage: string,
  numbers: Record<N, WholeNumber>,
  flags: readonly F[] = [],
): { exit: number } | { options: Record<N, number> & Record<'keep' | F, boolean> } {
  const spec = Object.fromEntries([
    ...Object.entries<WholeNumber>(numbers).map(([name, n]) => [name, { type: 'string', default: String(n.default) }]),
    ...['keep', ...flags].map((name) => [name, { type: 'boolean', default: false }]),
    ['help', { type: 'boolean', short: 'h', default: false }],
  ]) as Record<string, { type: 'string' | 'boolean'; default: string | boolean; short?: string }>
  try {
    const { values } = parseArgs({ args, options: spec })
    if (values.help) {
      console.log(usage)
      return { exit: 0 }
    }
    const options: Record<string, number | boolean> = {}
    for (const [name, { min, max }] of Object.entries<WholeNumber>(numbers)) {
      const n = Number(values[name])
      if (!Number.isInteger(n) || n < min || n > max)
        throw new BenchError(`--${name} must be a whole number from ${min} to ${max}`)
      options[name] = n
    }
    for (const name of ['keep', ...flags]) options[name] = values[name] === true
    return { options: options as Record<N, number> & Record<'keep' | F, boolean> }
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`)
    return { exit: 2 }
  }
}

/** The benchmarks that measure the production server need `npm run build` first; false (and says so) without it. */
export function hasProductionBuild(name: string): boolean {
  if (fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) return true
  console.error(
    `${name} measures the production server: no production build found (.next/BUILD_ID). Run \`npm run build\` first.`,
  )
  return false
}

// ---------------------------------------------------------------------------------------------
// Output

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

export function timestamp(date = new Date()): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
}

export function writeResults(name: string, stamp: string, data: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${name}-${stamp}.json`)
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return file
}

export function machine() {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  }
}

/**
 * Migrates a bench database (as production does, through scripts/migrate.ts) and fills it: two
 * technicians, so tickets reach every state, then the bulk generator, then ANALYZE.
 */
/** A kept database run again: migrated (new migrations apply), analysed, its data counted. */
export async function migrateOnly(url: string, env: NodeJS.ProcessEnv): Promise<GenerateResult> {
  const t = Date.now()
  await runScript('scripts/migrate.ts', env)
  console.log(`migrated in ${((Date.now() - t) / 1000).toFixed(1)} s (reused database, not generated again)`)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('VACUUM ANALYZE')
    const { rows } = await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM packages) AS packages, (SELECT count(*) FROM customers) AS customers,
              (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM equipment) AS equipment,
              (SELECT count(*) FROM service_history) AS history, (SELECT count(*) FROM mrr_snapshots) AS snapshots,
              (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM payments) AS payments`,
    )
    const r = rows[0]!
    return {
      packages: Number(r.packages),
      customers: Number(r.customers),
      tickets: Number(r.tickets),
      equipment: Number(r.equipment),
      history: Number(r.history),
      snapshots: Number(r.snapshots),
      invoices: Number(r.invoices),
      payments: Number(r.payments),
      customerIds: [],
    }
  } finally {
    await client.end()
  }
}

export async function migrateAndGenerate({
  url,
  env,
  customers,
  customerPassword,
  analyze = 'ANALYZE',
}: {
  url: string
  env: NodeJS.ProcessEnv
  customers: number
  customerPassword?: string
  analyze?: 'ANALYZE' | 'VACUUM ANALYZE'
}): Promise<GenerateResult> {
  let t = Date.now()
  await runScript('scripts/migrate.ts', env)
  console.log(`migrated in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  t = Date.now()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { salt, hash } = payloadPasswordHash(crypto.randomBytes(12).toString('hex'))
    const { rows: technicians } = await client.query<{ id: number }>(
      `INSERT INTO users (name, email, role, salt, hash) VALUES
         ('Teknisi Bench Satu', 'teknisi1@bench.invalid', 'technician', $1, $2),
         ('Teknisi Bench Dua', 'teknisi2@bench.invalid', 'technician', $1, $2)
       RETURNING id`,
      [salt, hash],
    )
    const dataset = await generateDataset(client, {
      customers,
      seed: 1,
      customerPassword,
      technicianIds: technicians.map((r) => r.id),
    })
    await client.query(analyze)
    console.log(
      `generated ${dataset.customers} customers, ${dataset.tickets} tickets, ${dataset.equipment} equipment, ${dataset.history} history rows in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    )
    return dataset
  } finally {
    await client.end()
  }
}

export type Cleanups = (() => Promise<void>)[]

/**
 * Runs a benchmark with a stack of cleanups (databases, servers, files) that run in reverse order
 * when it ends, fails or is interrupted (SIGINT/SIGTERM). A failure prints its message and,
 * through `onFailure`, whatever else explains it; the result is the exit code.
 */
export async function runWithCleanups(
  name: string,
  body: (cleanups: Cleanups) => Promise<number>,
  onFailure?: () => void,
): Promise<number> {
  const cleanups: Cleanups = []
  const cleanup = async () => {
    while (cleanups.length)
      await cleanups.pop()!().catch((error) => console.error('cleanup:', (error as Error).message))
  }
  const onSignal = () => {
    console.error('\ninterrupted, cleaning up…')
    void cleanup().then(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await body(cleanups)
  } catch (error) {
    console.error(`\n${name} FAILED: ${error instanceof BenchError ? error.message : (error as Error).stack}`)
    onFailure?.()
    return 1
  } finally {
    await cleanup()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/**
 * The Node options `npm start` runs the server with (package.json), so a benchmark measures the
 * server as it is run in production (young-generation size included).
 */
export function productNodeOptions(): string {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
  ).scripts
  const options = /NODE_OPTIONS=\\?"([^"\\]+)\\?"/.exec(scripts.start ?? '')?.[1]
  if (!options) throw new BenchError('package.json "start" sets no NODE_OPTIONS')
  return options
}
