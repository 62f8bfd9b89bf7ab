/**
 * portal-read: a logged-in customer lists their own tickets over REST,
 *
 *   GET /api/tickets?where[customer][equals]=<id>&depth=0&limit=10   Authorization: JWT <token>
 *
 * against the production server (server.ts: Express → Next.js → Payload) and against a bare
 * Express + pg + JWT server doing the same query (bench/bare-portal-server.ts), one after the
 * other, on a fresh database of generated customers. Target: ours ≥ 0.5 × bare, no errors.
 *
 * `--graphql` adds the same read over GraphQL, `--sdk` the same read through Payload's REST client
 * (`@payloadcms/sdk`: `new PayloadSDK({ baseURL }).find(…)` with the customer's token), both on the
 * product's server. autocannon cannot drive the SDK, so that row is driven from this process: as many
 * concurrent loops as connections, each sending its next read when the last is answered, for the
 * same warm-up and duration.
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

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
  processTreeCpuMs,
  productNodeOptions,
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
  'customer lists own tickets over REST (GET /api/tickets, JWT): ours vs bare Express + pg + JWT'

const TARGET_RATIO = 0.5
const CUSTOMER_PASSWORD = 'pelanggan123'

const USAGE = `npm run bench -- portal-read [options]

  --customers <n>     generated customers (default 10000)
  --connections <n>   concurrent connections (default 50)
  --duration <s>      measured seconds per server (default 30)
  --warmup <s>        warm-up seconds per server, not measured (default 5)
  --steps             also measure the configurations before each change (what each step bought)
  --graphql           also measure the same read over GraphQL (POST /api/graphql)
  --sdk               also measure the same read through @payloadcms/sdk (its find, same REST query)
  --keep              keep the benchmark database (prints its URL)
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.
Needs a production build (npm run build).`

type Options = {
  customers: number
  connections: number
  duration: number
  warmup: number
  keep: boolean
  steps: boolean
  graphql: boolean
  sdk: boolean
}

export async function run(args: string[]): Promise<number> {
  const parsed = benchOptions(
    args,
    USAGE,
    {
      customers: { default: 10_000, min: 10, max: 1_000_000 },
      connections: { default: 50, min: 1, max: 1000 },
      duration: { default: 30, min: 1, max: 3600 },
      warmup: { default: 5, min: 0, max: 600 },
    },
    ['steps', 'graphql', 'sdk'],
  )
  if ('exit' in parsed) return parsed.exit
  if (!hasProductionBuild('portal-read')) return 1
  const { options } = parsed

  const stamp = timestamp()
  const services: Service[] = []
  return runWithCleanups(
    'portal-read',
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
    `portal-read: ${options.customers} customers, ${options.connections} connections, ${options.duration} s per server (+${options.warmup} s warm-up)\n`,
  )

  // 1. A database of our own, migrated exactly as production migrates.
  const postgres: BenchPostgres = await benchPostgres()
  cleanups.push(postgres.stop)
  const database: BenchDatabase = await createBenchDatabase(
    postgres.adminUrl,
    `ispops_bench_portal_${stamp.toLowerCase()}_${process.pid}`,
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
  // The customer with the most tickets (ties: the lowest id), so the page is as full as it gets.
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  let customer: { id: number; username: string; tickets: number }
  try {
    const { rows } = await client.query<{ id: number; username: string; tickets: string }>(
      `SELECT c.id, c.username, count(*) AS tickets FROM customers c JOIN tickets t ON t.customer_id = c.id
       GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1`,
    )
    if (!rows[0]) throw new BenchError('the generated data has no customer with tickets')
    customer = { id: rows[0].id, username: rows[0].username, tickets: Number(rows[0].tickets) }
  } finally {
    await client.end()
  }
  console.log(`reading as customer #${customer.id} (${customer.username}), ${customer.tickets} tickets`)

  // 3. Our production server in each configuration measured, one at a time. The steps show what each
  // change bought (`--steps`); the last configuration is the product as `npm start` runs it.
  const product = productNodeOptions()
  const semiSpace = /--max-semi-space-size=\d+/.exec(product)?.[0]
  if (!semiSpace) throw new BenchError('package.json "start" sets no --max-semi-space-size')
  const countPath = `/api/tickets?where[customer][equals]=${customer.id}&depth=0&limit=10`
  // The portal's list asks for no page count (pagination=false with a limit: no count query).
  const requestPath = `${countPath}&pagination=false`
  type Config = { name: string; path: string; env: Record<string, string>; nodeOptions: string }
  const productConfig: Config = {
    name: `ours: pagination=false, account remembered, ${semiSpace}, read cache`,
    path: requestPath,
    env: {},
    nodeOptions: product,
  }
  const configs: Config[] = [
    ...(options.steps
      ? [
          {
            name: '1. before: page count, account read per request',
            path: countPath,
            env: { AUTH_CACHE_MS: '0', PORTAL_READ_CACHE_MB: '0' },
            nodeOptions: CHILD_NODE_OPTIONS,
          },
          {
            name: '2. + pagination=false (no count query)',
            path: requestPath,
            env: { AUTH_CACHE_MS: '0', PORTAL_READ_CACHE_MB: '0' },
            nodeOptions: CHILD_NODE_OPTIONS,
          },
          {
            name: '3. + signed-in account remembered (5 s)',
            path: requestPath,
            env: { PORTAL_READ_CACHE_MB: '0' },
            nodeOptions: CHILD_NODE_OPTIONS,
          },
        ]
      : []),
    ...(options.steps
      ? [
          {
            name: `4. + ${semiSpace}`,
            path: requestPath,
            env: { PORTAL_READ_CACHE_MB: '0' },
            nodeOptions: product,
          },
        ]
      : []),
    { ...productConfig, name: options.steps ? '5. + read cache (as npm start)' : productConfig.name },
  ]
  const startOurs = async (config: Config) => {
    const t = Date.now()
    const port = await freePort()
    const service = await startService({
      name: `ours (server.ts): ${config.name}`,
      script: 'server.ts',
      env: {
        ...env,
        ...config.env,
        NODE_OPTIONS: config.nodeOptions,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        RUN_WORKER_IN_PROCESS: 'false',
        // One client address sends everything here; the per-address GraphQL limit is not under test.
        GRAPHQL_RATE_LIMIT: '100000000',
      },
      port,
      readyPath: '/readyz',
    })
    services.push(service)
    cleanups.push(service.stop)
    console.log(`our server (${config.name}) up on ${service.url} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    return service
  }

  // 4. The bare server, with a token of its own.
  const bareSecret = crypto.randomBytes(32).toString('hex')
  const barePort = await freePort()
  const bare = await startService({
    name: 'bare (bench/bare-portal-server.ts)',
    script: 'bench/bare-portal-server.ts',
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
  const bareIds = await ticketIds(bare, requestPath, bareToken)

  // 5–6. Each configuration: same answer as bare, then load; each server stopped once measured so it
  // cannot take CPU from the next. The GraphQL read runs on the product's server.
  const load = { connections: options.connections, duration: options.duration, warmup: options.warmup }
  const loadAverageBefore = machine().loadAverage
  let oursToken = ''
  const steps: { name: string; summary: LoadSummary }[] = []
  let oursRaw: Awaited<ReturnType<typeof measure>> | undefined
  let graphqlRaw: Awaited<ReturnType<typeof measure>> | undefined
  let sdkSummary: LoadSummary | undefined
  let sdkClientCpuMsPerRequest: number | undefined
  // Not a dependency of the product (see loadSdk): a failed install skips the SDK row only, and says so.
  const sdkModule = options.sdk ? await loadSdk() : undefined
  if (options.sdk && !sdkModule)
    console.log(`--sdk: @payloadcms/sdk could not be installed (npm registry unreachable?); the SDK row is skipped\n`)
  const graphqlQuery = `{ Tickets(where: { customer: { equals: ${customer.id} } }, limit: 10) { docs { id subject type priority description status scheduledAt resolvedAt resolution rating ratingComment createdAt updatedAt } } }`
  for (const [index, config] of configs.entries()) {
    const ours = await startOurs(config)
    if (!oursToken) {
      const login = await fetch(`${ours.url}/api/customers/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: customer.username, password: CUSTOMER_PASSWORD }),
      })
      const loginBody = (await login.json().catch(() => undefined)) as { token?: string } | undefined
      if (login.status !== 200 || !loginBody?.token)
        throw new BenchError(`customer login failed (${login.status}): ${JSON.stringify(loginBody)}`)
      oursToken = loginBody.token
    }
    const oursIds = await ticketIds(ours, config.path, oursToken)
    if (!oursIds.length || JSON.stringify(oursIds) !== JSON.stringify(bareIds)) {
      throw new BenchError(
        `the servers disagree on customer #${customer.id}'s tickets: ours [${oursIds.join(', ')}], bare [${bareIds.join(', ')}]`,
      )
    }
    const raw = await measure({
      title: config.name,
      url: `${ours.url}${config.path}`,
      headers: { authorization: `JWT ${oursToken}` },
      serverPid: ours.child.pid,
      ...load,
    })
    steps.push({ name: config.name, summary: summarize(raw) })
    if (index === configs.length - 1) {
      oursRaw = raw
      if (options.graphql) {
        const res = await fetch(`${ours.url}/api/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `JWT ${oursToken}` },
          body: JSON.stringify({ query: graphqlQuery }),
        })
        const body = (await res.json().catch(() => undefined)) as
          { data?: { Tickets?: { docs?: { id: number }[] } } } | undefined
        const ids = body?.data?.Tickets?.docs?.map((d) => d.id) ?? []
        if (res.status !== 200 || JSON.stringify(ids) !== JSON.stringify(bareIds))
          throw new BenchError(
            `GraphQL answered ${res.status} with tickets [${ids.join(', ')}], bare [${bareIds.join(', ')}]`,
          )
        graphqlRaw = await measure({
          title: 'ours over GraphQL',
          url: `${ours.url}/api/graphql`,
          method: 'POST',
          body: JSON.stringify({ query: graphqlQuery }),
          headers: { authorization: `JWT ${oursToken}`, 'content-type': 'application/json' },
          serverPid: ours.child.pid,
          ...load,
        })
      }
    }
    if (index === configs.length - 1 && sdkModule) {
      const sdk = new sdkModule.PayloadSDK({ baseURL: `${ours.url}/api` })
      // The portal's read: the customer's own tickets, 10 a page, no page count, depth 0.
      const read = () =>
        sdk.find(
          {
            collection: 'tickets',
            where: { customer: { equals: customer.id } },
            depth: 0,
            limit: 10,
            pagination: false,
          },
          { headers: { Authorization: `JWT ${oursToken}` } },
        )
      const first = await read()
      const ids = first.docs.map((d) => d.id)
      if (JSON.stringify(ids) !== JSON.stringify(bareIds))
        throw new BenchError(`the SDK's find returned tickets [${ids.join(', ')}], bare [${bareIds.join(', ')}]`)
      const sdkRun = await measureClientLoop({
        title: 'ours through @payloadcms/sdk',
        read,
        serverPid: ours.child.pid,
        ...load,
      })
      sdkSummary = sdkRun.summary
      sdkClientCpuMsPerRequest = sdkRun.clientCpuMsPerRequest
    }
    await ours.stop()
  }
  console.log(`both servers return tickets [${bareIds.join(', ')}]\n`)
  const bareRaw = await measure({
    title: 'bare',
    url: `${bare.url}${requestPath}`,
    headers: { authorization: `JWT ${bareToken}` },
    serverPid: bare.child.pid,
    ...load,
  })
  await bare.stop()

  // 7. Report.
  const oursSummary = summarize(oursRaw!)
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
    `\nportal-read, ${options.connections} connections × ${options.duration} s, ${options.customers} customers\n`,
  )
  console.log(
    table(
      ['server', 'req/s', 'requests', 'p50 ms', 'p99 ms', 'errors', 'timeouts', 'non-2xx', 'server CPU ms/req'],
      [row('ours', oursSummary), row('bare', bareSummary)],
    ),
  )
  if (steps.length > 1 || graphqlRaw || sdkSummary) {
    const stepRows = steps.map(({ name, summary }) => [
      name,
      summary.requestsPerSecond.toFixed(1),
      summary.serverCpuMsPerRequest === null ? 'n/a' : summary.serverCpuMsPerRequest.toFixed(2),
      (summary.requestsPerSecond / bareSummary.requestsPerSecond).toFixed(3),
      String(failures(summary)),
    ])
    if (graphqlRaw) {
      const g = summarize(graphqlRaw)
      stepRows.push([
        'ours over GraphQL (same server as the last)',
        g.requestsPerSecond.toFixed(1),
        g.serverCpuMsPerRequest === null ? 'n/a' : g.serverCpuMsPerRequest.toFixed(2),
        (g.requestsPerSecond / bareSummary.requestsPerSecond).toFixed(3),
        String(failures(g)),
      ])
    }
    if (sdkSummary)
      stepRows.push([
        'ours through @payloadcms/sdk (same server as the last)',
        sdkSummary.requestsPerSecond.toFixed(1),
        sdkSummary.serverCpuMsPerRequest === null ? 'n/a' : sdkSummary.serverCpuMsPerRequest.toFixed(2),
        (sdkSummary.requestsPerSecond / bareSummary.requestsPerSecond).toFixed(3),
        String(failures(sdkSummary)),
      ])
    console.log(`\nwhat each step bought (same run, one server at a time)\n`)
    console.log(table(['configuration', 'req/s', 'server CPU ms/req', '÷ bare req/s', 'failures'], stepRows))
    if (sdkSummary)
      console.log(
        `\n@payloadcms/sdk: p50 ${sdkSummary.latencyMs.p50} ms, p99 ${sdkSummary.latencyMs.p99} ms; the client (SDK + fetch, in the bench process, sharing the machine with the server) used ${sdkClientCpuMsPerRequest?.toFixed(2)} ms CPU per read`,
      )
  }
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

  const file = writeResults('portal-read', stamp, {
    benchmark: 'portal-read',
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    request: {
      method: 'GET',
      path: requestPath.replace(String(customer.id), '<id>'),
      auth: 'Authorization: JWT <token>',
    },
    machine: { ...machine(), loadAverageBeforeLoad: loadAverageBefore },
    postgres: { version: pgVersion, source: postgres.source, database: database.name, kept: options.keep },
    dataset: {
      ...dataset,
      sampleCustomer: undefined,
      technicians: 2,
      customer: { id: customer.id, tickets: customer.tickets },
    },
    ours: oursSummary,
    bare: bareSummary,
    steps,
    graphql: graphqlRaw ? summarize(graphqlRaw) : null,
    sdk: options.sdk
      ? sdkSummary
        ? { package: '@payloadcms/sdk', ...sdkSummary, clientCpuMsPerRequest: sdkClientCpuMsPerRequest }
        : { skipped: '@payloadcms/sdk could not be installed' }
      : null,
    ratio: Number(ratio.toFixed(4)),
    target: { ratio: TARGET_RATIO, errors: 0 },
    pass,
  })
  console.log(`\nresults: ${path.relative(ROOT, file)}`)
  return 0
}

async function ticketIds(service: Service, requestPath: string, token: string): Promise<number[]> {
  const res = await fetch(`${service.url}${requestPath}`, { headers: { authorization: `JWT ${token}` } })
  const body = (await res.json().catch(() => undefined)) as { docs?: { id: number }[] } | undefined
  if (res.status !== 200 || !Array.isArray(body?.docs))
    throw new BenchError(`${service.name} answered ${res.status}: ${JSON.stringify(body)?.slice(0, 500)}`)
  return body.docs.map((d) => d.id)
}

/** The SDK's client, as far as this benchmark uses it. */
type SdkModule = {
  PayloadSDK: new (args: { baseURL: string }) => {
    find(
      options: {
        collection: 'tickets'
        where: Record<string, unknown>
        depth: number
        limit: number
        pagination: boolean
      },
      init?: RequestInit,
    ): Promise<{ docs: { id: number }[] }>
  }
}

