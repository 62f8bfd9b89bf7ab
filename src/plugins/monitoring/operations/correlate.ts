import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { inTransaction } from '../../../db/transaction'
import { queueTasks, type QueuedTask } from '../../../jobs/queueTasks'
import { formatWib } from '../../../lib/wib'
import { NODE_KIND_LABELS } from '../types'
import { incidentOutages, incidentReach, withinReach } from './affected'
import { applyEvents, type NodeTrigger } from './applyEvents'
import { incidentNoticesTask } from './incidentNotices'
import { monitoringRules, type MonitoringRules } from './settings'
import { loadTopology, placeCustomer, type Topology, type TopologyNode } from './topology'

export type CorrelateResult = {
  /** Another worker was judging at the same moment; this pass did nothing. */
  skipped: boolean
  events: number
  outagesOpened: number
  outagesClosed: number
  incidentsOpened: number
  /** Customers in the incidents this pass grouped (their count; membership is derived). */
  customersAttached: number
  incidentsResolved: number
  ticketsOpened: number
  ticketsClosed: number
}

const DEFAULT_MESSAGE =
  'Sedang ada gangguan jaringan di wilayah Anda. Teknisi kami sedang menanganinya. Mohon maaf atas ketidaknyamanannya.'

/** The judged outages of customers placed on one node: their customers and starts (epoch ms), by outage. */
type Group = { chain: TopologyNode[]; customers: number[]; starts: number[] }
type OpenIncident = { id: number; nodeId: number | null; startedAt: Date }

const intArray = (ids: number[]) => `{${ids.join(',')}}`

/**
 * One pass of the correlator (a job every 30 s, never per event). In one transaction, and by one
 * worker at a time (a transaction-level advisory lock; a second worker skips the pass):
 *
 * 1. apply the stored events (customer state, outage periods, device state);
 * 2. a device reported down or restarted opens an incident on itself;
 * 3. outages past the damping time that no incident covers (`incidentOutages`: beneath its node,
 *    since its window) are grouped: where ≥ `incidentMinCustomers` customers of one ODP, or
 *    ≥ `incidentShare` of a node's active customers, dropped within `incidentWindowSeconds`, the
 *    customers beneath the highest such node make one incident, placed on the lowest node common
 *    to all of them and starting where the drop does; an open incident below it is merged into it;
 * 4. who an incident affects is derived, never written per customer: the pass stores only each
 *    incident's count, and an incident resolves when its device is up and ≥ `resolveShare` of its
 *    customers are back;
 * 5. a customer offline longer than `offlineTicketMinutes` and in no open incident gets one ticket
 *    (never a second for the same outage, nor while an earlier one is still open), closed by
 *    itself once they are back for `backOnlineMinutes`, unless a technician took it.
 *
 * WhatsApp notices (`outage_notice`, `outage_resolved`) go from one job per pass
 * (`noticeIncidentCustomers`), once per incident and customer. Offline minutes per customer (for
 * SLA) are read from the outages themselves (`CustomerOutages`), not recorded by the pass.
 */
