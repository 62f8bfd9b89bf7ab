import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import type { EventState } from '../types'
import type { MonitoringRules } from './settings'
import { customerNodes, type Topology } from './topology'

/** An isolir or restore the billing plugin carried out this close to a disconnect caused it. */
const OWN_KICK_MS = 10 * 60_000
/** Disconnect causes that are our own doing (RouterOS `administrator-request`, RADIUS Admin-Reset). */
const OWN_CAUSES = /^(administrator-request|admin-reset|admin reset)$/i

export type NodeTrigger = { nodeId: number; at: Date; state: 'down' | 'reboot'; cause: string | null }

export type ApplyResult = {
  events: number
  outagesOpened: number
  outagesClosed: number
  /** Devices reported down or restarted in this batch: each may open an incident on itself. */
  nodeTriggers: NodeTrigger[]
}

type EventRow = {
  id: number
  subjectType: 'customer' | 'node'
  customerId: number | null
  nodeId: number | null
  state: EventState
  at: Date
  cause: string | null
  source: string
}

/**
 * Turns the stored, not yet judged events into state: each customer's connection state and outage
 * periods, each device's down flag. Out-of-order safe: an event older than the state it would
 * change is ignored, so a late "down" never undoes a newer "up"; repeats change nothing. Our own
 * isolir kicks and disconnects inside a maintenance window update the state but open no outage.
 */
export async function applyEvents(
  req: PayloadRequest,
  rules: MonitoringRules,
  topology: Topology,
): Promise<ApplyResult> {
  // Name the subjects: PPP user name (or customer number) → customer, host/alias → node.
  // Two joins rather than one with OR: each is a hash join (an OR makes it events × customers).
  for (const column of [sql`c.pppoe_username`, sql`c.number`])
    await executeSql(
      req,
      sql`UPDATE network_events e SET customer_id = c.id
            FROM customers c
           WHERE e.processed_at IS NULL AND e.subject_type = 'customer' AND e.customer_id IS NULL
             AND ${column} = e.subject
             AND (e.router_id IS NULL OR c.router_id IS NULL OR c.router_id = e.router_id)`,
    )
  await executeSql(
    req,
    sql`UPDATE network_events e SET node_id = n.id
          FROM network_nodes n
         WHERE e.processed_at IS NULL AND e.subject_type = 'node' AND e.node_id IS NULL
           AND (lower(n.name) = lower(e.subject)
                OR lower(e.subject) = ANY (string_to_array(lower(replace(coalesce(n.aliases, ''), ' ', '')), ','))
                OR (n.kind = 'router' AND e.router_id IS NOT NULL AND n.router_id = e.router_id AND e.subject = ''))`,
  )
  const { rows } = await executeSql(
    req,
    sql`SELECT id, subject_type, customer_id, node_id, state, occurred_at, cause, source FROM network_events
         WHERE processed_at IS NULL ORDER BY occurred_at, id LIMIT 100000 FOR UPDATE SKIP LOCKED`,
  )
  const events: EventRow[] = rows.map((r) => ({
    id: Number(r.id),
    subjectType: r.subject_type as EventRow['subjectType'],
    customerId: r.customer_id === null ? null : Number(r.customer_id),
    nodeId: r.node_id === null ? null : Number(r.node_id),
    state: r.state as EventState,
    at: new Date(r.occurred_at as string),
    cause: (r.cause as string | null) ?? null,
    source: String(r.source),
  }))
  const result: ApplyResult = { events: events.length, outagesOpened: 0, outagesClosed: 0, nodeTriggers: [] }
  if (!events.length) return result

  const byCustomer = new Map<number, EventRow[]>()
  const byNode = new Map<number, EventRow[]>()
  const add = (map: Map<number, EventRow[]>, key: number, e: EventRow) => {
    const list = map.get(key)
    if (list) list.push(e)
    else map.set(key, [e])
  }
  for (const e of events) {
    if (e.subjectType === 'customer' && e.customerId !== null) add(byCustomer, e.customerId, e)
    if (e.subjectType === 'node' && e.nodeId !== null) add(byNode, e.nodeId, e)
  }

  if (byCustomer.size) await applyCustomerEvents(req, rules, topology, byCustomer, result)
  if (byNode.size) await applyNodeEvents(req, byNode, result)

  await executeSql(
    req,
    sql`UPDATE network_events SET processed_at = now(), updated_at = now() WHERE id = ANY(${`{${events.map((e) => e.id).join(',')}}`}::int[])`,
  )
  return result
}

