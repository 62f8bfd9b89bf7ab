/**
 * wa-webhook: WhatsApp delivery-status webhooks as Meta sends them (signed with X-Hub-Signature-256,
 * one status per call, one in ten a replay of the call before), 50 connections,
 *
 *   POST /api/whatsapp/webhook
 *
 * against the production server (server.ts: Express → Next.js → Payload, the webhook's own
 * signature check, event dedupe and forward-only status update) and against a bare Express + pg
 * server doing the same inserts and update by hand (bench/bare-webhook-server.ts), one after the
 * other, on the same database (events emptied and messages reset in between). After each side the
 * database is checked: no event key twice, one event per status the answers said was applied (plus
 * at most the calls still in flight when the load stopped), every such message moved to delivered,
 * and every 200 answer either applied or recognised as a replay. Target: ours ≥ 0.5 × bare, 0 errors, 0 duplicates.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon, { type RequestParams } from 'autocannon'
import pg from 'pg'

import { CHILD_NODE_OPTIONS } from '../tests/helpers/postgres'
import {
  BenchError,
  type Cleanups,
  benchPostgres,
  benchOptions,
  createBenchDatabase,
  hasProductionBuild,
  freePort,
  type LoadSummary,
  machine,
  type Measurement,
  migrateAndGenerate,
  processTreeCpuMs,
  ROOT,
  runWithCleanups,
  type Service,
  serverVersion,
  startService,
  summarize,
  table,
  timestamp,
  writeResults,
} from './lib/harness'

export const description =
  'signed WhatsApp status webhooks (POST /api/whatsapp/webhook), 50 connections: ours vs bare Express + pg'

const TARGET_RATIO = 0.5
const APP_SECRET = crypto.randomBytes(16).toString('hex')
/** Outgoing messages the statuses refer to (more than either side can get through in the run). */
const MESSAGES = 400_000

const USAGE = `npm run bench -- wa-webhook [options]

  --connections <n>   concurrent connections (default 50)
  --duration <s>      measured seconds per server (default 30)
  --warmup <s>        warm-up seconds per server, not measured (default 5)
  --keep              keep the benchmark database
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.
Needs a production build (npm run build).`

type Options = { connections: number; duration: number; warmup: number; keep: boolean }

export async function run(args: string[]): Promise<number> {
  const parsed = benchOptions(args, USAGE, {
    connections: { default: 50, min: 1, max: 1000 },
    duration: { default: 30, min: 1, max: 3600 },
    warmup: { default: 5, min: 0, max: 600 },
  })
  if ('exit' in parsed) return parsed.exit
  if (!hasProductionBuild('wa-webhook')) return 1
  const { options } = parsed
  const stamp = timestamp()
  const services: Service[] = []
  return runWithCleanups(
    'wa-webhook',
    (cleanups) => benchmark(options, stamp, cleanups, services),
    () => {
      for (const service of services)
        console.error(`--- last output of ${service.name} ---\n${service.output() || '(none)'}`)
    },
  )
}

/** Signed status webhooks: status i for message i, every tenth call a replay of the one before. */
function statusCalls() {
  let call = 0
  // What the server said it did, summed over its answers: new events and replays it recognised.
  const answered = { applied: 0, duplicates: 0, ok: 0 }
  const bodyFor = (n: number) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '6281100000000', phone_number_id: '109876543210' },
                statuses: [
                  {
                    id: `wamid.BENCH${n}`,
                    status: 'delivered',
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    recipient_id: '6281234567890',
                  },
                ],
              },
            },
          ],
        },
      ],
    })
  const setupRequest = (request: RequestParams): RequestParams => {
    call++
    const n = call % 10 === 0 ? call - 1 : call
    const body = bodyFor(n)
    const signature = `sha256=${crypto.createHmac('sha256', APP_SECRET).update(body).digest('hex')}`
    return {
      ...request,
      method: 'POST',
      path: '/api/whatsapp/webhook',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    }
  }
  const onResponse = (status: number, body: string) => {
    if (status !== 200) return
    const answer = JSON.parse(body) as { applied?: number; duplicates?: number }
    answered.ok++
    answered.applied += answer.applied ?? 0
    answered.duplicates += answer.duplicates ?? 0
  }
  return { setupRequest, onResponse, answered }
}

