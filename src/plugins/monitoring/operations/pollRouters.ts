import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { Agent, fetch } from 'undici'

import { executeSql } from '../../../db/sql'
import { inTransaction } from '../../../db/transaction'
import { wibIsoDay } from '../../../lib/wib'
import { restUrl } from '../../billing/network/mikrotik'
import type { NetworkEventInput } from '../types'
import { ingestEvents } from './ingest'

/** Failed polls in a row before a router counts as unreachable (a device-down event). */
const UNREACHABLE_AFTER = 3
const TWO_32 = 2 ** 32

type Session = { id: string; rx: number; tx: number }
type Snapshot = {
  uptimeSeconds: number | null
  bootAt: number | null
  sessions: Record<string, Session>
  failures: number
}

export type RouterPollResult = {
  routerId: number
  reachable: boolean
  sessions: number
  events: number
  usageRows: number
  rebooted: boolean
  error?: string
}

/** RouterOS durations (`1w2d3h4m5s`) in seconds. */
export function routerOsSeconds(text: string): number {
  let total = 0
  for (const [, n, unit] of text.matchAll(/(\d+)([wdhms])/g))
    total += Number(n) * { w: 604800, d: 86400, h: 3600, m: 60, s: 1 }[unit as 'w' | 'd' | 'h' | 'm' | 's']
  return total
}

/**
 * Bytes a counter moved between two readings. A counter smaller than before on the same session
 * wrapped (RouterOS keeps 64-bit counters, but queues and older builds wrap at 2^32); on a new
 * session or after a restart the counter started again from zero, so all of it is new.
 */
export function counterDelta(previous: number | undefined, current: number, sameSession: boolean): number {
  if (!sameSession || previous === undefined) return current
  if (current >= previous) return current - previous
  return previous < TWO_32 ? current + TWO_32 - previous : current
}

