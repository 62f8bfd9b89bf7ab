/**
 * outage-storm: a storm of PPP on-down pushes from a router, as RouterOS `/tool fetch` sends them
 * (form body, Bearer router token), every event delivered several times in shuffled order:
 *
 *   POST /api/monitoring/events/mikrotik
 *
 * 5,000 customers under 100 ODPs (router → 2 OLTs → 20 PON ports → 100 ODPs, 50 homes each). What
 * breaks: one whole PON port (5 ODPs, 250 homes), 19 more single ODPs (one on each other port,
 * 950 homes) and one lone customer on each of the 76 other ODPs: 1,276 customers, sent as 5,000
 * calls. The right answer, counted in SQL after the correlator: exactly 20 incidents (1 on the PON
 * port, 19 on ODPs), every event stored once, 0 tickets for the 1,200 customers in an incident and,
 * 31 minutes on, one ticket each for the 76 lone ones.
 *
 * Ingest: the same calls against the production server (server.ts) and against a bare Express + pg
 * server storing the same rows by hand (bench/bare-event-server.ts), in the same run; target ours
 * ≥ 0.5 × bare. Correlator: the database grown to `--big` customers (default 100,000) with a tenth
 * of them down, one correlator pass (the outages grouped, incidents opened) against a single SQL
 * `GROUP BY` of the same down set by ODP; target pass ≤ 3 × GROUP BY. The events themselves are
 * applied to customers at ingest (their cost is in the ingest figure), not in the pass.
 */
import crypto from 'node:crypto'

import pg from 'pg'

import { CHILD_NODE_OPTIONS } from '../tests/helpers/postgres'
import {
  BenchError,
  benchOptions,
  benchPostgres,
  createBenchDatabase,
  freePort,
  hasProductionBuild,
  machine,
  runScript,
  runWithCleanups,
  startService,
  table,
  timestamp,
  writeResults,
  type Cleanups,
  type Service,
} from './lib/harness'

export const description =
  'router push storm (POST /api/monitoring/events/mikrotik): right incidents, ingest vs bare Express + pg, correlator vs GROUP BY'

const USAGE = `npm run bench -- outage-storm [options]

  --calls <n>         push calls in the storm (default 5000)
  --connections <n>   concurrent senders (default 20)
  --big <n>           customers for the correlator pass (default 100000)
  --keep              keep the benchmark database
  -h, --help          this help

PostgreSQL: BENCH_DATABASE_ADMIN_URL, else 127.0.0.1:5432 (user postgres), else an embedded one.
Needs a production build (npm run build).`

const TOKEN = `bench-router-token-${crypto.randomBytes(8).toString('hex')}`
const SECRET = 'bench-secret-that-is-long-enough-for-production'
const PER_ODP = 50

/** WIB wall-clock time as RouterOS prints it. */
const routerTime = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')

export async function run(args: string[]): Promise<number> {
  const parsed = benchOptions(args, USAGE, {
    calls: { default: 5000, min: 1300, max: 1_000_000 },
    connections: { default: 20, min: 1, max: 500 },
    big: { default: 100_000, min: 5000, max: 2_000_000 },
  })
  if ('exit' in parsed) return parsed.exit
  if (!hasProductionBuild('outage-storm')) return 1
  const services: Service[] = []
  return runWithCleanups(
    'outage-storm',
    (cleanups) => benchmark(parsed.options, cleanups, services),
    () => {
      for (const service of services)
        console.error(`--- last output of ${service.name} ---\n${service.output() || '(none)'}`)
    },
  )
}

/** Sends every body with `connections` senders; returns calls/s and the answers' statuses. */
async function storm(url: string, bodies: string[], connections: number) {
  const statuses = new Map<number, number>()
  let next = 0
  const started = performance.now()
  const sender = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!
      const res = await fetch(`${url}/api/monitoring/events/mikrotik`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      await res.arrayBuffer()
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: connections }, sender))
  const seconds = (performance.now() - started) / 1000
  return { seconds, perSecond: bodies.length / seconds, statuses: Object.fromEntries(statuses) }
}