export async function correlateOutages({
  payload,
  now = new Date(),
}: {
  payload: Payload
  now?: Date
}): Promise<CorrelateResult> {
  return inTransaction(payload, async (req) => {
    const result: CorrelateResult = {
      skipped: false,
      events: 0,
      outagesOpened: 0,
      outagesClosed: 0,
      incidentsOpened: 0,
      customersAttached: 0,
      incidentsResolved: 0,
      ticketsOpened: 0,
      ticketsClosed: 0,
    }
    const { rows } = await executeSql(
      req,
      sql`SELECT pg_try_advisory_xact_lock(hashtext('monitoring:correlate')) AS ok`,
    )
    if (!rows[0]?.ok) return { ...result, skipped: true }
    const started = performance.now()
    const steps: Record<string, number> = {}
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t = performance.now()
      const out = await work()
      steps[name] = Math.round(performance.now() - t)
      return out
    }
    // The topology (and the active customers under each node, kept by triggers) is read on its own
    // connection while this transaction reads the rules, applies events and reads the outages.
    const topologyLoad = loadTopology(payload)
    topologyLoad.catch(() => {})
    const rules = await monitoringRules(payload, req)
    const applied = await step('events', () => applyEvents(req))
    Object.assign(result, {
      events: applied.events,
      outagesOpened: applied.outagesOpened,
      outagesClosed: applied.outagesClosed,
    })
    // A storm just wrote thousands of outages: refresh the planner's numbers before judging them.
    if (applied.outagesOpened + applied.outagesClosed > 1000)
      await executeSql(req, sql`ANALYZE customer_outages, customers`)
    // A restart or failure learnt of long after it happened (the poller was away, the router's
    // uptime says days) is history, not an outage to open now: only the judging look-back counts.
    const lookback = now.getTime() - rules.offlineTicketMinutes * 60_000
    const recent = applied.nodeTriggers.filter((t) => t.at.getTime() >= lookback)
    // The pass's jobs (staff alerts of new incidents, the customers' notices), queued together.
    const jobs: QueuedTask[] = []
    if (recent.length)
      await step('devices', async () => openNodeIncidents(req, await topologyLoad, recent, jobs, result))
    const grouped = await step('group', () => groupOutages(req, rules, topologyLoad, now, jobs, result))
    const parents = await step('merge', async () => mergeChildIncidents(req, await topologyLoad, now))
    // A fresh incident that took a child in has customers beyond those it was grouped from.
    const fresh = grouped.filter((id) => !parents.includes(id))
    const judged = await step('judge', () => judgeIncidents(req, rules, now, fresh, result))
    // One job per pass sends the notices; it derives the recipients itself.
    const notices = incidentNoticesTask({ notice: [...fresh, ...judged.grown], resolved: judged.resolved })
    if (notices) jobs.push(notices)
    await step('jobs', () => queueTasks(req, jobs))
    await step('openTickets', () => openTickets(req, rules, now, result))
    await step('closeTickets', () => closeTickets(req, rules, now, result))
    payload.logger.debug({ ms: Math.round(performance.now() - started), steps, ...result }, 'correlator pass')
    return result
  })
}

async function openIncidents(req: PayloadRequest): Promise<OpenIncident[]> {
  const { rows } = await executeSql(
    req,
    sql`SELECT id, node_id, started_at FROM network_incidents WHERE status = 'open'`,
  )
  return rows.map((r) => ({
    id: Number(r.id),
    nodeId: r.node_id === null ? null : Number(r.node_id),
    startedAt: new Date(r.started_at as string),
  }))
}

/** The highest node of the chain with an open incident, and that incident. */
function coveringIncident(chain: TopologyNode[], incidents: OpenIncident[]): OpenIncident | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const found = incidents.find((x) => x.nodeId === chain[i]!.id)
    if (found) return found
  }
  return undefined
}

async function openNodeIncidents(
  req: PayloadRequest,
  topology: Topology,
  triggers: NodeTrigger[],
  jobs: QueuedTask[],
  result: CorrelateResult,
) {
  if (!triggers.length) return
  const incidents = await openIncidents(req)
  for (const t of triggers) {
    const chain = topology.chain(t.nodeId)
    if (!chain.length || coveringIncident(chain, incidents)) continue
    const cause =
      t.state === 'reboot'
        ? `Router ${chain[0]!.name} restart${t.cause ? ` (${t.cause})` : ''}`
        : `${NODE_KIND_LABELS[chain[0]!.kind]} ${chain[0]!.name} dilaporkan mati${t.cause ? `: ${t.cause}` : ''}`
    // The sessions a restart dropped went down just before it came back: they join it.
    const [id] = await insertIncidents(req, jobs, [
      { node: chain[0]!, startedAt: t.at, affected: 0, cause, source: t.state === 'reboot' ? 'reboot' : 'device' },
    ])
    incidents.push({ id: id!, nodeId: chain[0]!.id, startedAt: t.at })
    result.incidentsOpened += 1
  }
}

/** Most outages starting within any `windowMs` span, and where the first such span starts (`starts` in order). */
function densest(starts: Float64Array, windowMs: number): { count: number; from: number } {
  let count = 0
  let from = Infinity
  for (let i = 0, j = 0; j < starts.length; j++) {
    while (starts[j]! - starts[i]! > windowMs) i++
    if (j - i + 1 > count) {
      count = j - i + 1
      from = starts[i]!
    }
  }
  return { count, from }
}

