/**
 * portal-dashboard: a signed-in customer opens the portal's dashboard page,
 *
 *   GET /portal   Authorization: JWT <token>
 *
 * server-rendered by the production build (server.ts: Express → Next.js → the page's Local API
 * reads as the customer), against a bare Express + pg + JWT server rendering the same data as
 * string HTML (bench/bare-dashboard-server.ts), one after the other in the same run, on a fresh
 * database of generated customers. Target: ours ≥ 0.5 × bare, no errors.
 *
 * Ours is measured twice on one server: every request rendered (`Cache-Control: no-cache`, as a
 * hard reload sends), then as pages are loaded normally, where the server's page cache sends the
 * page rendered last time while the dashboard's data version is unchanged (src/lib/pageCache.ts).
 * The target is judged on the second; both are printed.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import jwt from 'jsonwebtoken'
import pg from 'pg'

import { CHILD_NODE_OPTIONS } from '../tests/helpers/postgres'
import {
  BenchError,
  type Cleanups,
  type BenchDatabase,
  type BenchPostgres,
  benchPostgres,
  benchOptions,
  createBenchDatabase,
  hasProductionBuild,
  freePort,
  type LoadSummary,
  machine,
  runWithCleanups,
  migrateAndGenerate,
  measure,
  ROOT,
  type Service,
  serverVersion,
  startService,
  summarize,
  table,
  timestamp,
  writeResults,
} from './lib/harness'

export const description =
  "signed-in customer's dashboard page (GET /portal, server render): ours vs bare Express + pg + HTML"

const TARGET_RATIO = 0.5
const CUSTOMER_PASSWORD = 'pelanggan123'

const USAGE = `npm run bench -- portal-dashboard [options]

  --customers <n>     generated customers (default 2000)
  --connections <n>   concurrent connections (default 50)
  --duration <s>      measured seconds per server (default 30)
  --warmup <s>        warm-up seconds per server, not measured (default 5)
  --keep              keep the benchmark database (prints its URL)
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.
Needs a production build (npm run build).`

type Options = { customers: number; connections: number; duration: number; warmup: number; keep: boolean }

export async function run(args: string[]): Promise<number> {
  const parsed = benchOptions(args, USAGE, {
    customers: { default: 2_000, min: 10, max: 1_000_000 },
    connections: { default: 50, min: 1, max: 1000 },
    duration: { default: 30, min: 1, max: 3600 },
    warmup: { default: 5, min: 0, max: 600 },
  })
  if ('exit' in parsed) return parsed.exit
  if (!hasProductionBuild('portal-dashboard')) return 1
  const { options } = parsed

  const stamp = timestamp()
  const services: Service[] = []
  return runWithCleanups(
    'portal-dashboard',
    (cleanups) => benchmark(options, stamp, cleanups, services),
    () => {
      for (const service of services)
        console.error(`--- last output of ${service.name} ---\n${service.output() || '(none)'}`)
    },
  )
}

async function benchmark(options: Options, stamp: string, cleanups: Cleanups, services: Service[]): Promise<number> {
  const started = Date.now()
  console.log(
    `portal-dashboard: ${options.customers} customers, ${options.connections} connections, ${options.duration} s per server (+${options.warmup} s warm-up)\n`,
  )

  // 1. A database of our own, migrated exactly as production migrates.
  const postgres: BenchPostgres = await benchPostgres()
  cleanups.push(postgres.stop)
  const database: BenchDatabase = await createBenchDatabase(
    postgres.adminUrl,
    `ispops_bench_dash_${stamp.toLowerCase()}_${process.pid}`,
  )
  cleanups.push(async () => {
    if (options.keep) console.log(`kept database ${database.name}: DATABASE_URL=${database.url}`)
    else await database.drop()
  })
  const pgVersion = await serverVersion(database.url)
  console.log(`PostgreSQL ${pgVersion} (${postgres.source}), database ${database.name}`)

  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-bench-media-'))
  cleanups.push(async () => fs.rmSync(mediaDir, { recursive: true, force: true }))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'warn',
    // The same Node options the test harness gives the server, migrate and worker processes.
    NODE_OPTIONS: CHILD_NODE_OPTIONS,
  }
  delete env.DATABASE_EMBEDDED
  // 2. Data: migrations, two technicians, the bulk generator.
  const dataset = await migrateAndGenerate({
    url: database.url,
    env,
    customers: options.customers,
    customerPassword: CUSTOMER_PASSWORD,
  })
  // A customer with a package, the most unpaid invoices and open tickets (ties: the lowest id), so
  // the page is as full as it gets.
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  let customer: { id: number; username: string; invoices: number; tickets: number }
  try {
    const { rows } = await client.query<{ id: number; username: string; invoices: string; tickets: string }>(
      `SELECT c.id, c.username,
              (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.status IN ('unpaid', 'partially_paid')) AS invoices,
              (SELECT count(*) FROM tickets t WHERE t.customer_id = c.id AND t.status IN ('open', 'assigned', 'in_progress')) AS tickets
         FROM customers c WHERE c.package_id IS NOT NULL
        ORDER BY 3 DESC, 4 DESC, c.id LIMIT 1`,
    )
    if (!rows[0]) throw new BenchError('the generated data has no customer with a package')
    customer = {
      id: rows[0].id,
      username: rows[0].username,
      invoices: Number(rows[0].invoices),
      tickets: Number(rows[0].tickets),
    }
  } finally {
    await client.end()
  }
  console.log(
    `reading as customer #${customer.id} (${customer.username}): ${customer.invoices} unpaid invoices, ${customer.tickets} open tickets`,
  )

  // 3. Our production server, and a token from the ordinary customer login.
  const t = Date.now()
  const oursPort = await freePort()
  const ours = await startService({
    name: 'ours (server.ts)',
    script: 'server.ts',
    env: {
      ...env,
      NODE_ENV: 'production',
      PORT: String(oursPort),
      HOST: '127.0.0.1',
      RUN_WORKER_IN_PROCESS: 'false',
      // e.g. BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile our server.
      NODE_OPTIONS: [env.NODE_OPTIONS, process.env.BENCH_SERVER_NODE_OPTIONS].filter(Boolean).join(' '),
    },
    port: oursPort,
    readyPath: '/readyz',
  })
  services.push(ours)
  cleanups.push(ours.stop)
  console.log(`our server up on ${ours.url} in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  const login = await fetch(`${ours.url}/api/customers/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: customer.username, password: CUSTOMER_PASSWORD }),
  })
  const loginBody = (await login.json().catch(() => undefined)) as { token?: string } | undefined
  if (login.status !== 200 || !loginBody?.token)
    throw new BenchError(`customer login failed (${login.status}): ${JSON.stringify(loginBody)}`)
  const oursToken = loginBody.token

  // 4. The bare server, with a token of its own.
  const bareSecret = crypto.randomBytes(32).toString('hex')
  const barePort = await freePort()
  const bare = await startService({
    name: 'bare (bench/bare-dashboard-server.ts)',
    script: 'bench/bare-dashboard-server.ts',
    env: {
      ...env,
      NODE_ENV: 'production',
      PORT: String(barePort),
      HOST: '127.0.0.1',
      BARE_JWT_SECRET: bareSecret,
      DATABASE_POOL_MAX: env.DATABASE_POOL_MAX ?? '10',
    },
    port: barePort,
    readyPath: '/healthz',
  })
  services.push(bare)
  cleanups.push(bare.stop)
  const bareToken = jwt.sign({ id: customer.id, collection: 'customers' }, bareSecret, {
    algorithm: 'HS256',
    expiresIn: '2h',
  })

  // 5. Both must render the same data before either is timed: the same invoice and ticket links,
  //    the same amount due.
  const requestPath = '/portal'
  const oursPage = await pageFacts(ours, requestPath, oursToken)
  const barePage = await pageFacts(bare, requestPath, bareToken)
  if (JSON.stringify(oursPage) !== JSON.stringify(barePage))
    throw new BenchError(
      `the pages disagree for customer #${customer.id}: ours ${JSON.stringify(oursPage)}, bare ${JSON.stringify(barePage)}`,
    )
  console.log(
    `both pages show invoices [${oursPage.invoices.join(', ')}], tickets [${oursPage.tickets.join(', ')}], due ${oursPage.due}\n`,
  )

  // 6. Load, one server at a time; each server is stopped once measured so it cannot take CPU from the other.
  const load = { connections: options.connections, duration: options.duration, warmup: options.warmup }
  const loadAverageBefore = machine().loadAverage
  // First every request rendered (a hard reload's `Cache-Control: no-cache` skips the page cache),
  // then as a customer's browser or installed app loads it: rendered again only when what it shows
  // changed (src/lib/pageCache.ts; each request still signed in and the data's version read).
  const renderedRaw = await measure({
    title: 'ours, rendered every time',
    url: `${ours.url}${requestPath}`,
    headers: { authorization: `JWT ${oursToken}`, 'cache-control': 'no-cache' },
    serverPid: ours.child.pid,
    ...load,
  })
  const oursRaw = await measure({
    title: 'ours',
    url: `${ours.url}${requestPath}`,
    headers: { authorization: `JWT ${oursToken}` },
    serverPid: ours.child.pid,
    ...load,
  })
  await ours.stop()
  const bareRaw = await measure({
    title: 'bare',
    url: `${bare.url}${requestPath}`,
    headers: { authorization: `JWT ${bareToken}` },
    serverPid: bare.child.pid,
    ...load,
  })
  await bare.stop()

  // 7. Report.
  const oursSummary = summarize(oursRaw)
  const renderedSummary = summarize(renderedRaw)
  const bareSummary = summarize(bareRaw)
  const ratio = bareSummary.requestsPerSecond > 0 ? oursSummary.requestsPerSecond / bareSummary.requestsPerSecond : 0
  const failures = (s: LoadSummary) => s.errors + s.non2xx
  const pass = ratio >= TARGET_RATIO && failures(oursSummary) === 0 && failures(bareSummary) === 0
  const row = (name: string, s: LoadSummary) => [
    name,
    s.requestsPerSecond.toFixed(1),
    String(s.totalRequests),
    `${s.latencyMs.p50}`,
    `${s.latencyMs.p99}`,
    String(s.errors),
    String(s.timeouts),
    String(s.non2xx),
    s.serverCpuMsPerRequest === null ? 'n/a' : s.serverCpuMsPerRequest.toFixed(2),
  ]
  console.log(
    `\nportal-dashboard, ${options.connections} connections × ${options.duration} s, ${options.customers} customers\n`,
  )
  console.log(
    table(
      ['server', 'req/s', 'requests', 'p50 ms', 'p99 ms', 'errors', 'timeouts', 'non-2xx', 'server CPU ms/req'],
      [
        row('ours, rendered every time (no-cache)', renderedSummary),
        row('ours (page cache)', oursSummary),
        row('bare', bareSummary),
      ],
    ),
  )
  console.log(
    `\nrendered every time ÷ bare: ${(bareSummary.requestsPerSecond > 0 ? renderedSummary.requestsPerSecond / bareSummary.requestsPerSecond : 0).toFixed(3)} (not the target: a hard reload)`,
  )
  console.log(
    `\nratio ours/bare: ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}, 0 errors)  →  ${pass ? 'PASS' : 'FAIL'}`,
  )
  const loadAverage = machine().loadAverage
  if (loadAverage[0]! > os.cpus().length)
    console.log(
      `  note: load average ${loadAverage.join(' ')} on ${os.cpus().length} CPUs — other work competed for the machine; CPU ms/req is the steadier figure`,
    )
  if (!pass) {
    const reasons = []
    if (ratio < TARGET_RATIO) reasons.push(`ratio ${ratio.toFixed(3)} < ${TARGET_RATIO}`)
    if (failures(oursSummary))
      reasons.push(
        `ours: ${oursSummary.errors} errors, ${oursSummary.non2xx} non-2xx ${JSON.stringify(oursSummary.statusCodes)}`,
      )
    if (failures(bareSummary))
      reasons.push(
        `bare: ${bareSummary.errors} errors, ${bareSummary.non2xx} non-2xx ${JSON.stringify(bareSummary.statusCodes)}`,
      )
    console.log(`  ${reasons.join('; ')}`)
  }

  const file = writeResults('portal-dashboard', stamp, {
    benchmark: 'portal-dashboard',
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    request: { method: 'GET', path: requestPath, auth: 'Authorization: JWT <token>' },
    machine: { ...machine(), loadAverageBeforeLoad: loadAverageBefore },
    postgres: { version: pgVersion, source: postgres.source, database: database.name, kept: options.keep },
    dataset: {
      ...dataset,
      sampleCustomer: undefined,
      technicians: 2,
      customer: { id: customer.id, unpaidInvoices: customer.invoices, openTickets: customer.tickets },
    },
    ours: oursSummary,
    oursRenderedEveryTime: renderedSummary,
    bare: bareSummary,
    ratio: Number(ratio.toFixed(4)),
    target: { ratio: TARGET_RATIO, errors: 0 },
    pass,
  })
  console.log(`\nresults: ${path.relative(ROOT, file)}`)
  return 0
}

/** What the dashboard shows, read from its HTML: invoice and ticket links, and the amount due. */
async function pageFacts(
  service: Service,
  requestPath: string,
  token: string,
): Promise<{ invoices: number[]; tickets: number[]; due: string }> {
  const res = await fetch(`${service.url}${requestPath}`, {
    headers: { authorization: `JWT ${token}` },
    redirect: 'manual',
  })
  const html = await res.text()
  if (res.status !== 200) throw new BenchError(`${service.name} answered ${res.status}: ${html.slice(0, 300)}`)
  const ids = (pattern: RegExp) =>
    [...new Set([...html.matchAll(pattern)].map((m) => Number(m[1])))].sort((a, b) => a - b)
  const due = /Belum dibayar[\s\S]*?(Rp[\s\u00a0]?[\d.]+)/.exec(html)?.[1]?.replace(/\s|\u00a0/g, '') ?? '?'
  return { invoices: ids(/href="\/portal\/tagihan\/(\d+)"/g), tickets: ids(/href="\/portal\/tiket\/(\d+)"/g), due }
}
