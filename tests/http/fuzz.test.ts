/**
 * Malformed input over every custom endpoint, as nobody, a customer and two staff roles: ids that
 * are not ids, NUL characters, wrong JSON types, numbers beyond any column, dates outside any
 * calendar, broken JSON. The endpoints are read from the config, so a new one is covered without
 * touching this file. Every answer must be below 500, every 400 must say why, and no table may
 * gain or lose a row (except where that is the design: see IGNORED_TABLES).
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createStaff } from '../helpers/fixtures'
import { customEndpoints, type CustomEndpoint } from '../helpers/endpoints'
import { api, login } from '../helpers/http'
import { testPayload } from '../helpers/payload'

let payload: Payload
let endpoints: CustomEndpoint[]
const tokens: Record<string, string | undefined> = { anonymous: undefined }

/**
 * Rows that change by design: the sign-in throttle counts attempts; a staff member's own admin
 * preferences take any JSON value (`/api/payload-preferences/:key`; customers and nobody may not
 * write any, so their rows are counted); a password-reset request for any well-formed login queues
 * the same job whether or not the account exists (no enumeration).
 */
const IGNORED_TABLES = new Set(['auth_throttles'])
const COUNTED_ROWS: Record<string, string> = {
  payload_jobs: `task_slug IS DISTINCT FROM 'sendPasswordReset'`,
  payload_preferences: `id NOT IN (SELECT parent_id FROM payload_preferences_rels WHERE users_id IS NOT NULL)`,
  payload_preferences_rels: `users_id IS NULL`,
}

async function rowCounts(): Promise<Record<string, number>> {
  const pool = (payload.db as unknown as { pool: import('pg').Pool }).pool
  const { rows: tables } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  const names = tables.map((t) => t.tablename).filter((name) => !IGNORED_TABLES.has(name))
  const { rows } = await pool.query<{ t: string; n: number }>(
    names
      .map((name) => `SELECT '${name}' AS t, count(*)::int AS n FROM "${name}" WHERE ${COUNTED_ROWS[name] ?? 'true'}`)
      .join(' UNION ALL '),
  )
  return Object.fromEntries(rows.map((r) => [r.t, r.n]))
}

/** Values no field of any endpoint may accept as they are. */
const BAD_VALUES: unknown[] = [
  true,
  false,
  [1],
  { id: 1 },
  1.5,
  -1,
  99_999_999_999,
  9_999_999_999_999,
  '\u0000',
  'sah\u0000tidak',
  '1000',
  '0000-01-01',
  '999999999999',
  'abc',
  '',
]
/** Every field name the custom endpoints read, and then some. */
const FIELDS = [
  'customer',
  'invoices',
  'invoice',
  'amount',
  'method',
  'reference',
  'paymentDate',
  'proof',
  'notes',
  'reason',
  'text',
  'template',
  'variables',
  'login',
  'password',
  'email',
  'username',
  'token',
  'idempotencyKey',
  'object',
  'entry',
  'order_id',
  'timestamp',
  'day',
  'month',
]
const RAW_BODIES = ['{"amount": 1000,', '[1]', 'true', '"teks"', 'null', '{}', '\u0000', '{"reason": "a\\u0000b"}']
/** An id in range that no row has. */
const IN_RANGE_ID = '2147483000'
const BAD_IDS = ['abc', '1.5', '99999999999', '-1', '0', '1e3', '%00', IN_RANGE_ID]
const QUERY_NAMES = ['customer', 'day', 'month', 'days', 'area', 'method', 'status', 'format', 't', 'e', 'limit']
const QUERY_VALUES = ['abc', '1.5', '99999999999', '0000-01-01', '-1', '%00', '9999-99-99', '1000']

type Probe = { url: string; method: string; body?: string; role: string; endpoint: string }

