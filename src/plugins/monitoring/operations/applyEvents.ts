import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import type { EventState } from '../types'
import { applyCustomerEvents } from './applyCustomerEvents'

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
 * periods (applyCustomerEvents: pushed events are applied at ingest already, so these are the
 * ones named only now), each device's down flag. Out-of-order safe: an event older than the state it would
 * change is ignored, so a late "down" never undoes a newer "up"; repeats change nothing. Our own
 * isolir kicks and disconnects inside a maintenance window update the state but open no outage.
 */
export async function applyEvents(req: PayloadRequest): Promise<ApplyResult> {
  // Pushed events are applied at ingest: most passes find nothing left, and naming subjects
  // would still scan every customer.
  const { rows: pending } = await executeSql(req, sql`SELECT 1 FROM network_events WHERE processed_at IS NULL LIMIT 1`)
  if (!pending.length) return { events: 0, outagesOpened: 0, outagesClosed: 0, nodeTriggers: [] }
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

  if (byCustomer.size) {
    const customerEvents = [...byCustomer.values()].flat().map((e) => e.id)
    const applied = await applyCustomerEvents((query) => executeSql(req, query), customerEvents)
    result.outagesOpened += applied.outagesOpened
    result.outagesClosed += applied.outagesClosed
  }
  if (byNode.size) await applyNodeEvents(req, byNode, result)

  await executeSql(
    req,
    sql`UPDATE network_events SET processed_at = now(), updated_at = now() WHERE id = ANY(${`{${events.map((e) => e.id).join(',')}}`}::int[])`,
  )
  return result
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