/** Calls `each` with every `customer ms` pair of a comma-separated list (non-negative integers). */
function eachPair(list: string, each: (customerId: number, startedAt: number) => void) {
  let a = 0
  let b = 0
  let second = false
  for (let i = 0; i <= list.length; i++) {
    const ch = i < list.length ? list.charCodeAt(i) : 44
    if (ch === 44) {
      each(a, b)
      a = b = 0
      second = false
    } else if (ch === 32) second = true
    else if (second) b = b * 10 + ch - 48
    else a = a * 10 + ch - 48
  }
}

/** The starts of the groups' outages, in order. */
function startsOf(groups: Group[]): Float64Array {
  let n = 0
  for (const g of groups) n += g.starts.length
  const starts = new Float64Array(n)
  let k = 0
  for (const g of groups) for (let i = 0; i < g.starts.length; i++) starts[k++] = g.starts[i]!
  return starts.sort()
}

/** Who of the groups dropped at or after `since`: the customers, and the chains of the groups they are in. */
function droppedSince(groups: Group[], since: number): { customers: Set<number>; members: TopologyNode[][] } {
  const customers = new Set<number>()
  const members: TopologyNode[][] = []
  for (const g of groups) {
    const before = customers.size
    for (let i = 0; i < g.starts.length; i++) if (g.starts[i]! >= since) customers.add(g.customers[i]!)
    if (customers.size > before) members.push(g.chain)
  }
  return { customers, members }
}

/**
 * Groups the outages no open incident covers into new incidents. Membership is not written: the
 * incident's node and start make its customers (`incidentOutages`); only the count is stored.
 * Returns the incidents opened.
 */
