/**
 * The README's first command, run as a newcomer runs it, and the production start the README
 * describes. `.ci/run` runs this after `npm test`; run it yourself with `npx tsx tests/smoke/first-run.ts`
 * (it tests the committed HEAD, cloned afresh).
 *
 * 1. A fresh clone, an environment without PAYLOAD_SECRET, DATABASE_URL or any other setting:
 *    `npm install && npm run demo`. /readyz answers 200; /admin at 127.0.0.1 shows the sign-in form
 *    in Chromium; the demo admin signs in there and a demo customer over the API; the demo has
 *    invoices, payments and messages; "Cadangkan sekarang" produces a verified backup.
 * 2. Stopped and started again on the same folder: no rebuild, the same data, the same secret (a
 *    session from the first run still works).
 * 3. `npm start` on that build with only DATABASE_URL: stops at once, naming PAYLOAD_SECRET; with
 *    DATABASE_URL and PAYLOAD_SECRET: ready, and the sign-in form renders.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import type { Browser } from 'playwright-core'

import { postgresAnswers } from '../../src/db/database-url'
import { DEMO_CUSTOMER_PASSWORD, DEMO_STAFF } from '../../src/seed/demoStaff'
import { launchChromium } from '../helpers/browser'
import { adminQuery, databaseUrl } from '../helpers/postgres'

const repo = path.resolve(import.meta.dirname, '../..')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-first-run-'))
const app = path.join(work, 'app')
const ADMIN = DEMO_STAFF[0]
const started = Date.now()

const step = (text: string) => console.log(`[first-run ${Math.round((Date.now() - started) / 1000)}s] ${text}`)
function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`FAILED: ${message}`)
  console.log(`  ✓ ${message}`)
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false))
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)))
  })
}
async function freePort(preferred: number): Promise<number> {
  if (await portFree(preferred)) return preferred
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** The environment of someone who has set nothing up: none of the app's settings. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {}
  for (const name of ['PATH', 'HOME', 'USER', 'LANG', 'TERM', 'TMPDIR', 'CHROMIUM_PATH', 'npm_config_cache'])
    if (process.env[name] !== undefined) env[name] = process.env[name]
  return { ...env, ...extra } as NodeJS.ProcessEnv
}

type Running = { child: ChildProcess; log: string; output: () => string }
function run(command: string, env: NodeJS.ProcessEnv, logName: string): Running {
  const log = path.join(work, `${logName}.log`)
  const out = fs.openSync(log, 'a')
  const child = spawn('bash', ['-c', command], { cwd: app, env, stdio: ['ignore', out, out], detached: true })
  return { child, log, output: () => fs.readFileSync(log, 'utf8') }
}

async function waitReady(base: string, running: Running, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null)
      throw new Error(`exited with ${running.child.exitCode} before ready:\n${running.output().slice(-4000)}`)
    const res = await fetch(`${base}/readyz`).catch(() => undefined)
    if (res?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s:\n${running.output().slice(-4000)}`)
}

async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null) return
  const exited = new Promise((resolve) => running.child.on('exit', resolve))
  process.kill(-running.child.pid!, 'SIGTERM')
  const timer = setTimeout(() => process.kill(-running.child.pid!, 'SIGKILL'), 30_000)
  await exited
  clearTimeout(timer)
}

async function api(base: string, route: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(`${base}${route}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `JWT ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text }
}

async function signInInBrowser(browser: Browser, base: string) {
  const page = await browser.newPage({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
  await page.goto(`${base}/admin`)
  await page.locator('input[name="email"]').waitFor({ timeout: 60_000 })
  check(await page.locator('input[name="password"]').isVisible(), `/admin at ${base} shows the sign-in form`)
  await page.locator('input[name="email"]').fill(ADMIN.email)
  await page.locator('input[name="password"]').fill(ADMIN.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
  await page.getByTestId('backup-status').waitFor({ timeout: 60_000 })
  check(true, 'the demo admin signs in in Chromium and lands on the dashboard')
  return page
}

async function demoRun(browser: Browser, base: string) {
  const admin = await api(base, '/api/users/login', { method: 'POST', body: ADMIN })
  check(admin.status === 200, 'the demo admin signs in over the API')
  const token = admin.json.token as string
  const count = async (collection: string) =>
    (await api(base, `/api/${collection}?limit=1&depth=0`, { token })).json?.totalDocs as number
  const contents = {
    customers: await count('customers'),
    invoices: await count('invoices'),
    payments: await count('payments'),
    messages: await count('messages'),
  }
  check(
    contents.customers > 0 && contents.invoices > 0 && contents.payments > 0 && contents.messages > 0,
    `the demo has customers, invoices, payments and messages (${JSON.stringify(contents)})`,
  )
  const customer = await api(base, '/api/customers?limit=1&depth=0&sort=id&where[status][equals]=active', { token })
  const phone = customer.json.docs[0].phone as string
  const portal = await api(base, '/api/customers/portal-login', {
    method: 'POST',
    body: { login: `0${phone.slice(2)}`, password: DEMO_CUSTOMER_PASSWORD },
  })
  check(portal.status === 200, `a demo customer signs in with their phone typed 0${phone.slice(2, 5)}…`)
  return { token, contents }
}

async function main() {
  step(`cloning ${repo} into ${app}`)
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, app])
  const port = await freePort(3000)
  const pgPort = await freePort(54329)
  const base = `http://127.0.0.1:${port}`
  const env = cleanEnv({ PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) })
  const browser = await launchChromium()
  try {
    step('npm install && npm run demo')
    let demo = run('npm install --no-audit --no-fund && npm run demo', env, 'demo-1')
    await waitReady(base, demo, 25 * 60_000)
    check(true, `${base}/readyz answers 200`)
    const page = await signInInBrowser(browser, base)
    const first = await demoRun(browser, base)

    step('back up now')
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click()
    await page
      .getByTestId('backup-now-result')
      .filter({ hasText: /terverifikasi|gagal/ })
      .waitFor({ timeout: 10 * 60_000 })
    const outcome = await page.getByTestId('backup-now-result').innerText()
    check(
      outcome === 'Pencadangan selesai dan terverifikasi.',
      `the backup button ends in a verified backup (${outcome})`,
    )
    await page.close()

    step('stop and run again on the same folder')
    await stop(demo)
    demo = run('npm run demo', env, 'demo-2')
    await waitReady(base, demo, 10 * 60_000)
    check(!demo.output().includes('Building the app'), 'the second run serves the existing build')
    const me = await api(base, '/api/users/me', { token: first.token })
    check(me.json?.user?.email === ADMIN.email, 'a session from the first run still works (the secret was kept)')
    const second = await demoRun(browser, base)
    // What the demo seeds must be exactly as before; messages keep coming from the worker's queue
    // (notices of the seeded invoices wait behind their PDF renders), so they may only grow.
    const { messages: messagesBefore, ...seededBefore } = first.contents
    const { messages: messagesAfter, ...seededAfter } = second.contents
    check(
      JSON.stringify(seededAfter) === JSON.stringify(seededBefore) && messagesAfter >= messagesBefore,
      `the second run keeps the data and seeds nothing again (${JSON.stringify(seededAfter)})`,
    )
    await stop(demo)

    const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres'
    if (!(await postgresAnswers(adminUrl))) {
      console.log('No PostgreSQL on 127.0.0.1:5432: production start not checked.')
      return
    }
    step('npm start with DATABASE_URL only')
    const database = `ispops_first_run_${Date.now()}`
    await adminQuery(adminUrl, `CREATE DATABASE "${database}"`)
    try {
      const url = databaseUrl(adminUrl, database)
      const bare = run('npm start', cleanEnv({ PORT: String(port), DATABASE_URL: url }), 'start-no-secret')
      const code = await new Promise((resolve) => bare.child.on('exit', resolve))
      check(
        code !== 0 && bare.output().includes('PAYLOAD_SECRET is not set'),
        'without PAYLOAD_SECRET it stops at once and says so',
      )
      step('npm start with DATABASE_URL and PAYLOAD_SECRET')
      const secret = crypto.randomBytes(36).toString('base64url')
      const prod = run(
        'npm start',
        cleanEnv({ PORT: String(port), DATABASE_URL: url, PAYLOAD_SECRET: secret }),
        'start',
      )
      try {
        await waitReady(base, prod, 3 * 60_000)
        check(true, 'with both it is ready')
        const login = await browser.newPage()
        await login.goto(`${base}/admin`)
        await login.locator('input[name="email"]').waitFor({ timeout: 60_000 })
        check(true, 'and /admin renders in Chromium at 127.0.0.1')
      } finally {
        await stop(prod)
      }
    } finally {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    }
  } finally {
    await browser.close()
  }
}

try {
  await main()
  step('the first run works')
  fs.rmSync(work, { recursive: true, force: true })
  process.exit(0)
} catch (error) {
  console.error((error as Error).message)
  console.error(`logs kept in ${work}`)
  process.exit(1)
}
