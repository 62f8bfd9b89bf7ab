import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

import type { Endpoint, Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSqlOutsideTransaction } from '../../../db/sql'
import { batched } from '../../../lib/batch'
import { logger } from '../../../lib/logger'
import { queueIngest, type RouterCredential } from '../operations/ingest'
import { EventPayloadError, parseAlertmanager, parseGeneric, parseMikrotik, parseZabbix } from '../sources/parsers'
import type { NetworkEventInput } from '../types'

/** Alertmanager batches alerts; nothing a monitoring system sends comes near this. */
export const MAX_EVENT_BODY_BYTES = 256 * 1024

/** The stored form of a router's push token (only its hash is kept). */
export const hashMonitoringToken = (token: string) =>
  `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`

function sameSecret(given: string, expected: string | undefined): boolean {
  if (!expected) return false
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

const bearer = (headers: Headers) => /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1]

const routerLookups = new WeakMap<Payload, (tokenHash: string) => Promise<number | undefined>>()

/**
 * Routers by the hash of a token that was theirs, remembered so most pushes skip the lookup: such
 * a push is checked again in the transaction that stores it (queueIngest), and a token changed or
 * removed since stores nothing and is looked up afresh. Only tokens found are remembered.
 */
const knownTokens = new WeakMap<Payload, Map<string, number>>()
const MAX_KNOWN_TOKENS = 10_000

/** The router a push token belongs to: concurrent lookups share one query. */
function routerByToken(payload: Payload, tokenHash: string): Promise<number | undefined> {
  let lookup = routerLookups.get(payload)
  if (!lookup) {
    lookup = batched(
      async (hashes: string[]) => {
        // Each hash is `sha256:` and hex (hashMonitoringToken): nothing to quote in an array literal.
        const { rows } = await executeSqlOutsideTransaction(
          payload,
          sql`SELECT DISTINCT ON (monitoring_token) monitoring_token, id FROM routers
               WHERE monitoring_token = ANY(${`{${hashes.join(',')}}`}::text[]) ORDER BY monitoring_token, id`,
        )
        const ids = new Map(rows.map((r) => [String(r.monitoring_token), Number(r.id)]))
        return hashes.map((hash) => ({ status: 'fulfilled' as const, value: ids.get(hash) }))
      },
      { maxWeight: 500 },
    )
    routerLookups.set(payload, lookup)
  }
  return lookup(tokenHash)
}

type Authenticated = {
  routerId?: number
  /** A router's token, for the store to check again; `remembered` when it was not looked up now. */
  credential?: RouterCredential & { remembered: boolean }
} | null
type Source = {
  name: string
  authenticate: (payload: Payload, headers: Headers, raw: Buffer, fresh: boolean) => Promise<Authenticated>
  parse: (body: unknown, auth: NonNullable<Authenticated>, receivedAt: Date) => NetworkEventInput[]
  /** Accepts `application/x-www-form-urlencoded` too (RouterOS `/tool fetch`). */
  form?: boolean
}

