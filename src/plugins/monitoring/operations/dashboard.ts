import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { incidentOutages } from './affected'

export type NetworkDashboard = {
  routers: { id: number; name: string; reachable: boolean | null; sessions: number | null; polledAt: string | null }[]
  nodesDown: { id: number; name: string; kind: string; since: string | null }[]
  incidents: {
    id: number
    title: string
    startedAt: string
    affected: number
    cause: string | null
    node: string | null
    latitude: number | null
    longitude: number | null
  }[]
  offlineNow: number
  lonelyOffline: number
  openTickets: number
}

/** What the network looks like now: routers and their last poll, devices down, open incidents. */
export async function networkDashboard({ req }: { req: PayloadRequest }): Promise<NetworkDashboard> {
  const [routers, nodes, incidents, counts] = await Promise.all([
    executeSql(
      req,
      sql`SELECT r.id, r.name, p.reachable, p.session_count, p.polled_at FROM routers r LEFT JOIN router_polls p ON p.router_id = r.id ORDER BY r.name`,
    ),
    executeSql(
      req,
      sql`SELECT id, name, kind, state_since FROM network_nodes WHERE down ORDER BY state_since DESC NULLS LAST LIMIT 100`,
    ),
    executeSql(
      req,
      sql`SELECT i.id, i.title, i.started_at, i.affected_count, i.cause, n.name AS node, n.latitude, n.longitude
            FROM network_incidents i LEFT JOIN network_nodes n ON n.id = i.node_id
           WHERE i.status = 'open' ORDER BY i.started_at DESC LIMIT 200`,
    ),
    executeSql(
      req,
      sql`SELECT (SELECT count(*) FROM customer_outages WHERE ended_at IS NULL)::int AS offline,
                 (SELECT count(*) FROM customer_outages o WHERE o.ended_at IS NULL
                     AND o.id NOT IN (SELECT outage_id FROM ${incidentOutages({ incidents: sql`i.status = 'open'`, outages: sql`o.ended_at IS NULL` })} m))::int AS lonely,
                 (SELECT count(DISTINCT o.ticket_id) FROM customer_outages o JOIN tickets t ON t.id = o.ticket_id
                   WHERE t.status NOT IN ('resolved', 'closed'))::int AS tickets`,
    ),
  ])
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)
  return {
    routers: routers.rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      reachable: r.reachable === null || r.reachable === undefined ? null : Boolean(r.reachable),
      sessions: num(r.session_count),
      polledAt: iso(r.polled_at),
    })),
    nodesDown: nodes.rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      kind: String(r.kind),
      since: iso(r.state_since),
    })),
    incidents: incidents.rows.map((r) => ({
      id: Number(r.id),
      title: String(r.title),
      startedAt: iso(r.started_at)!,
      affected: Number(r.affected_count),
      cause: (r.cause as string | null) ?? null,
      node: (r.node as string | null) ?? null,
      latitude: num(r.latitude),
      longitude: num(r.longitude),
    })),
    offlineNow: Number(counts.rows[0]?.offline ?? 0),
    lonelyOffline: Number(counts.rows[0]?.lonely ?? 0),
    openTickets: Number(counts.rows[0]?.tickets ?? 0),
  }
}