async function groupOutages(
  req: PayloadRequest,
  rules: MonitoringRules,
  topologyLoad: Promise<Topology>,
  now: Date,
  jobs: QueuedTask[],
  result: CorrelateResult,
): Promise<number[]> {
  const damp = new Date(now.getTime() - rules.dampingSeconds * 1000).toISOString()
  const lookback = new Date(now.getTime() - rules.offlineTicketMinutes * 60_000).toISOString()
  const judged = sql`o.ticket_id IS NULL AND o.started_at <= ${damp}::timestamptz AND o.started_at >= ${lookback}::timestamptz
    AND (o.ended_at IS NULL OR o.ended_at >= o.started_at + make_interval(secs => ${rules.dampingSeconds}))`
  // One scan of the judged outages, in one row per customers' (ODP field, router): each outage's
  // customer and start (epoch ms) as `customer ms` pairs. Each outage carries its customer's ODP
  // field, router and whether they are active, kept current by triggers (migration
  // `outage_placement`), so no customer is looked up. The customers are placed on nodes, and the
  // outages tested against the incidents that could cover them, here on the topology read in
  // parallel (`nodeOf` places as `placeCustomer` does, the covering spans below test as
  // `withinReach` does).
  const { rows } = await executeSql(
    req,
    sql`SELECT o.odp, o.router_id, string_agg(o.customer_id || ' ' || round(date_part('epoch', o.started_at) * 1000)::bigint, ',') AS outages
          FROM customer_outages o
         WHERE ${judged} AND o.customer_active
         GROUP BY 1, 2`,
  )
  if (!rows.length) return []
  // An outage already in an incident, open or since resolved, is not grouped again.
  const { rows: coverRows } = await executeSql(
    req,
    sql`SELECT node_id, round(date_part('epoch', started_at) * 1000)::bigint AS started_ms, round(date_part('epoch', resolved_at) * 1000)::bigint AS resolved_ms
          FROM network_incidents WHERE node_id IS NOT NULL AND (status = 'open' OR resolved_at > ${lookback}::timestamptz)`,
  )
  const topology = await topologyLoad
  const windowMs = rules.incidentWindowSeconds * 1000
  const chains = new Map<number | null, TopologyNode[]>()
  const chainOf = (nodeId: number | null) => {
    let chain = chains.get(nodeId)
    if (!chain) chains.set(nodeId, (chain = topology.chain(nodeId)))
    return chain
  }
  const covering = new Map<number, { from: number; until: number }[]>()
  for (const r of coverRows) {
    const span = {
      from: Number(r.started_ms) - windowMs,
      until: r.resolved_ms === null ? Infinity : Number(r.resolved_ms),
    }
    const list = covering.get(Number(r.node_id))
    if (list) list.push(span)
    else covering.set(Number(r.node_id), [span])
  }
  const groups: Group[] = []
  for (const r of rows) {
    const chain = chainOf(topology.nodeOf(r.odp as string | null, r.router_id === null ? null : Number(r.router_id)))
    // The incidents that could cover these outages: on the node or above it, up to the 12 levels
    // an incident reaches down (`incidentReach`).
    const spans = covering.size ? chain.slice(0, 13).flatMap((n) => covering.get(n.id) ?? []) : []
    const group: Group = { chain, customers: [], starts: [] }
    eachPair(String(r.outages), (customerId, startedAt) => {
      if (spans.some((x) => startedAt >= x.from && startedAt < x.until)) return
      group.customers.push(customerId)
      group.starts.push(startedAt)
    })
    if (group.starts.length) groups.push(group)
  }
  if (!groups.length) return []

  // Which nodes dropped: the outages beneath each node (the groups on it or below), in start order.
  const beneath = new Map<number, Group[]>()
  for (const group of groups)
    for (const node of group.chain) {
      const list = beneath.get(node.id)
      if (list) list.push(group)
      else beneath.set(node.id, [group])
    }
  const dropped = new Map<number, number>()
  for (const [nodeId, list] of beneath) {
    const { count, from } = densest(startsOf(list), windowMs)
    const node = topology.nodes.get(nodeId)!
    const active = topology.activeUnder.get(nodeId) ?? 0
    const byShare = count >= 2 && count >= rules.incidentShare * active
    const byCount = node.kind === 'odp' && count >= rules.incidentMinCustomers
    if (byShare || byCount) dropped.set(nodeId, from)
  }
  const planned: { node: TopologyNode; startedAt: Date; affected: number }[] = []
  for (const [nodeId, from] of dropped) {
    const chain = topology.chain(nodeId)
    if (chain.slice(1).some((n) => dropped.has(n.id))) continue
    // The incident starts where the drop does (the densest window); by the definition it then
    // affects everyone beneath who dropped since one window before that, and no one earlier.
    const { customers, members } = droppedSince(beneath.get(nodeId)!, from - windowMs)
    // The incident sits on the lowest node common to everyone who dropped: an ODP whose homes all
    // went down is the ODP's incident even when they are most of the router's customers. That is
    // the lowest node of one member's chain with every member beneath it.
    const node = members[0]!.find((n) => members.every((m) => m.includes(n))) ?? chain[0]!
    planned.push({ node, startedAt: new Date(from), affected: customers.size })
  }
  if (!planned.length) return []
  // However many incidents a storm opens, one insert (with each incident's count, known here) and
  // one staff alert. Notices go from a job (`incidentNoticesTask`).
  const ids = await insertIncidents(
    req,
    jobs,
    planned.map((p) => ({
      node: p.node,
      startedAt: p.startedAt,
      affected: p.affected,
      cause: `${p.affected} pelanggan di bawah ${NODE_KIND_LABELS[p.node.kind]} ${p.node.name} putus bersamaan`,
      source: 'correlation',
    })),
  )
  result.incidentsOpened += planned.length
  // The planned incidents' nodes are none beneath another, and each customer is on one node.
  result.customersAttached += planned.reduce((n, p) => n + p.affected, 0)
  return ids
}

/**
 * Opens incidents in one statement and adds one staff alert about them to the pass's jobs. Returns
 * their ids, in order.
 */
async function insertIncidents(
  req: PayloadRequest,
  jobs: QueuedTask[],
  list: { node: TopologyNode; startedAt: Date; affected: number; cause: string; source: string }[],
): Promise<number[]> {
  const rows = list.map((x, k) => ({
    k,
    title: `Gangguan ${NODE_KIND_LABELS[x.node.kind]} ${x.node.name}${x.node.area ? ` (${x.node.area})` : ''}`,
    started_at: x.startedAt.toISOString(),
    area: x.node.area,
    affected: x.affected,
    cause: x.cause,
    source: x.source,
    node_id: x.node.id,
  }))
  const { rows: inserted } = await executeSql(
    req,
    sql`INSERT INTO network_incidents (title, status, started_at, area, affected_count, customer_message, cause, source, node_id, updated_at, created_at)
        SELECT r.title, 'open', r.started_at, r.area, r.affected, ${DEFAULT_MESSAGE}, r.cause, r.source, r.node_id, now(), now()
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
               AS r(k int, title text, started_at timestamptz, area text, affected int, cause text, source text, node_id int)
         ORDER BY r.k
        RETURNING id`,
  )
  const ids = inserted.map((r) => Number(r.id)).sort((a, b) => a - b)
  const lines = rows.slice(0, 50).map((r) => `- ${r.title} sejak ${formatWib(r.started_at)}: ${r.cause}`)
  jobs.push({
    task: 'staffAlert',
    input: {
      key: `network-incident:${ids[0]}`,
      subject: ids.length === 1 ? `Gangguan jaringan: ${rows[0]!.title}` : `${ids.length} gangguan jaringan baru`,
      message: lines.join('\n') + (rows.length > 50 ? `\n… dan ${rows.length - 50} lagi` : ''),
    },
  })
  return ids
}

