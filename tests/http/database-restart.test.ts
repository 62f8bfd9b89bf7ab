/**
 * A database restart as the app sees it: a TCP proxy between a server and a worker and PostgreSQL
 * drops every connection and refuses new ones for a few seconds while requests keep coming, then
 * lets them through again. Both processes must stay up, answer 503 (not 403 or 500) meanwhile, and
 * recover by themselves: sign-in, reads and queued jobs work again without a restart.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { createCustomer, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { freePort, startTcpProxy, type TcpProxy, waitForReady } from '../helpers/net'
import { TEST_PAYLOAD_SECRET, testPayload, unique } from '../helpers/payload'
import { CHILD_NODE_OPTIONS } from '../helpers/postgres'
import { startWorker, stopWorker } from '../helpers/workers'

const root = path.resolve(import.meta.dirname, '../..')
const QUEUE = 'database-cut'

let payload: Payload
let proxy: TcpProxy
let server: ChildProcess
let worker: ChildProcess
let baseUrl: string
let serverOutput = ''
let staff: { email: string; password: string }
let invoiceId: number
let customer: { login: string; password: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

type Answer = { status: number; text: string; retryAfter: string | null }
async function call(pathname: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (init.token) headers.authorization = `JWT ${init.token}`
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  try {
    const res = await fetch(`${baseUrl}${pathname}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') }
  } catch (error) {
    return { status: 0, text: String(error), retryAfter: null }
  }
}

async function signIn(): Promise<Answer & { token?: string }> {
  const res = await call('/api/users/login', { method: 'POST', body: staff })
  return { ...res, token: res.status === 200 ? JSON.parse(res.text).token : undefined }
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check()
    if (value) return value
    await sleep(250)
  }
  throw new Error(`${what}: not within ${timeoutMs} ms\n${serverOutput.slice(-3000)}`)
}

async function jobCompleted(id: number | string): Promise<boolean> {
  const job = await payload.findByID({ collection: 'payload-jobs', id, depth: 0, overrideAccess: true })
  return Boolean((job as { completedAt?: string | null }).completedAt)
}

beforeAll(async () => {
  payload = await testPayload()
  const { email } = await createStaff(payload, 'customer_service')
  staff = { email, password: TEST_PASSWORD }
  const { customer: row } = await createCustomer(payload)
  customer = { login: row.phone as string, password: TEST_PASSWORD }
  // Their invoice, whose PDF they download during the cut (the early render is not tried then).
  const invoice = await payload.create({
    collection: 'invoices',
    data: {
      customer: row.id,
      period: '2026-05',
      issueDate: '2026-05-01T00:00:00+07:00',
      dueDate: '2026-05-10T00:00:00+07:00',
      lines: [{ description: 'Paket Fiber 30 Mbps', kind: 'package', quantity: 1, unitPrice: 225_000 }],
    } as never,
    overrideAccess: true,
  })
  invoiceId = invoice.id

  const direct = new URL(inject('databaseUrl'))
  proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432))
  const proxied = new URL(direct)
  proxied.hostname = '127.0.0.1'
  proxied.port = String(proxy.port)

  const port = await freePort()
  baseUrl = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: CHILD_NODE_OPTIONS,
      NODE_ENV: 'production',
      DATABASE_URL: proxied.toString(),
      DATABASE_CONNECT_TIMEOUT_MS: '30000',
      PAYLOAD_SECRET: TEST_PAYLOAD_SECRET,
      MEDIA_DIR: inject('mediaDir'),
      PORT: String(port),
      HOST: '127.0.0.1',
      RUN_WORKER_IN_PROCESS: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout!.on('data', (chunk) => (serverOutput += chunk))
  server.stderr!.on('data', (chunk) => (serverOutput += chunk))
  await waitForReady(`${baseUrl}/readyz`, server, 120_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${serverOutput.slice(-3000)}`)
  })
  worker = await startWorker({
    DATABASE_URL: proxied.toString(),
    DATABASE_CONNECT_TIMEOUT_MS: '30000',
    PAYLOAD_SECRET: TEST_PAYLOAD_SECRET,
    WORKER_QUEUES: QUEUE,
    LOG_LEVEL: 'info',
  })
})

afterAll(async () => {
  proxy?.restore()
  if (worker) await stopWorker(worker)
  if (server && alive(server))
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve())
      server.kill('SIGTERM')
    })
  await proxy?.close()
})

describe('a database restart under load', () => {
  it('server and worker stay up, answer 503 while it lasts and recover by themselves', async () => {
    const before = await signIn()
    expect(before.status, before.text).toBe(200)
    const token = before.token!
    const portal = await call('/api/customers/portal-login', { method: 'POST', body: customer })
    expect(portal.status, portal.text).toBe(200)
    const customerToken = JSON.parse(portal.text).token as string
    expect((await call('/api/users/me', { token })).status).toBe(200)

    // The line is cut: every connection of both processes drops, new ones are refused.
    proxy.cut()
    const queuedDuringCut = await payload.jobs.queue({
      task: 'workerProbe',
      queue: QUEUE,
      input: { key: unique('cut-') },
    })
    await until('readiness reports the database down', async () => (await call('/readyz')).status === 503)

    // Light load for a few seconds: signed-in reads, sign-in, the portal, anonymous reads.
    const during: { what: string; answer: Answer }[] = []
    const cutUntil = Date.now() + 4000
    while (Date.now() < cutUntil) {
      const round = await Promise.all([
        call('/api/users/me', { token }).then((answer) => ({ what: 'me', answer })),
        call('/api/customers?limit=5', { token }).then((answer) => ({ what: 'customers', answer })),
        call('/api/invoices?limit=5', { token: customerToken }).then((answer) => ({ what: 'portal read', answer })),
        call(`/api/invoices/${invoiceId}/pdf`, { token: customerToken }).then((answer) => ({
          what: 'invoice PDF',
          answer,
        })),
        signIn().then((answer) => ({ what: 'sign-in', answer })),
        call('/api/customers/portal-login', { method: 'POST', body: customer }).then((answer) => ({
          what: 'portal sign-in',
          answer,
        })),
        call('/api/packages').then((answer) => ({ what: 'anonymous read', answer })),
      ])
      during.push(...round)
      await sleep(200)
    }
    expect(alive(server), serverOutput.slice(-3000)).toBe(true)
    expect(alive(worker), 'the worker survived the cut').toBe(true)
    const health = await call('/healthz')
    expect(health.status).toBe(200)
    expect(JSON.parse(health.text).database).toBe('unreachable')
    expect(during.length).toBeGreaterThan(12)
    for (const { what, answer } of during) {
      expect(answer.status, `${what}: ${answer.status} ${answer.text.slice(0, 200)}`).toBe(503)
      expect(answer.retryAfter, what).toMatch(/^\d+$/)
      expect(answer.text).toContain('basis data')
    }

    // The database is back: no restart, everything works again.
    proxy.restore()
    await until('readiness reports the database back', async () => (await call('/readyz')).status === 200)
    const after = await until('sign-in after the cut', async () => {
      const res = await signIn()
      return res.status === 200 ? res : undefined
    })
    expect(after.token).toBeTruthy()
    expect((await call('/api/users/me', { token })).status).toBe(200)
    const read = await call('/api/customers?limit=5', { token: after.token })
    expect(read.status, read.text).toBe(200)
    expect((await call('/api/users/me', { token: customerToken })).status).not.toBe(500)
    const pdf = await call(`/api/invoices/${invoiceId}/pdf`, { token: customerToken })
    expect(pdf.status, pdf.text.slice(0, 200)).toBe(200)
    expect(pdf.text.startsWith('%PDF-')).toBe(true)
    expect((await call('/api/customers/portal-login', { method: 'POST', body: customer })).status).toBe(200)
    const health2 = await call('/healthz')
    expect(JSON.parse(health2.text).database).toBe('ok')

    // The job queued while the worker could not reach the database runs, and so does a new one.
    await until('the job queued during the cut completes', () => jobCompleted(queuedDuringCut.id))
    const queuedAfter = await payload.jobs.queue({
      task: 'workerProbe',
      queue: QUEUE,
      input: { key: unique('after-') },
    })
    await until('a job queued after the cut completes', () => jobCompleted(queuedAfter.id))

    // Attempts the outage refused were never counted: the staff account is not throttled.
    const { rows } = await (
      payload.db as unknown as {
        pool: { query: (q: string, v: unknown[]) => Promise<{ rows: { failures: number }[] }> }
      }
    ).pool.query(`SELECT failures FROM auth_throttles WHERE key = $1`, [`account:users:${staff.email}`])
    expect(Number(rows[0]?.failures ?? 0)).toBe(0)

    expect(alive(server)).toBe(true)
    expect(alive(worker)).toBe(true)
  })
})