/**
 * `@payloadcms/sdk` exists only as 3.90.1 while the product runs Payload 3.90.2, and Payload's own
 * dependency check refuses mixed `@payloadcms/*` versions in one tree. The SDK is a client, so it
 * is kept out of the product's dependencies: `--sdk` installs it (once) into .data/bench-sdk with
 * its own Payload copy (used there for types only) and loads it from there.
 */
const SDK_VERSION = '3.90.1'
const SDK_DIR = path.join(ROOT, '.data', 'bench-sdk')

async function loadSdk(): Promise<SdkModule | undefined> {
  const resolveSdk = () => createRequire(path.join(SDK_DIR, 'package.json')).resolve('@payloadcms/sdk')
  let entry: string
  try {
    entry = resolveSdk()
  } catch {
    console.log(`--sdk: installing @payloadcms/sdk@${SDK_VERSION} into ${path.relative(ROOT, SDK_DIR)} (once)…`)
    fs.mkdirSync(SDK_DIR, { recursive: true })
    const install = spawnSync(
      'npm',
      ['install', '--prefix', SDK_DIR, '--no-audit', '--no-fund', '--save-exact', `@payloadcms/sdk@${SDK_VERSION}`],
      { encoding: 'utf8' },
    )
    if (install.status !== 0) {
      console.log(`--sdk: npm install failed (${install.status}): ${install.stderr.trim().slice(-500)}`)
      return undefined
    }
    entry = resolveSdk()
  }
  return (await import(pathToFileURL(entry).href)) as SdkModule
}