/**
 * An open incident below another open incident is folded into it (parent/child suppression): the
 * child is closed, and the parent starts when the child did, so the child's customers stay its own.
 * Returns the parents that took a child in.
 */
async function mergeChildIncidents(req: PayloadRequest, topology: Topology, now: Date): Promise<number[]> {
  const incidents = await openIncidents(req)
  const parents = new Set<number>()
  for (const child of incidents) {
    const parent = coveringIncident(topology.chain(child.nodeId).slice(1), incidents)
    if (!parent || parent.id === child.id) continue
    await executeSql(
      req,
      sql`UPDATE network_incidents SET started_at = least(started_at, ${child.startedAt.toISOString()}::timestamptz), updated_at = now()
           WHERE id = ${parent.id}`,
    )
    if (child.startedAt < parent.startedAt) parent.startedAt = child.startedAt
    await executeSql(
      req,
      sql`UPDATE network_incidents SET status = 'resolved', resolved_at = ${now.toISOString()}, updated_at = now(),
                 cause = left(coalesce(cause, '') || ' — digabung ke gangguan #' || ${parent.id}, 300)
           WHERE id = ${child.id}`,
    )
    parents.add(parent.id)
  }
  return [...parents]
}

/**
 * Judges the open incidents on their customers as the definition derives them (those opened by
 * this pass's grouping are judged from the next pass): the stored count follows who is affected, and
 * an incident resolves when its device is up and ≥ `resolveShare` of its customers are back.
 * Returns the incidents that gained customers and those that resolved, for the notices.
 */
async function judgeIncidents(
  req: PayloadRequest,
  rules: MonitoringRules,
  now: Date,
  fresh: number[],
  result: CorrelateResult,
): Promise<{ grown: number[]; resolved: number[] }> {
  const backBefore = new Date(now.getTime() - rules.dampingSeconds * 1000).toISOString()
  const settledBefore = new Date(now.getTime() - rules.incidentWindowSeconds * 1000).toISOString()
  const judged = sql`i.status = 'open' AND i.id <> ALL(${intArray(fresh)}::int[])`
  const { rows } = await executeSql(
    req,
    sql`SELECT i.id, i.affected_count, coalesce(n.down, false) AS node_down, i.started_at <= ${settledBefore}::timestamptz AS settled,
               count(x.customer_id)::int AS affected, count(x.customer_id) FILTER (WHERE x.back)::int AS back
          FROM network_incidents i
          LEFT JOIN network_nodes n ON n.id = i.node_id
          LEFT JOIN (
            SELECT m.incident_id, m.customer_id, bool_and(m.ended_at IS NOT NULL AND m.ended_at <= ${backBefore}::timestamptz) AS back
              FROM ${incidentOutages({ incidents: judged })} m GROUP BY 1, 2) x ON x.incident_id = i.id
         WHERE ${judged}
         GROUP BY i.id, n.down`,
  )
  if (!rows.length) return { grown: [], resolved: [] }
  const judgements = rows.map((r) => {
    const affected = Number(r.affected)
    return {
      id: Number(r.id),
      affected,
      grown: affected > Number(r.affected_count),
      resolved: !r.node_down && (affected === 0 ? Boolean(r.settled) : Number(r.back) >= rules.resolveShare * affected),
    }
  })
  const changed = judgements.filter((j, k) => j.resolved || j.affected !== Number(rows[k]!.affected_count))
  if (changed.length)
    await executeSql(
      req,
      sql`UPDATE network_incidents i
             SET affected_count = j.affected, updated_at = now(),
                 status = CASE WHEN j.resolved THEN 'resolved' ELSE i.status END,
                 resolved_at = CASE WHEN j.resolved THEN ${now.toISOString()}::timestamptz ELSE i.resolved_at END
            FROM unnest(${intArray(changed.map((j) => j.id))}::int[], ${intArray(changed.map((j) => j.affected))}::int[],
                        ${`{${changed.map((j) => j.resolved).join(',')}}`}::boolean[]) AS j(id, affected, resolved)
           WHERE i.id = j.id AND i.status = 'open'`,
    )
  const resolved = judgements.filter((j) => j.resolved).map((j) => j.id)
  result.incidentsResolved += resolved.length
  return { grown: judgements.filter((j) => j.grown && !j.resolved).map((j) => j.id), resolved }
}

