/**
 * The demo seed (`npm run seed`, and the first step of `npm run demo`) as a newcomer meets it: run
 * in its own process against a fresh database, killed at a random moment and run again, it ends
 * with exactly what an uninterrupted run makes; a database with real staff accounts is left alone.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adminQuery, CHILD_NODE_OPTIONS, databaseUrl, startTestPostgres } from '../helpers/postgres'

const root = path.resolve(import.meta.dirname, '../..')
const CUSTOMERS = 24
const created: string[] = []
let adminUrl: string
let workDir: string

beforeAll(async () => {
  adminUrl = (await startTestPostgres()).adminUrl
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-seed-'))
})

afterAll(async () => {
  for (const name of created) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  fs.rmSync(workDir, { recursive: true, force: true })
})

async function freshDatabase(label: string): Promise<string> {
  const name = `ispops_seed_${label}_${Date.now()}_${process.pid}`
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`)
  created.push(name)
  return databaseUrl(adminUrl, name)
}

/** `npm run seed` in its own process, as a developer runs it: no PAYLOAD_SECRET, a data folder of its own. */
function startSeed(url: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: CHILD_NODE_OPTIONS,
    DATABASE_URL: url,
    DATA_DIR: path.join(workDir, 'data'),
    MEDIA_DIR: path.join(workDir, 'media'),
    LOG_LEVEL: 'warn',
  }
  delete env.PAYLOAD_SECRET
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--customers', String(CUSTOMERS)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  let out = ''
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })))
}

/** What the demo is made of: row counts and money totals of every table the seed writes. */
async function contents(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = [
      'users',
      'packages',
      'knowledge_base',
      'customers',
      'tickets',
      'equipment',
      'service_history',
      'invoices',
      'payments',
      'routers',
      'message_templates',
      'messages',
      'media',
    ]
    const result: Record<string, unknown> = {}
    for (const table of tables)
      result[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
    result.invoiced = (await client.query('SELECT coalesce(sum(total), 0)::text AS s FROM invoices')).rows[0].s
    result.paid = (await client.query('SELECT coalesce(sum(amount), 0)::text AS s FROM payments')).rows[0].s
    result.pendingProofs = Number(
      (await client.query("SELECT count(*) AS n FROM payments WHERE status = 'pending' AND proof_id IS NOT NULL"))
        .rows[0].n,
    )
    return result
  } finally {
    await client.end()
  }
}

describe('demo seed', () => {
  it('killed at a random moment and run again, ends with exactly what an uninterrupted run makes', async () => {
    const reference = await freshDatabase('ref')
    const startedAt = Date.now()
    const whole = await finished(startSeed(reference))
    const duration = Date.now() - startedAt
    expect(whole.code, whole.out).toBe(0)
    expect(whole.out).toContain('Demo data ready.')
    const expected = await contents(reference)
    expect(expected).toMatchObject({ users: 6, routers: 1 })
    expect(expected.customers).toBe(CUSTOMERS)
    expect(expected.invoices).toBeGreaterThan(0)
    expect(expected.payments).toBeGreaterThan(0)
    expect(expected.messages).toBeGreaterThan(0)

    // Twice, at different random moments of the run: anywhere from start-up to the last step.
    for (const share of [0.2 + Math.random() * 0.4, 0.6 + Math.random() * 0.35]) {
      const victim = await freshDatabase('kill')
      const child = startSeed(victim)
      const exited = finished(child)
      await new Promise((resolve) => setTimeout(resolve, share * duration))
      child.kill('SIGKILL')
      await exited
      const again = await finished(startSeed(victim))
      expect(again.code, again.out).toBe(0)
      expect(await contents(victim), `killed after ${Math.round(share * duration)} ms of ${duration}`).toEqual(expected)
    }
    // Run once more, it finds everything in place and adds nothing.
    const again = await finished(startSeed(reference))
    expect(again.out).toContain('Demo data already in place.')
    expect(await contents(reference)).toEqual(expected)
  }, 900_000)

  it('leaves a database with real staff accounts untouched', async () => {
    const url = await freshDatabase('real')
    // Migrate it and add one real account, as an ISP's own installation has.
    const migrate = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      stdio: 'inherit',
    })
    expect((await finished(migrate)).code).toBe(0)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(
      "INSERT INTO users (name, email, role, updated_at, created_at) VALUES ('Pemilik', 'pemilik@isp.id', 'admin', now(), now())",
    )
    await client.end()
    const run = await finished(startSeed(url))
    expect(run.code).toBe(0)
    expect(run.out).toContain('no demo data added')
    expect(await contents(url)).toMatchObject({ users: 1, customers: 0, packages: 0, invoices: 0 })
  }, 300_000)
})
