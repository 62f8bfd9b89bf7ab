import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSqlOutsideTransaction } from '../../../db/sql'
import type { NodeKind } from '../types'

export type TopologyNode = { id: number; name: string; kind: NodeKind; parentId: number | null; area: string | null }

export type Topology = {
  nodes: Map<number, TopologyNode>
  /** Active customers per node, counting everything beneath it. */
  activeUnder: Map<number, number>
  /** The node itself first, then its upstream nodes up to the root (a loop in the data is cut). */
  chain(nodeId: number | null | undefined): TopologyNode[]
  /** A customer's node from their `odp` field and router, as `placeCustomer` places them. */
  nodeOf(odp: string | null, routerId: number | null): number | null
}

/** The ODP node each ODP name stands for (`key`: the lower-cased name; the oldest node of a name). */
export const odpNodes = sql`SELECT DISTINCT ON (lower(name)) lower(name) AS key, id FROM network_nodes WHERE kind = 'odp' ORDER BY lower(name), id`

/** The node of each router record (the oldest one, when several name the same router). */
export const routerNodes = sql`SELECT DISTINCT ON (router_id) router_id, id FROM network_nodes WHERE kind = 'router' AND router_id IS NOT NULL ORDER BY router_id, id`

/**
 * Joins that place a customers alias `c` on their node, `coalesce(odp.id, rn.id)`: the ODP named in
 * the customer's `odp` field (case-insensitive), else the node of their router, else none.
 */
export const placeCustomer = sql`LEFT JOIN (${odpNodes}) odp ON odp.key = lower(c.odp) LEFT JOIN (${routerNodes}) rn ON rn.router_id = c.router_id`

/**
 * Active customers per (lower-cased ODP name, router): a few hundred rows, however many customers
 * there are. Triggers on `customers` (migration `active_customer_counts`) append each change of an
 * active customer's count key or status to `active_customer_count_changes` and never update a shared
 * row, so concurrent customer writes neither wait on each other nor deadlock over a count. Read as
 * the folded counts plus the changes since, in one snapshot.
 */
const activeCustomerCounts = sql`SELECT odp_key AS odp, router_id, sum(n)::int AS n
  FROM (SELECT odp_key, router_id, n FROM active_customer_counts
        UNION ALL SELECT odp_key, router_id, n FROM active_customer_count_changes) x
 GROUP BY 1, 2 HAVING sum(n) <> 0`

/**
 * Folds the appended count changes into `active_customer_counts` (one statement): one folder at a
 * time (a transaction-level advisory lock; a fold that does not get it does nothing). Readers sum
 * both tables, so a fold changes no count; it keeps the changes few. Changes committed meanwhile
 * stay for the next fold. Run after each correlator pass, outside it (the pass never waits on it).
 */
export async function foldActiveCustomerCounts(payload: Payload): Promise<void> {
  await executeSqlOutsideTransaction(
    payload,
    sql`WITH fold AS (SELECT pg_try_advisory_xact_lock(hashtext('monitoring:active-customer-counts')) AS ok),
             folded AS (DELETE FROM active_customer_count_changes WHERE (SELECT ok FROM fold) RETURNING odp_key, router_id, n)
        INSERT INTO active_customer_counts AS a (odp_key, router_id, n)
        SELECT odp_key, router_id, sum(n)::int FROM folded GROUP BY 1, 2
        ON CONFLICT (odp_key, router_id) DO UPDATE SET n = a.n + excluded.n`,
  )
}

const jsonRows = (value: unknown): Record<string, unknown>[] =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>[]

/**
 * The whole topology and the active customers under each node (a few thousand nodes at most), read
 * in one statement on a pool connection of its own (outside any transaction): it only reads.
 */
export async function loadTopology(payload: Payload): Promise<Topology> {
  // Active customers per (ODP name, router), kept by triggers (`activeCustomerCounts`, no scan of
  // the customers), placed on nodes here the way `placeCustomer` places each customer.
  const { rows: read } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT (SELECT coalesce(json_agg(n), '[]') FROM (SELECT id, name, kind, parent_id, area FROM network_nodes) n) AS nodes,
               (SELECT coalesce(json_agg(r), '[]') FROM (${routerNodes}) r) AS routers,
               (SELECT coalesce(json_agg(c), '[]') FROM (${activeCustomerCounts}) c) AS counts`,
  )
  const rows = jsonRows(read[0]!.nodes)
  const routerRows = jsonRows(read[0]!.routers)
  const counts = jsonRows(read[0]!.counts)
  const nodes = new Map<number, TopologyNode>(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        name: String(r.name),
        kind: r.kind as NodeKind,
        parentId: r.parent_id === null ? null : Number(r.parent_id),
        area: (r.area as string | null) ?? null,
      },
    ]),
  )
  const chain = (nodeId: number | null | undefined): TopologyNode[] => {
    const out: TopologyNode[] = []
    const seen = new Set<number>()
    let id = nodeId ?? null
    while (id !== null && !seen.has(id)) {
      const node = nodes.get(id)
      if (!node) break
      seen.add(id)
      out.push(node)
      id = node.parentId
    }
    return out
  }
  const odpByKey = new Map<string, number>()
  const routerNode = new Map<number, number>()
  for (const node of [...nodes.values()].sort((a, b) => a.id - b.id)) {
    if (node.kind === 'odp' && !odpByKey.has(node.name.toLowerCase())) odpByKey.set(node.name.toLowerCase(), node.id)
  }
  for (const r of routerRows) routerNode.set(Number(r.router_id), Number(r.id))
  const nodeOf = (odp: string | null, routerId: number | null): number | null =>
    (odp === null ? undefined : odpByKey.get(odp)) ?? (routerId === null ? undefined : routerNode.get(routerId)) ?? null
  const activeUnder = new Map<number, number>()
  for (const r of counts) {
    const nodeId = nodeOf(
      r.odp === null ? null : String(r.odp).toLowerCase(),
      r.router_id === null ? null : Number(r.router_id),
    )
    for (const node of chain(nodeId)) activeUnder.set(node.id, (activeUnder.get(node.id) ?? 0) + Number(r.n))
  }
  return { nodes, activeUnder, chain, nodeOf: (odp, routerId) => nodeOf(odp?.toLowerCase() ?? null, routerId) }
}