async function load(
  title: string,
  url: string,
  options: Options,
  serverPid: number | undefined,
  calls: ReturnType<typeof statusCalls>,
): Promise<Measurement> {
  const requests = [{ setupRequest: calls.setupRequest, onResponse: calls.onResponse }]
  if (options.warmup > 0) {
    process.stdout.write(`  ${title}: warming up for ${options.warmup} s… `)
    const w = await autocannon({
      url,
      connections: options.connections,
      duration: options.warmup,
      timeout: 10,
      requests,
    })
    process.stdout.write(`${Math.round(w.requests.average)} req/s, ${w.errors} errors, ${w.non2xx} non-2xx\n`)
  }
  process.stdout.write(`  ${title}: measuring ${options.connections} connections for ${options.duration} s… `)
  const cpuBefore = processTreeCpuMs(serverPid)
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    title,
    requests,
  })
  const cpuAfter = processTreeCpuMs(serverPid)
  process.stdout.write(`${Math.round(result.requests.average)} req/s\n`)
  return { result, serverCpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined }
}

type DbCheck = {
  events: number
  distinctKeys: number
  answeredApplied: number
  answeredReplays: number
  answered: number
  delivered: number
  duplicates: number
}

/**
 * The database after a side's load: no event twice, one event per status the server said it applied,
 * each of those messages moved to delivered, and every 200 answer accounted for as new or a replay.
 */