function decode(raw: Buffer, contentType: string, form: boolean): unknown {
  const textBody = raw.toString('utf8')
  const looksJson = /^\s*[[{]/.test(textBody)
  if (form && !looksJson && /application\/x-www-form-urlencoded/i.test(contentType))
    return Object.fromEntries(new URLSearchParams(textBody))
  try {
    return JSON.parse(textBody)
  } catch {
    // RouterOS sends form fields without a content type unless told otherwise.
    if (form && /^[\w.-]+=/.test(textBody)) return Object.fromEntries(new URLSearchParams(textBody))
    throw new EventPayloadError('Isi permintaan bukan JSON yang valid')
  }
}

const envToken = (name: string) => async (_payload: Payload, headers: Headers) => {
  const token = bearer(headers)
  return token && sameSecret(token, process.env[name]) ? {} : null
}

const SOURCES: Source[] = [
  {
    name: 'mikrotik',
    form: true,
    authenticate: async (payload, headers, _raw, fresh) => {
      const token = bearer(headers)
      if (!token || token.length < 16) return null
      const tokenHash = hashMonitoringToken(token)
      let known = knownTokens.get(payload)
      if (!known) knownTokens.set(payload, (known = new Map()))
      const remembered = fresh ? undefined : known.get(tokenHash)
      if (remembered !== undefined)
        return { routerId: remembered, credential: { routerId: remembered, tokenHash, remembered: true } }
      const routerId = await routerByToken(payload, tokenHash)
      if (routerId === undefined) {
        known.delete(tokenHash)
        return null
      }
      if (known.size >= MAX_KNOWN_TOKENS) known.clear()
      known.set(tokenHash, routerId)
      return { routerId, credential: { routerId, tokenHash, remembered: false } }
    },
    parse: (body, auth, at) => {
      if (!body || typeof body !== 'object' || Array.isArray(body))
        throw new EventPayloadError('Isi permintaan harus berisi event dan user/host')
      return parseMikrotik(body as Record<string, unknown>, auth.routerId!, at)
    },
  },
  { name: 'zabbix', authenticate: envToken('MONITORING_ZABBIX_TOKEN'), parse: (body) => parseZabbix(body) },
  {
    name: 'alertmanager',
    authenticate: envToken('MONITORING_ALERTMANAGER_TOKEN'),
    parse: (body) => parseAlertmanager(body),
  },
  {
    name: 'generic',
    // A shared token (LibreNMS, PRTG can only set a header), or an HMAC-SHA256 of the raw body.
    authenticate: async (_payload, headers, raw) => {
      const token = bearer(headers)
      if (token) return sameSecret(token, process.env.MONITORING_GENERIC_TOKEN) ? {} : null
      const signature = /^sha256=([0-9a-f]{64})$/i.exec(headers.get('x-signature') ?? '')?.[1]
      const secret = process.env.MONITORING_WEBHOOK_SECRET
      if (!signature || !secret) return null
      const expected = createHmac('sha256', secret).update(raw).digest()
      return timingSafeEqual(Buffer.from(signature.toLowerCase(), 'hex'), expected) ? {} : null
    },
    parse: (body, _auth, at) => parseGeneric(body, at),
  },
]

export type PushAnswer = { status: number; body: unknown }
const answer = (status: number, message: string): PushAnswer => ({ status, body: { errors: [{ message }] } })

/**
 * `POST /api/monitoring/events/:source` (mikrotik | zabbix | alertmanager | generic). Refuses
 * without the source's token or signature (401, nothing stored), a body over 256 KB (413) or a
 * malformed one (400, in Indonesian); otherwise stores each event once (a replay answers 202 with
 * `duplicates`), applies it to the customer's state and answers: the correlator job groups.
 *
 * Needs no session, no locale and no Payload request: server.ts serves it straight from Express
 * (the endpoint's `custom.monitoringPush`), which saves Payload's per-request set-up on a storm.
 */
export const monitoringPush =
  (enabled: boolean) =>
  async (payload: Payload, sourceName: string | undefined, headers: Headers, raw: Buffer): Promise<PushAnswer> => {
    const source = SOURCES.find((s) => s.name === sourceName?.toLowerCase())
    if (!source) return answer(404, 'Sumber tidak dikenal')
    if (!enabled) return answer(404, 'Pemantauan jaringan tidak aktif')
    if (raw.length > MAX_EVENT_BODY_BYTES) return answer(413, 'Kiriman terlalu besar (maks. 256 KB)')
    const refuse = () => {
      logger.warn({ source: source.name }, 'monitoring event refused: bad credentials')
      return answer(401, 'Token atau tanda tangan tidak valid / invalid credentials')
    }
    const attempt = async (fresh: boolean): Promise<PushAnswer> => {
      const auth = await source.authenticate(payload, headers, raw, fresh)
      if (!auth) return refuse()
      let events: NetworkEventInput[]
      try {
        events = source.parse(decode(raw, headers.get('content-type') ?? '', !!source.form), auth, new Date())
      } catch (error) {
        if (error instanceof EventPayloadError) return answer(400, error.message)
        throw error
      }
      // A push with nothing to store is never checked in a store: a remembered token is looked up now.
      if (!events.length && auth.credential?.remembered) return attempt(true)
      const result = await queueIngest(payload, events, auth.credential)
      if (result !== 'refused') return { status: 202, body: { message: 'Diterima', ...result } }
      // The remembered token changed or went since: nothing was stored; look it up now.
      return auth.credential?.remembered ? attempt(true) : refuse()
    }
    return attempt(false)
  }

/** The same, as a Payload endpoint (for any route that does not go through server.ts). */
export const monitoringEventsEndpoint = (enabled: boolean): Endpoint => {
  const push = monitoringPush(enabled)
  return {
    path: '/monitoring/events/:source',
    method: 'post',
    custom: { monitoringPush: push },
    handler: async (req) => {
      // Read whole (server.ts already caps request bodies) so the answer reaches a client still sending.
      const raw = Buffer.from(await req.arrayBuffer!())
      const out = await push(req.payload, req.routeParams?.source as string | undefined, req.headers, raw)
      return Response.json(out.body, { status: out.status })
    },
  }
}