async function routerGet(
  router: { baseUrl: string; username: string; password: string; rejectUnauthorized?: boolean | null },
  dispatcher: Agent,
  path: string,
  query: Record<string, string>,
): Promise<unknown> {
  const authorization = `Basic ${Buffer.from(`${router.username}:${router.password}`, 'utf8').toString('base64')}`
  const response = await fetch(restUrl(router.baseUrl, path, query), {
    headers: { authorization, accept: 'application/json' },
    dispatcher,
    signal: AbortSignal.timeout(10_000),
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`RouterOS ${response.status} on ${path}: ${text.slice(0, 200)}`)
  return JSON.parse(text)
}

/**
 * Polls one router (RouterOS v7 REST): `/system/resource` (uptime: smaller than last time means it
 * restarted), `/ppp/active` (a session gone is a "down", a new one an "up") and the `pppoe-in`
 * interfaces' byte counters (usage per customer and WIB day, wrap and restart handled). The
 * snapshot, the events and the usage commit together under a per-router lock, so two workers
 * polling at once count nothing twice.
 */
export async function pollRouter({
  payload,
  routerId,
  now = new Date(),
}: {
  payload: Payload
  routerId: number
  now?: Date
}): Promise<RouterPollResult> {
  const router = await payload.findByID({ collection: 'routers', id: routerId, depth: 0, overrideAccess: true })
  const dispatcher = new Agent({
    connect: { timeout: 10_000, ...(router.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) },
  })
  // Reading the router happens outside the transaction: no lock is held while it answers.
  let reading: { uptime: number; active: Record<string, string>[]; interfaces: Record<string, string>[] } | undefined
  let error: string | undefined
  try {
    const creds = { ...router, password: router.password ?? '' }
    const resource = (await routerGet(creds, dispatcher, '/system/resource', { '.proplist': 'uptime' })) as {
      uptime?: string
    }
    const active = (await routerGet(creds, dispatcher, '/ppp/active', {
      '.proplist': '.id,name,uptime,caller-id,address',
    })) as Record<string, string>[]
    const interfaces = (await routerGet(creds, dispatcher, '/interface', {
      type: 'pppoe-in',
      '.proplist': 'name,rx-byte,tx-byte',
    })) as Record<string, string>[]
    reading = { uptime: routerOsSeconds(resource.uptime ?? ''), active, interfaces }
  } catch (e) {
    error = (e as Error).message
  } finally {
    await dispatcher.close().catch(() => {})
  }

  return inTransaction(payload, async (req) => {
    await executeSql(req, sql`SELECT pg_advisory_xact_lock(hashtext('monitoring:poll'), ${routerId})`)
    const previous = await loadSnapshot(req, routerId)
    const events: NetworkEventInput[] = []
    const base = { source: 'routeros-poll' as const, routerId }

    if (!reading) {
      const failures = previous.failures + 1
      if (failures === UNREACHABLE_AFTER)
        events.push({
          ...base,
          key: `unreachable:${routerId}:${now.toISOString().slice(0, 16)}`,
          subjectType: 'node',
          subject: '',
          state: 'down',
          occurredAt: now,
          cause: `Router tidak terjangkau: ${error}`,
        })
      await saveSnapshot(req, routerId, { ...previous, failures }, false, now)
      if (events.length) await ingestEvents(req.payload, events, req)
      return { routerId, reachable: false, sessions: 0, events: events.length, usageRows: 0, rebooted: false, error }
    }

    if (previous.failures >= UNREACHABLE_AFTER)
      events.push({
        ...base,
        key: `reachable:${routerId}:${now.toISOString().slice(0, 16)}`,
        subjectType: 'node',
        subject: '',
        state: 'up',
        occurredAt: now,
      })
    const bootedAt = now.getTime() - reading.uptime * 1000
    // To the minute: two polls of one boot agree on it despite the uptime's rounding.
    const bootAt = Math.round(bootedAt / 60_000) * 60_000
    const rebooted = previous.uptimeSeconds !== null && previous.bootAt !== null && bootAt > previous.bootAt + 60_000
    if (rebooted)
      events.push({
        ...base,
        key: `reboot:${routerId}:${bootAt}`,
        subjectType: 'node',
        subject: '',
        state: 'reboot',
        occurredAt: new Date(bootedAt),
        cause: 'uptime router kembali dari nol',
      })
    const counters = new Map<string, { rx: number; tx: number }>()
    for (const i of reading.interfaces) {
      const name = /^<pppoe-(.+)>$/.exec(i.name ?? '')?.[1]
      if (name) counters.set(name, { rx: Number(i['rx-byte'] ?? 0), tx: Number(i['tx-byte'] ?? 0) })
    }
    const sessions: Record<string, Session> = {}
    const usage: { name: string; rx: number; tx: number }[] = []
    const firstPoll = previous.uptimeSeconds === null
    for (const s of reading.active) {
      const name = s.name
      const id = s['.id']
      if (!name || !id) continue
      const c = counters.get(name) ?? { rx: 0, tx: 0 }
      sessions[name] = { id, rx: c.rx, tx: c.tx }
      const before = previous.sessions[name]
      const same = !rebooted && before?.id === id
      if (!same) {
        const startedAt = new Date(now.getTime() - routerOsSeconds(s.uptime ?? '0s') * 1000)
        // The earlier session ended before this one began (at the latest when the router restarted).
        if (before)
          events.push({
            ...base,
            key: `${routerId}:${previous.bootAt}:${before.id}:down`,
            subjectType: 'customer',
            subject: name,
            state: 'down',
            occurredAt: new Date(rebooted ? bootedAt - 1000 : startedAt.getTime() - 1000),
            cause: rebooted ? 'router restart' : 'sesi PPP berganti',
          })
        events.push({
          ...base,
          key: `${routerId}:${bootAt}:${id}:up`,
          subjectType: 'customer',
          subject: name,
          state: 'up',
          occurredAt: startedAt,
        })
      }
      // The first poll has no earlier reading: it counts nothing it cannot place in time.
      if (firstPoll && !before) continue
      // Router side: rx is what the customer sent (upload), tx what they received (download).
      const download = counterDelta(before?.tx, c.tx, same)
      const upload = counterDelta(before?.rx, c.rx, same)
      if (download || upload) usage.push({ name, rx: download, tx: upload })
    }
    for (const [name, before] of Object.entries(previous.sessions)) {
      if (sessions[name]) continue
      events.push({
        ...base,
        key: `${routerId}:${previous.bootAt}:${before.id}:down`,
        subjectType: 'customer',
        subject: name,
        state: 'down',
        occurredAt: rebooted ? new Date(bootedAt - 1000) : now,
        cause: rebooted ? 'router restart' : 'sesi PPP hilang',
      })
    }

    let usageRows = 0
    if (usage.length) {
      const { rows } = await executeSql(
        req,
        sql`INSERT INTO usage_daily (customer_id, day, rx_bytes, tx_bytes, updated_at, created_at)
            SELECT c.id, ${wibIsoDay(now)}, sum(u.rx), sum(u.tx), now(), now()
              FROM jsonb_to_recordset(${JSON.stringify(usage)}::jsonb) AS u(name text, rx numeric, tx numeric)
              JOIN customers c ON c.pppoe_username = u.name AND (c.router_id IS NULL OR c.router_id = ${routerId})
             GROUP BY c.id
            ON CONFLICT (customer_id, day) DO UPDATE
               SET rx_bytes = usage_daily.rx_bytes + excluded.rx_bytes, tx_bytes = usage_daily.tx_bytes + excluded.tx_bytes, updated_at = now()
            RETURNING id`,
      )
      usageRows = rows.length
    }
    await saveSnapshot(req, routerId, { uptimeSeconds: reading.uptime, bootAt, sessions, failures: 0 }, true, now)
    if (events.length) await ingestEvents(req.payload, events, req)
    return {
      routerId,
      reachable: true,
      sessions: Object.keys(sessions).length,
      events: events.length,
      usageRows,
      rebooted,
    }
  })
}

async function loadSnapshot(req: PayloadRequest, routerId: number): Promise<Snapshot> {
  const { rows } = await executeSql(
    req,
    sql`SELECT uptime_seconds, sessions, failures FROM router_polls WHERE router_id = ${routerId}`,
  )
  const row = rows[0]
  const stored = (row?.sessions ?? {}) as { bootAt?: number; list?: Record<string, Session> }
  return {
    uptimeSeconds:
      row?.uptime_seconds === null || row?.uptime_seconds === undefined ? null : Number(row.uptime_seconds),
    bootAt: stored.bootAt ?? null,
    sessions: stored.list ?? {},
    failures: Number(row?.failures ?? 0),
  }
}

async function saveSnapshot(req: PayloadRequest, routerId: number, snapshot: Snapshot, reachable: boolean, now: Date) {
  const sessions = JSON.stringify({ bootAt: snapshot.bootAt, list: snapshot.sessions })
  await executeSql(
    req,
    sql`INSERT INTO router_polls (router_id, reachable, failures, uptime_seconds, session_count, sessions, polled_at, updated_at, created_at)
        VALUES (${routerId}, ${reachable}, ${snapshot.failures}, ${snapshot.uptimeSeconds}, ${Object.keys(snapshot.sessions).length}, ${sessions}::jsonb, ${now.toISOString()}, now(), now())
        ON CONFLICT (router_id) DO UPDATE SET reachable = excluded.reachable, failures = excluded.failures, uptime_seconds = excluded.uptime_seconds,
           session_count = excluded.session_count, sessions = excluded.sessions, polled_at = excluded.polled_at, updated_at = now()`,
  )
}

/** Polls every router with monitoring switched on, one after another. */
export async function pollRouters({ payload, now }: { payload: Payload; now?: Date }): Promise<RouterPollResult[]> {
  const routers = await payload.find({
    collection: 'routers',
    where: { monitoringPoll: { not_equals: false } },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
  })
  const results: RouterPollResult[] = []
  for (const router of routers.docs) results.push(await pollRouter({ payload, routerId: router.id, now }))
  return results
}