async function applyCustomerEvents(
  req: PayloadRequest,
  rules: MonitoringRules,
  topology: Topology,
  byCustomer: Map<number, EventRow[]>,
  result: ApplyResult,
) {
  const ids = `{${[...byCustomer.keys()].join(',')}}`
  const { rows: states } = await executeSql(
    req,
    sql`SELECT c.id, c.network_status_online AS online, c.network_status_since AS since, c.network_status_last_seen_at AS last_seen,
               c.network_status_last_cause AS last_cause, o.id AS outage_id, o.started_at AS outage_started, cn.node_id
          FROM customers c
          LEFT JOIN customer_outages o ON o.customer_id = c.id AND o.ended_at IS NULL
          LEFT JOIN (${customerNodes}) cn ON cn.customer_id = c.id
         WHERE c.id = ANY(${ids}::int[])`,
  )
  const { rows: kicks } = await executeSql(
    req,
    sql`SELECT customer_id, created_at, completed_at FROM network_actions
         WHERE customer_id = ANY(${ids}::int[]) AND created_at > now() - interval '2 days'`,
  )
  const kicksOf = new Map<number, number[]>()
  for (const k of kicks) {
    const times = [new Date(k.created_at as string).getTime()]
    if (k.completed_at) times.push(new Date(k.completed_at as string).getTime())
    kicksOf.set(Number(k.customer_id), [...(kicksOf.get(Number(k.customer_id)) ?? []), ...times])
  }

  const inserts: {
    customer_id: number
    started_at: string
    ended_at: string | null
    source: string
    cause: string | null
    last_seen_at: string | null
  }[] = []
  const closes: { id: number; ended_at: string }[] = []
  const updates: { id: number; online: boolean; since: string; last_seen: string | null; last_cause: string | null }[] =
    []

  for (const s of states) {
    const customerId = Number(s.id)
    const events = byCustomer.get(customerId) ?? []
    let online: boolean | null = s.online === null ? null : Boolean(s.online)
    let since: Date | null = s.since ? new Date(s.since as string) : null
    let lastSeen: Date | null = s.last_seen ? new Date(s.last_seen as string) : null
    let lastCause: string | null = (s.last_cause as string | null) ?? null
    let open: { id: number | null; startedAt: Date; index: number | null } | null = s.outage_id
      ? { id: Number(s.outage_id), startedAt: new Date(s.outage_started as string), index: null }
      : null
    const chainIds = topology.chain(s.node_id === null ? null : Number(s.node_id)).map((n) => n.id)
    let changed = false
    for (const e of events) {
      if (e.state === 'reboot') continue
      // Older than what we know: a late or replayed event changes nothing.
      if (since && e.at.getTime() <= since.getTime()) continue
      if (e.state === 'down') {
        if (online === false) continue
        online = false
        since = e.at
        lastSeen = e.at
        lastCause = e.cause
        changed = true
        const ours =
          (e.cause !== null && OWN_CAUSES.test(e.cause)) ||
          (kicksOf.get(customerId) ?? []).some((t) => Math.abs(t - e.at.getTime()) <= OWN_KICK_MS)
        const planned = rules.maintenance.some(
          (w) => e.at >= w.from && e.at < w.to && (w.nodeId === null || chainIds.includes(w.nodeId)),
        )
        if (!ours && !planned && !open) {
          inserts.push({
            customer_id: customerId,
            started_at: e.at.toISOString(),
            ended_at: null,
            source: e.source,
            cause: e.cause,
            last_seen_at: e.at.toISOString(),
          })
          open = { id: null, startedAt: e.at, index: inserts.length - 1 }
        }
      } else {
        lastSeen = e.at
        changed = true
        if (online === true) continue
        online = true
        since = e.at
        if (open && open.startedAt.getTime() <= e.at.getTime()) {
          if (open.id !== null) closes.push({ id: open.id, ended_at: e.at.toISOString() })
          else inserts[open.index!]!.ended_at = e.at.toISOString()
          open = null
        }
      }
    }
    if (changed && online !== null && since)
      updates.push({
        id: customerId,
        online,
        since: since.toISOString(),
        last_seen: lastSeen?.toISOString() ?? null,
        last_cause: lastCause,
      })
  }

  if (inserts.length) {
    const { rows } = await executeSql(
      req,
      sql`INSERT INTO customer_outages (customer_id, started_at, ended_at, source, cause, last_seen_at, updated_at, created_at)
          SELECT r.customer_id, r.started_at, r.ended_at, r.source, left(r.cause, 120), r.last_seen_at, now(), now()
            FROM jsonb_to_recordset(${JSON.stringify(inserts)}::jsonb)
                 AS r(customer_id int, started_at timestamptz, ended_at timestamptz, source text, cause text, last_seen_at timestamptz)
          ON CONFLICT DO NOTHING RETURNING id`,
    )
    result.outagesOpened += rows.length
  }
  if (closes.length) {
    const { rows } = await executeSql(
      req,
      sql`UPDATE customer_outages o SET ended_at = r.ended_at, updated_at = now()
            FROM jsonb_to_recordset(${JSON.stringify(closes)}::jsonb) AS r(id int, ended_at timestamptz)
           WHERE o.id = r.id AND o.ended_at IS NULL RETURNING o.id`,
    )
    result.outagesClosed += rows.length
  }
  if (updates.length)
    await executeSql(
      req,
      sql`UPDATE customers c SET network_status_online = r.online, network_status_since = r.since,
                 network_status_last_seen_at = r.last_seen, network_status_last_cause = left(r.last_cause, 120)
            FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
                 AS r(id int, online boolean, since timestamptz, last_seen timestamptz, last_cause text)
           WHERE c.id = r.id AND (c.network_status_since IS NULL OR c.network_status_since <= r.since)`,
    )
}