async function benchmark(
  options: { calls: number; connections: number; big: number; keep: boolean },
  cleanups: Cleanups,
  services: Service[],
): Promise<number> {
  const stamp = timestamp()
  const postgres = await benchPostgres()
  cleanups.push(postgres.stop)
  const db = await createBenchDatabase(postgres.adminUrl, `bench_outage_storm_${stamp.toLowerCase()}`)
  if (!options.keep) cleanups.push(db.drop)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: CHILD_NODE_OPTIONS,
    DATABASE_URL: db.url,
    PAYLOAD_SECRET: SECRET,
    LOG_LEVEL: 'warn',
  }
  await runScript('scripts/migrate.ts', env)
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  cleanups.push(() => client.end())

  // The network and its customers.
  const hash = `sha256:${crypto.createHash('sha256').update(TOKEN).digest('hex')}`
  const { rows: routers } = await client.query(
    `INSERT INTO routers (name, base_url, username, password, monitoring_token, monitoring_poll, updated_at, created_at)
     VALUES ('Bench', 'http://127.0.0.1:9', 'api', 'x', $1, false, now(), now()) RETURNING id`,
    [hash],
  )
  const routerId = routers[0].id as number
  const { rows: rootRows } = await client.query(
    `INSERT INTO network_nodes (name, kind, router_id, updated_at, created_at) VALUES ('RTR-BENCH', 'router', $1, now(), now()) RETURNING id`,
    [routerId],
  )
  const rootId = rootRows[0].id as number
  /** OLTs, then PON ports (each 5 ODPs) and the ODPs, numbered from `firstOdp`. */
  const grow = async (olt: string, pons: number, firstPon: number) => {
    const { rows } = await client.query(
      `INSERT INTO network_nodes (name, kind, parent_id, updated_at, created_at) VALUES ($1, 'olt', $2, now(), now()) RETURNING id`,
      [olt, rootId],
    )
    await client.query(
      `INSERT INTO network_nodes (name, kind, parent_id, updated_at, created_at)
       SELECT 'PON-' || p, 'pon', $1, now(), now() FROM generate_series($2::int, $3::int) p`,
      [rows[0].id, firstPon, firstPon + pons - 1],
    )
    await client.query(
      `INSERT INTO network_nodes (name, kind, parent_id, updated_at, created_at)
       SELECT 'ODP-' || ((p - 1) * 5 + k), 'odp', n.id, now(), now()
         FROM generate_series($1::int, $2::int) p CROSS JOIN generate_series(1, 5) k
         JOIN network_nodes n ON n.name = 'PON-' || p`,
      [firstPon, firstPon + pons - 1],
    )
  }
  const addCustomers = async (from: number, to: number) =>
    client.query(
      `INSERT INTO customers (name, phone, number, username, status, billing_day, odp, pppoe_username, router_id, updated_at, created_at)
       SELECT 'Pelanggan ' || g, '62812' || lpad(g::text, 8, '0'), 'CUS-B-' || g, 'CUS-B-' || g, 'active', 1,
              'ODP-' || ((g - 1) / ${PER_ODP} + 1), 'b' || g, $3, now(), now()
         FROM generate_series($1::int, $2::int) g`,
      [from, to, routerId],
    )
  await grow('OLT-1', 10, 1)
  await grow('OLT-2', 10, 11)
  await addCustomers(1, 5000)
  await client.query('ANALYZE')

  // Who goes down: PON 1 whole (ODP 1–5), the first ODP of every other PON, one home on each other ODP.
  const odpOf = (customer: number) => Math.floor((customer - 1) / PER_ODP) + 1
  const wholeOdps = new Set([1, 2, 3, 4, 5, ...Array.from({ length: 19 }, (_, i) => (i + 1) * 5 + 1)])
  const down: number[] = []
  for (let c = 1; c <= 5000; c++) if (wholeOdps.has(odpOf(c)) || (c - 1) % PER_ODP === 0) down.push(c)
  const incidentCustomers = down.filter((c) => wholeOdps.has(odpOf(c)))
  const lone = down.length - incidentCustomers.length
  const stormAt = Date.now() - 3 * 60_000
  const unique = down.map(
    (c, i) =>
      `event=down&user=b${c}&at=${encodeURIComponent(routerTime(stormAt + Math.floor((i * 60_000) / down.length)))}`,
  )
  const bodies = Array.from({ length: options.calls }, (_, i) => unique[i % unique.length]!).sort(
    () => Math.random() - 0.5,
  )
  console.log(
    `${down.length} customers down (${incidentCustomers.length} in 24 whole ODPs, ${lone} alone), ${bodies.length} push calls`,
  )

  // Ingest: bare first, then ours (whose rows the correlator then judges).
  const start = async (name: string, script: string, readyPath: string, extra: Record<string, string>) => {
    const port = await freePort()
    const service = await startService({
      name,
      script,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', ...extra, NODE_ENV: 'production' },
      port,
      readyPath,
    })
    services.push(service)
    cleanups.push(service.stop)
    return service
  }
  const bare = await start('bare (bench/bare-event-server.ts)', 'bench/bare-event-server.ts', '/healthz', {})
  await storm(bare.url, bodies.slice(0, 200), options.connections)
  await client.query('DELETE FROM network_events')
  const bareRun = await storm(bare.url, bodies, options.connections)
  const bareStored = Number((await client.query('SELECT count(*) FROM network_events')).rows[0].count)
  await bare.stop()
  await client.query('DELETE FROM network_events')

  const ours = await start('ours (server.ts)', 'server.ts', '/readyz', {
    RUN_WORKER_IN_PROCESS: 'false',
    MONITORING_RATE_LIMIT: '100000000',
  })
  const forged = await fetch(`${ours.url}/api/monitoring/events/mikrotik`, {
    method: 'POST',
    headers: { authorization: 'Bearer forged-token-0000000000', 'content-type': 'application/x-www-form-urlencoded' },
    body: unique[0],
  })
  if (forged.status !== 401) throw new BenchError(`our server answered ${forged.status} to a forged token`)
  await storm(ours.url, bodies.slice(0, 200), options.connections)
  await client.query('DELETE FROM network_events')
  const oursRun = await storm(ours.url, bodies, options.connections)
  const oursStored = Number((await client.query('SELECT count(*) FROM network_events')).rows[0].count)
  await ours.stop()

  // The correlator, in this process, on the same database.
  process.env.DATABASE_URL = db.url
  process.env.PAYLOAD_SECRET = SECRET
  process.env.LOG_LEVEL = 'warn'
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const payload = await getPayload({ config })
  const appPool = (payload.db as unknown as { pool?: pg.Pool }).pool
  // Dropping the database at the end ends these connections: not an error of the run. The pool is
  // not ended: `pool.end()` waits for the connection the adapter keeps checked out, forever (see
  // `shutdownPayload`); the drop cuts it, and the process exits after the run.
  appPool?.on('error', () => {})
  cleanups.push(async () => {
    await payload.destroy().catch(() => {})
  })
  const { correlateOutages } = await import('../src/plugins/monitoring/operations/correlate')
  await correlateOutages({ payload, now: new Date(stormAt + 3 * 60_000) })
  const incidents = (
    await client.query(
      `SELECT n.kind, count(*)::int AS n FROM network_incidents i JOIN network_nodes n ON n.id = i.node_id GROUP BY n.kind ORDER BY n.kind`,
    )
  ).rows as { kind: string; n: number }[]
  // Who is in an incident, by the definition the product uses (derived, not stored).
  const { sql } = await import('@payloadcms/db-postgres')
  const { incidentCustomers: affectedBy } = await import('../src/plugins/monitoring/operations/affected')
  const drizzle = (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle
  const inIncidents = affectedBy({ incidents: sql`true` })
  const inIncident = Number(
    (await drizzle.execute(sql`SELECT count(DISTINCT customer_id) AS count FROM ${inIncidents} m`)).rows[0].count,
  )
  await correlateOutages({ payload, now: new Date(stormAt + 31 * 60_000 + 60_000) })
  const tickets = (
    await drizzle.execute(
      sql`SELECT count(*) FILTER (WHERE m.customer_id IS NOT NULL)::int AS incident, count(*) FILTER (WHERE m.customer_id IS NULL)::int AS lone
            FROM tickets t JOIN customer_outages o ON o.ticket_id = t.id
            LEFT JOIN (SELECT DISTINCT customer_id FROM ${inIncidents} x) m ON m.customer_id = o.customer_id`,
    )
  ).rows[0] as { incident: number; lone: number }

  // The correlator pass at size: grow to --big customers, a tenth of them down (every tenth ODP whole).
  const odps = Math.ceil(options.big / PER_ODP)
  const pons = Math.ceil(odps / 5)
  if (pons > 20) await grow('OLT-3', pons - 20, 21)
  await addCustomers(5001, options.big)
  await client.query(`UPDATE network_incidents SET status = 'resolved', resolved_at = now()`)
  await client.query(`UPDATE customer_outages SET ended_at = now() WHERE ended_at IS NULL`)
  const bigAt = Date.now() - 3 * 60_000
  await client.query(
    `INSERT INTO network_events (event_key, source, subject_type, subject, state, occurred_at, router_id, updated_at, created_at)
     SELECT 'big:' || g, 'generic', 'customer', 'b' || g, 'down', to_timestamp($2::double precision / 1000) + (g % 60) * interval '1 second', $3, now(), now()
       FROM generate_series(5001, $1::int) g WHERE ((g - 1) / ${PER_ODP} + 1) % 10 = 0`,
    [options.big, bigAt, routerId],
  )
  await client.query('ANALYZE')
  const groupBySql = `SELECT c.odp, count(*) FROM network_events e JOIN customers c ON c.pppoe_username = e.subject
                       WHERE e.processed_at IS NULL AND e.state = 'down' GROUP BY c.odp`
  const groupByMs: number[] = []
  let bigDown = 0
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const { rows } = await client.query(groupBySql)
    groupByMs.push(performance.now() - t)
    bigDown = rows.reduce((n, r) => n + Number(r.count), 0)
  }
  groupByMs.sort((a, b) => a - b)
  // Pushed events are applied to customers' state and outages as they are stored (ingest, timed in
  // the storm above); these were written straight into the table, so they are applied here, untimed,
  // the way ingest applies them. The pass then only groups.
  const { inTransaction } = await import('../src/db/transaction')
  const { applyEvents } = await import('../src/plugins/monitoring/operations/applyEvents')
  await inTransaction(payload, (req) => applyEvents(req))
  await client.query('ANALYZE')
  const t = performance.now()
  const pass = await correlateOutages({ payload, now: new Date(bigAt + 3 * 60_000) })
  const passMs = performance.now() - t
  const bigIncidents = Number(
    (await client.query(`SELECT count(*) FROM network_incidents WHERE status = 'open'`)).rows[0].count,
  )

  const expectedIncidents = [
    { kind: 'odp', n: 19 },
    { kind: 'pon', n: 1 },
  ]
  const checks = [
    {
      what: 'incidents (SQL)',
      value: incidents.map((r) => `${r.n} ${r.kind}`).join(', '),
      pass:
        JSON.stringify([...incidents].sort((a, b) => a.kind.localeCompare(b.kind))) ===
        JSON.stringify(expectedIncidents),
    },
    { what: 'customers in incidents', value: String(inIncident), pass: inIncident === incidentCustomers.length },
    { what: 'tickets, incident customers', value: String(tickets.incident), pass: tickets.incident === 0 },
    { what: 'tickets, lone customers', value: `${tickets.lone} of ${lone}`, pass: tickets.lone === lone },
    { what: 'events stored once (ours)', value: `${oursStored} of ${down.length}`, pass: oursStored === down.length },
    {
      what: 'answers (ours)',
      value: JSON.stringify(oursRun.statuses),
      pass: Object.keys(oursRun.statuses).every((s) => s === '202'),
    },
    {
      what: 'ingest ours / bare',
      value: `${oursRun.perSecond.toFixed(0)} / ${bareRun.perSecond.toFixed(0)} calls/s = ${(oursRun.perSecond / bareRun.perSecond).toFixed(2)} (≥ 0.5)`,
      pass: oursRun.perSecond >= 0.5 * bareRun.perSecond,
    },
    {
      what: `correlator pass, ${options.big} customers`,
      value: `${passMs.toFixed(0)} ms vs GROUP BY ${groupByMs[1]!.toFixed(0)} ms = ${(passMs / groupByMs[1]!).toFixed(1)}× (≤ 3×)`,
      pass: passMs <= 3 * groupByMs[1]!,
    },
    {
      what: 'incidents at size',
      value: `${bigIncidents} for ${bigDown} down`,
      pass: bigIncidents === Math.floor(odps / 10) - Math.floor(100 / 10),
    },
  ]
  console.log(
    `\nstorm: ours ${oursRun.seconds.toFixed(1)} s, bare ${bareRun.seconds.toFixed(1)} s for ${bodies.length} calls (bare stored ${bareStored})`,
  )
  console.log(`correlator pass at size: ${JSON.stringify(pass)}`)
  console.log(
    `\n${table(
      ['check', 'value', 'result'],
      checks.map((c) => [c.what, c.value, c.pass ? 'ok' : 'FAIL']),
    )}`,
  )
  const file = writeResults('outage-storm', stamp, {
    machine: machine(),
    options,
    storm: { ours: oursRun, bare: bareRun },
    correlator: { passMs, groupByMs, pass },
    checks,
  })
  console.log(`results: ${file}`)
  const ok = checks.every((c) => c.pass)
  console.log(ok ? '→ PASS' : '→ FAIL')
  return ok ? 0 : 1
}