async function checkDatabase(
  client: pg.Client,
  answered: { applied: number; duplicates: number; ok: number },
  side: string,
  inFlight: number,
): Promise<DbCheck> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS events, count(DISTINCT event_key)::int AS keys FROM whatsapp_events WHERE event_key LIKE 'wamid.BENCH%'`,
  )
  const delivered = Number(
    (
      await client.query(
        `SELECT count(*)::int AS n FROM messages WHERE provider_message_id LIKE 'wamid.BENCH%' AND status = 'delivered'`,
      )
    ).rows[0].n,
  )
  const check = {
    events: rows[0].events,
    distinctKeys: rows[0].keys,
    answeredApplied: answered.applied,
    answeredReplays: answered.duplicates,
    answered: answered.ok,
    delivered,
    duplicates: rows[0].events - rows[0].keys,
  }
  const problems: string[] = []
  if (check.duplicates !== 0) problems.push(`${check.duplicates} duplicate events`)
  // Calls still in flight when autocannon stops (at most one per connection, per phase) are applied
  // by the server but their answers are never read.
  const unanswered = check.events - answered.applied
  if (unanswered < 0 || unanswered > inFlight)
    problems.push(
      `${check.events} events stored, the answers said ${answered.applied} applied (at most ${inFlight} unanswered)`,
    )
  if (delivered !== check.events) problems.push(`${delivered} messages delivered for ${check.events} events`)
  if (answered.applied + answered.duplicates !== answered.ok)
    problems.push(`${answered.ok} answers but ${answered.applied} applied + ${answered.duplicates} replays`)
  if (answered.duplicates === 0) problems.push('no replay was recognised (one call in ten is one)')
  if (problems.length)
    throw new BenchError(`${side}: the database does not match what was sent: ${problems.join('; ')}`)
  return check
}

async function benchmark(options: Options, stamp: string, cleanups: Cleanups, services: Service[]): Promise<number> {
  const started = Date.now()
  console.log(
    `wa-webhook: ${options.connections} connections, ${options.duration} s per server (+${options.warmup} s warm-up)\n`,
  )
  const postgres = await benchPostgres()
  cleanups.push(postgres.stop)
  const database = await createBenchDatabase(postgres.adminUrl, `ispops_bench_wa_${stamp.toLowerCase()}_${process.pid}`)
  cleanups.push(async () => {
    if (options.keep) console.log(`kept database ${database.name}: DATABASE_URL=${database.url}`)
    else await database.drop()
  })
  const pgVersion = await serverVersion(database.url)
  console.log(`PostgreSQL ${pgVersion} (${postgres.source}), database ${database.name}`)
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-bench-wa-'))
  cleanups.push(async () => fs.rmSync(mediaDir, { recursive: true, force: true }))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PAYLOAD_SECRET: crypto.randomBytes(24).toString('hex'),
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: CHILD_NODE_OPTIONS,
    WHATSAPP_APP_SECRET: APP_SECRET,
  }
  delete env.DATABASE_EMBEDDED
  await migrateAndGenerate({ url: database.url, env, customers: 1000 })

  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  cleanups.push(() => client.end())
  let t = Date.now()
  await client.query(
    `INSERT INTO messages (direction, channel, status, "to", kind, trigger, provider_message_id, dedupe_key, attempts, needs_attention, sent_at, created_at, updated_at)
     SELECT 'out', 'whatsapp', 'sent', '6281234567890', 'template', 'bench', 'wamid.BENCH' || g, 'bench:' || g, 1, false, now(), now(), now() FROM generate_series(1, $1::int) g`,
    [MESSAGES],
  )
  await client.query('VACUUM ANALYZE messages')
  console.log(`${MESSAGES} sent messages for the statuses to refer to, in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  const reset = async () => {
    await client.query(`DELETE FROM whatsapp_events`)
    await client.query(
      `UPDATE messages SET status = 'sent', delivered_at = NULL WHERE provider_message_id LIKE 'wamid.BENCH%' AND status <> 'sent'`,
    )
    await client.query('VACUUM ANALYZE messages, whatsapp_events')
  }

  // Ours: the production server, its webhook rate limit out of the way (one sender here, unlike Meta's many).
  t = Date.now()
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
      WEBHOOK_RATE_LIMIT: '100000000',
    },
    port: oursPort,
    readyPath: '/readyz',
  })
  services.push(ours)
  cleanups.push(ours.stop)
  console.log(`our server up on ${ours.url} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  const barePort = await freePort()
  const bare = await startService({
    name: 'bare (bench/bare-webhook-server.ts)',
    script: 'bench/bare-webhook-server.ts',
    env: {
      ...env,
      NODE_ENV: 'production',
      PORT: String(barePort),
      HOST: '127.0.0.1',
      DATABASE_POOL_MAX: env.DATABASE_POOL_MAX ?? '10',
    },
    port: barePort,
    readyPath: '/healthz',
  })
  services.push(bare)
  cleanups.push(bare.stop)

  // Both must refuse a forged call and accept a signed one before either is timed.
  for (const service of [ours, bare]) {
    const forged = await fetch(`${service.url}/api/whatsapp/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      body: '{"object":"whatsapp_business_account","entry":[]}',
    })
    if (forged.status !== 401) throw new BenchError(`${service.name} answered ${forged.status} to a forged signature`)
  }

  const oursCalls = statusCalls()
  await reset()
  const oursRaw = await load('ours', ours.url, options, ours.child.pid, oursCalls)
  await ours.stop()
  const inFlight = options.connections * (options.warmup > 0 ? 2 : 1)
  const oursDb = await checkDatabase(client, oursCalls.answered, 'ours', inFlight)
  console.log(
    `  ours: ${oursDb.answered} answered, ${oursDb.events} events stored, ${oursDb.answeredReplays} replays recognised, 0 duplicates (checked)`,
  )

  const bareCalls = statusCalls()
  await reset()
  const bareRaw = await load('bare', bare.url, options, bare.child.pid, bareCalls)
  await bare.stop()
  const bareDb = await checkDatabase(client, bareCalls.answered, 'bare', inFlight)
  console.log(
    `  bare: ${bareDb.answered} answered, ${bareDb.events} events stored, ${bareDb.answeredReplays} replays recognised, 0 duplicates (checked)`,
  )

  const oursSummary = summarize(oursRaw)
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
    String(s.non2xx),
    s.serverCpuMsPerRequest === null ? 'n/a' : s.serverCpuMsPerRequest.toFixed(2),
  ]
  console.log(`\nwa-webhook, ${options.connections} connections × ${options.duration} s\n`)
  console.log(
    table(
      ['server', 'req/s', 'requests', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'server CPU ms/req'],
      [row('ours', oursSummary), row('bare', bareSummary)],
    ),
  )
  console.log(
    `\nratio ours/bare: ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}, 0 errors, 0 duplicates)  →  ${pass ? 'PASS' : 'FAIL'}`,
  )
  const loadAverage = machine().loadAverage
  if (loadAverage[0]! > os.cpus().length)
    console.log(
      `  note: load average ${loadAverage.join(' ')} on ${os.cpus().length} CPUs — other work competed for the machine; CPU ms/req is the steadier figure`,
    )

  const file = writeResults('wa-webhook', stamp, {
    benchmark: 'wa-webhook',
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    request: {
      method: 'POST',
      path: '/api/whatsapp/webhook',
      body: 'one delivered status per call, every tenth a replay',
      auth: 'X-Hub-Signature-256',
    },
    machine: machine(),
    postgres: { version: pgVersion, source: postgres.source, database: database.name, kept: options.keep },
    ours: { ...oursSummary, database: oursDb },
    bare: { ...bareSummary, database: bareDb },
    ratio: Number(ratio.toFixed(4)),
    target: { ratio: TARGET_RATIO, errors: 0, duplicates: 0 },
    pass,
  })
  console.log(`\nresults: ${path.relative(ROOT, file)}`)
  return 0
}