async function applyNodeEvents(req: PayloadRequest, byNode: Map<number, EventRow[]>, result: ApplyResult) {
  const ids = `{${[...byNode.keys()].join(',')}}`
  const { rows } = await executeSql(
    req,
    sql`SELECT id, down, state_since FROM network_nodes WHERE id = ANY(${ids}::int[])`,
  )
  const updates: { id: number; down: boolean; since: string }[] = []
  for (const r of rows) {
    const nodeId = Number(r.id)
    let down = Boolean(r.down)
    let since: Date | null = r.state_since ? new Date(r.state_since as string) : null
    let changed = false
    for (const e of byNode.get(nodeId) ?? []) {
      if (since && e.at.getTime() <= since.getTime()) continue
      if (e.state === 'reboot') {
        // The restart itself is over when we hear of it: the device is up, its customers dropped.
        result.nodeTriggers.push({ nodeId, at: e.at, state: 'reboot', cause: e.cause })
        down = false
      } else if (e.state === 'down') {
        if (down) continue
        down = true
        result.nodeTriggers.push({ nodeId, at: e.at, state: 'down', cause: e.cause })
      } else {
        if (!down) continue
        down = false
      }
      since = e.at
      changed = true
    }
    if (changed && since) updates.push({ id: nodeId, down, since: since.toISOString() })
  }
  if (updates.length)
    await executeSql(
      req,
      sql`UPDATE network_nodes n SET down = r.down, state_since = r.since, updated_at = now()
            FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS r(id int, down boolean, since timestamptz)
           WHERE n.id = r.id`,
    )
}
