import { sql } from '@payloadcms/db-postgres'

type QueryResult = { rows: Record<string, unknown>[] }
/** Runs a drizzle `sql` query (in a transaction: the customer rows stay locked until it ends). */
export type Exec = (query: unknown) => Promise<QueryResult>

/** An isolir or restore the billing plugin carried out this close to a disconnect caused it (seconds). */
const OWN_KICK_SECONDS = 10 * 60
/** Disconnect causes that are our own doing (RouterOS `administrator-request`, RADIUS Admin-Reset). */
const OWN_CAUSES = '^(administrator-request|admin-reset|admin reset)$'

export type CustomerApplyResult = { outagesOpened: number; outagesClosed: number }

/**
 * Applies stored customer events (their `customer_id` already named) to each customer's connection
 * state and outage periods, set-based: a fixed number of statements however many customers, run at
 * ingest so the correlator only groups. Out-of-order safe: an event not newer than the customer's
 * state is ignored, so a late "down" never undoes a newer "up"; repeats change nothing. Several
 * events of one customer in one batch are applied in time order, one round per rank.
 *
 * Per round, two statements: the first locks the customers concerned and moves their state on,
 * returning who changed from what; the second (a fresh snapshot, so it sees an outage another
 * request opened before it got the lock) opens or closes outages. Our own isolir kicks and
 * disconnects inside a maintenance window (on the customer's node or any node above it) move the
 * state but open no outage. Marks the events processed. Call inside a transaction.
 */
export async function applyCustomerEvents(
  exec: Exec,
  eventIds: number[],
  /** The most events one customer has among `eventIds`, when the caller knows it (saves a query). */
  mostPerCustomer?: number,
): Promise<CustomerApplyResult> {
  const result: CustomerApplyResult = { outagesOpened: 0, outagesClosed: 0 }
  if (!eventIds.length) return result
  const ids = `{${eventIds.join(',')}}`
  let rounds = mostPerCustomer ?? 1
  if (eventIds.length > 1 && mostPerCustomer === undefined) {
    const { rows } = await exec(
      sql`SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM network_events
           WHERE id = ANY(${ids}::int[]) AND customer_id IS NOT NULL GROUP BY customer_id) x`,
    )
    rounds = Math.max(1, Number(rows[0]?.n ?? 1))
  }
  for (let rank = 1; rank <= rounds; rank++) {
    const { rows: moved } = await exec(
      sql`WITH ev AS (
            SELECT x.id, x.customer_id, x.state, x.occurred_at AS at, x.cause, x.source FROM (
              SELECT e.*, row_number() OVER (PARTITION BY e.customer_id ORDER BY e.occurred_at, e.id) AS rk
                FROM network_events e WHERE e.id = ANY(${ids}::int[]) AND e.customer_id IS NOT NULL) x
             WHERE x.rk = ${rank} AND x.state <> 'reboot'),
          cur AS (
            SELECT c.id, c.network_status_online AS online, ev.state::text AS state, ev.at, ev.cause, ev.source::text AS source
              FROM customers c JOIN ev ON ev.customer_id = c.id
             WHERE (c.network_status_since IS NULL OR c.network_status_since < ev.at)
               AND NOT (ev.state = 'down' AND c.network_status_online IS FALSE)
               FOR UPDATE OF c),
          upd AS (
            UPDATE customers c SET
                   network_status_online = (cur.state = 'up'),
                   network_status_since = CASE WHEN cur.online IS NOT DISTINCT FROM (cur.state = 'up')
                                               THEN c.network_status_since ELSE cur.at END,
                   network_status_last_seen_at = cur.at,
                   network_status_last_cause = CASE WHEN cur.state = 'down' THEN left(cur.cause, 120)
                                                    ELSE c.network_status_last_cause END
              FROM cur WHERE c.id = cur.id RETURNING c.id)
          -- upd runs whole whether read or not (a data-modifying CTE); joining it would only cost.
          SELECT cur.id, cur.online, cur.state, cur.at, cur.cause, cur.source FROM cur`,
    )
    const last = rank === rounds
    if (!moved.length && !last) continue
    const { rows } = await exec(
      sql`WITH t AS (
            SELECT t.*, c.odp, c.router_id
              FROM jsonb_to_recordset(${JSON.stringify(moved)}::jsonb)
                   AS t(id int, online boolean, state text, at timestamptz, cause text, source text)
              JOIN customers c ON c.id = t.id),
          opened AS (
            INSERT INTO customer_outages (customer_id, started_at, source, cause, last_seen_at, updated_at, created_at)
            SELECT t.id, t.at, t.source, left(t.cause, 120), t.at, now(), now() FROM t
             WHERE t.state = 'down'
               AND NOT coalesce(t.cause ~* ${OWN_CAUSES}, false)
               AND NOT EXISTS (SELECT 1 FROM network_actions a
                                WHERE a.customer_id = t.id AND a.created_at > t.at - interval '2 days'
                                  AND (abs(extract(epoch FROM a.created_at - t.at)) <= ${OWN_KICK_SECONDS}
                                       OR abs(extract(epoch FROM a.completed_at - t.at)) <= ${OWN_KICK_SECONDS}))
               AND NOT EXISTS (SELECT 1 FROM monitoring_settings_maintenance_windows w
                                WHERE t.at >= w."from" AND t.at < w."to"
                                  AND (w.node_id IS NULL OR coalesce(
                                        (SELECT n.id FROM network_nodes n WHERE n.kind = 'odp' AND lower(n.name) = lower(t.odp) ORDER BY n.id LIMIT 1),
                                        (SELECT n.id FROM network_nodes n WHERE n.kind = 'router' AND n.router_id = t.router_id ORDER BY n.id LIMIT 1))
                                      IN (WITH RECURSIVE d AS (SELECT w.node_id AS id
                                                               UNION SELECT n.id FROM network_nodes n JOIN d ON n.parent_id = d.id)
                                          SELECT id FROM d)))
            ON CONFLICT DO NOTHING RETURNING id),
          closed AS (
            UPDATE customer_outages o SET ended_at = t.at, updated_at = now()
              FROM t WHERE t.state = 'up' AND t.online IS DISTINCT FROM true
               AND o.customer_id = t.id AND o.ended_at IS NULL AND o.started_at <= t.at
            RETURNING o.id),
          done AS (
            UPDATE network_events SET processed_at = now(), updated_at = now()
             WHERE ${last} AND id = ANY(${ids}::int[]) AND customer_id IS NOT NULL RETURNING id)
          SELECT (SELECT count(*) FROM opened)::int AS opened, (SELECT count(*) FROM closed)::int AS closed,
                 (SELECT count(*) FROM done)::int AS done`,
    )
    result.outagesOpened += Number(rows[0]?.opened ?? 0)
    result.outagesClosed += Number(rows[0]?.closed ?? 0)
  }
  return result
}