function probesFor(endpoint: CustomEndpoint, role: string): Probe[] {
  const paramNames = [...endpoint.path.matchAll(/:(\w+)\??/g)].map((m) => m[1]!)
  const fill = (value: string) =>
    endpoint.path.replace(/:(\w+)\??/g, (_m, name: string) => (name === 'provider' ? 'midtrans' : value))
  const paths = paramNames.length ? BAD_IDS.map(fill) : [endpoint.path]
  if (paramNames.includes('provider'))
    paths.push(endpoint.path.replace(':provider', 'abc'), endpoint.path.replace(':provider', '%00'))
  const probes: Probe[] = []
  for (const path of paths) {
    if (endpoint.method === 'GET') {
      probes.push({ url: path, method: 'GET', role, endpoint: endpoint.path })
      for (const value of QUERY_VALUES)
        probes.push({
          url: `${path}?${QUERY_NAMES.map((n) => `${n}=${value}`).join('&')}`,
          method: 'GET',
          role,
          endpoint: endpoint.path,
        })
      for (const name of QUERY_NAMES)
        for (const value of ['%00', 'abc', '99999999999'])
          probes.push({ url: `${path}?${name}=${value}`, method: 'GET', role, endpoint: endpoint.path })
      continue
    }
    const bodies = [
      ...RAW_BODIES,
      ...BAD_VALUES.map((value) => JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, value])))),
    ]
    // Every body once per endpoint (and on an id that could exist); other malformed ids get two.
    const full = !paramNames.length || path.includes(IN_RANGE_ID) || path.endsWith('/abc') || path.endsWith('/%00')
    for (const body of full ? bodies : ['{}', bodies.at(-1)!])
      probes.push({ url: path, method: endpoint.method, body, role, endpoint: endpoint.path })
  }
  return probes
}

async function run(probe: Probe) {
  const res = await api(probe.url, {
    method: probe.method,
    token: tokens[probe.role],
    body: probe.body,
    headers: probe.body === undefined ? {} : { 'content-type': 'application/json' },
  })
  return { ...probe, status: res.status, json: res.json, text: res.text }
}

beforeAll(async () => {
  payload = await testPayload()
  endpoints = await customEndpoints(payload.config)
  const { customer, password } = await createCustomer(payload)
  tokens.customer = await login('customers', { username: customer.number!, password })
  for (const role of ['customer_service', 'finance'] as const) {
    const staff = await createStaff(payload, role)
    tokens[role] = await login('users', { email: staff.email, password: staff.password })
  }
})

describe('fuzz over every custom endpoint', () => {
  it('finds the custom endpoints in the config', () => {
    const listed = endpoints.map((e) => `${e.method} ${e.path}`)
    // A few that must be there; the rest is whatever the config holds.
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/customers/portal-login',
        'POST /api/payments/record',
        'POST /api/payments/:id/reject',
        'POST /api/invoices/:id/void',
        'GET /api/invoices/:id/pdf',
        'POST /api/messages/send-text',
        'POST /api/whatsapp/webhook',
        'POST /api/billing/gateways/:provider/notification',
        'GET /api/billing/suspension-preview',
      ]),
    )
    // Payload's own REST routes are not on the list.
    expect(listed).not.toContain('GET /api/invoices/:id')
    expect(listed).not.toContain('POST /api/users/login')
  })

  it('answers malformed input below 500 with a message, and writes nothing', { timeout: 600_000 }, async () => {
    const before = await rowCounts()
    const probes = Object.keys(tokens).flatMap((role) => endpoints.flatMap((e) => probesFor(e, role)))
    const results: Awaited<ReturnType<typeof run>>[] = []
    for (let i = 0; i < probes.length; i += 12) results.push(...(await Promise.all(probes.slice(i, i + 12).map(run))))
    const describeResult = (r: (typeof results)[number]) =>
      `${r.role} ${r.method} ${r.url} ${r.body ?? ''} → ${r.status} ${r.text.slice(0, 160)}`
    const failed = results.filter((r) => r.status >= 500)
    // One line per endpoint and role first (the full list follows), so a failure reads quickly.
    const byEndpoint = [...new Set(failed.map((r) => `${r.role} ${r.method} ${r.endpoint}`))]
    expect(byEndpoint).toEqual([])
    expect(failed.map(describeResult)).toEqual([])
    // A 400 says what is wrong.
    const silent = results.filter((r) => r.status === 400 && !(r.json?.errors?.[0]?.message || r.json?.message))
    expect(silent.map(describeResult)).toEqual([])
    expect(await rowCounts()).toEqual(before)
    expect(results.length).toBeGreaterThan(1000)
  })
})