/**
 * Closed-loop load from this process, as autocannon applies it: `connections` loops, each sending its
 * next read as soon as the last is answered, a warm-up (not counted) and then `duration` seconds
 * measured. A read that throws counts as an error (the SDK throws on a non-2xx answer).
 */
async function measureClientLoop({
  title,
  read,
  connections,
  duration,
  warmup,
  serverPid,
}: {
  title: string
  read: () => Promise<unknown>
  connections: number
  duration: number
  warmup: number
  serverPid?: number
}): Promise<{ summary: LoadSummary; clientCpuMsPerRequest: number }> {
  const run = async (seconds: number) => {
    const latencies: number[] = []
    let errors = 0
    const until = performance.now() + seconds * 1000
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const t = performance.now()
          try {
            await read()
            latencies.push(performance.now() - t)
          } catch {
            errors++
          }
        }
      }),
    )
    return { latencies, errors }
  }
  if (warmup > 0) {
    process.stdout.write(`  ${title}: warming up for ${warmup} s… `)
    const w = await run(warmup)
    process.stdout.write(`${Math.round(w.latencies.length / warmup)} req/s, ${w.errors} errors\n`)
  }
  process.stdout.write(`  ${title}: measuring ${connections} loops for ${duration} s… `)
  const serverCpuBefore = processTreeCpuMs(serverPid)
  const clientCpu = process.cpuUsage()
  const started = performance.now()
  const { latencies, errors } = await run(duration)
  const seconds = (performance.now() - started) / 1000
  const clientUsed = process.cpuUsage(clientCpu)
  const serverCpuAfter = processTreeCpuMs(serverPid)
  const sorted = [...latencies].sort((a, b) => a - b)
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2))
  const total = latencies.length
  process.stdout.write(`${Math.round(total / seconds)} req/s\n`)
  return {
    summary: {
      requestsPerSecond: Number((total / seconds).toFixed(1)),
      totalRequests: total,
      durationSeconds: Number(seconds.toFixed(2)),
      latencyMs: {
        average: Number((latencies.reduce((a, b) => a + b, 0) / Math.max(1, total)).toFixed(2)),
        p50: at(0.5),
        p90: at(0.9),
        p99: at(0.99),
        max: at(1),
      },
      errors,
      timeouts: 0,
      non2xx: 0,
      statusCodes: { '200': total },
      serverCpuMsPerRequest:
        serverCpuBefore !== undefined && serverCpuAfter !== undefined && total > 0
          ? Number(((serverCpuAfter - serverCpuBefore) / total).toFixed(2))
          : null,
    },
    clientCpuMsPerRequest: (clientUsed.user + clientUsed.system) / 1000 / Math.max(1, total),
  }
}