async function openTickets(req: PayloadRequest, rules: MonitoringRules, now: Date, result: CorrelateResult) {
  const overdue = new Date(now.getTime() - rules.offlineTicketMinutes * 60_000).toISOString()
  const waiting = sql`o.ended_at IS NULL AND o.ticket_id IS NULL AND o.started_at <= ${overdue}::timestamptz`
  const { rows } = await executeSql(
    req,
    sql`WITH RECURSIVE ${incidentReach('covering', sql`i.status = 'open'`)}
        SELECT o.id, o.customer_id, o.started_at, o.last_seen_at, o.cause, c.name, c.number,
               (SELECT o2.ticket_id FROM customer_outages o2 JOIN tickets t ON t.id = o2.ticket_id
                 WHERE o2.customer_id = o.customer_id AND t.status NOT IN ('resolved', 'closed') ORDER BY o2.id DESC LIMIT 1) AS open_ticket
          FROM customer_outages o
          JOIN customers c ON c.id = o.customer_id AND c.status = 'active' ${placeCustomer}
         WHERE ${waiting} AND NOT EXISTS (SELECT 1 FROM covering r WHERE ${withinReach()})
         ORDER BY o.started_at`,
  )
  for (const r of rows) {
    let ticketId = r.open_ticket === null ? null : Number(r.open_ticket)
    if (ticketId === null) {
      const lastSeen = formatWib(new Date((r.last_seen_at ?? r.started_at) as string))
      const ticket = await req.payload.create({
        collection: 'tickets',
        data: {
          subject: `Pelanggan offline lebih dari ${rules.offlineTicketMinutes} menit`,
          customer: Number(r.customer_id),
          type: 'repair',
          priority: 'normal',
          status: 'open',
          description: [
            `Koneksi ${r.name} (${r.number}) terputus sejak ${lastSeen}.`,
            `Terakhir terlihat online: ${lastSeen}.`,
            `Penyebab putus: ${r.cause ?? 'tidak diketahui'}.`,
            'Tiket ini dibuat otomatis oleh pemantauan jaringan dan ditutup otomatis bila pelanggan kembali online.',
          ].join('\n'),
        },
        overrideAccess: true,
        req,
      })
      ticketId = ticket.id
      result.ticketsOpened += 1
    }
    await executeSql(
      req,
      sql`UPDATE customer_outages SET ticket_id = ${ticketId}, updated_at = now() WHERE id = ${Number(r.id)} AND ticket_id IS NULL`,
    )
  }
}

async function closeTickets(req: PayloadRequest, rules: MonitoringRules, now: Date, result: CorrelateResult) {
  const backBefore = new Date(now.getTime() - rules.backOnlineMinutes * 60_000).toISOString()
  const { rows } = await executeSql(
    req,
    sql`SELECT t.id, max(o.ended_at) AS back_at
          FROM customer_outages o JOIN tickets t ON t.id = o.ticket_id
         WHERE t.status = 'open' AND t.assigned_technician_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM customer_outages o2 WHERE o2.customer_id = o.customer_id AND o2.ended_at IS NULL)
         GROUP BY t.id
        HAVING bool_and(o.ended_at IS NOT NULL) AND max(o.ended_at) <= ${backBefore}::timestamptz`,
  )
  for (const r of rows) {
    await req.payload.update({
      collection: 'tickets',
      id: Number(r.id),
      data: {
        status: 'closed',
        resolution: `Ditutup otomatis: pelanggan kembali online sejak ${formatWib(new Date(r.back_at as string))}.`,
      },
      overrideAccess: true,
      req,
    })
    result.ticketsClosed += 1
  }
}
