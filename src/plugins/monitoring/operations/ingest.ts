import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { postgresAdapter, type SqlExecutor } from '../../../db/pool'
import { executeSql } from '../../../db/sql'
import type { NetworkEventInput } from '../types'
import { applyCustomerEvents, type Exec } from './applyCustomerEvents'

export type IngestResult = { received: number; stored: number; duplicates: number }

/**
 * Stores events, each once: the unique event key makes a replay, a retry or a second delivery a
 * no-op (`ON CONFLICT DO NOTHING`), and applies the new customer events to the customers' state and
 * outages at once (set-based, applyCustomerEvents), in one transaction. A fixed number of
 * statements however many events; the grouping into incidents happens in the correlator job.
 * Events whose subject is not known yet, and device events, wait for the correlator.
 */
export async function ingestEvents(
  payload: Payload,
  events: NetworkEventInput[],
  /** Store inside this request's transaction (a poll) rather than on its own (a push). */
  req?: PayloadRequest,
): Promise<IngestResult> {
  if (!events.length) return { received: 0, stored: 0, duplicates: 0 }
  const rows = events.map((e) => ({
    event_key: `${e.source}:${e.key}`.slice(0, 300),
    source: e.source,
    subject_type: e.subjectType,
    subject: e.subject.slice(0, 200),
    state: e.state,
    occurred_at: e.occurredAt.toISOString(),
    cause: e.cause ? e.cause.slice(0, 300) : null,
    router_id: e.routerId ?? null,
  }))
  const statement = sql`
    INSERT INTO network_events (event_key, source, subject_type, subject, state, occurred_at, cause, router_id, updated_at, created_at, customer_id)
    SELECT r.event_key, r.source::enum_network_events_source, r.subject_type::enum_network_events_subject_type, r.subject,
           r.state::enum_network_events_state, r.occurred_at, r.cause, r.router_id, now(), now(),
           CASE WHEN r.subject_type = 'customer' THEN coalesce(
             (SELECT c.id FROM customers c WHERE c.pppoe_username = r.subject
                 AND (r.router_id IS NULL OR c.router_id IS NULL OR c.router_id = r.router_id) ORDER BY c.id LIMIT 1),
             (SELECT c.id FROM customers c WHERE c.number = r.subject
                 AND (r.router_id IS NULL OR c.router_id IS NULL OR c.router_id = r.router_id) ORDER BY c.id LIMIT 1)) END
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS r(event_key text, source text, subject_type text, subject text, state text, occurred_at timestamptz, cause text, router_id int)
    ON CONFLICT (event_key) DO NOTHING
    RETURNING id, customer_id`
  const store = async (exec: Exec) => {
    const { rows } = await exec(statement)
    const named = rows.filter((r) => r.customer_id !== null).map((r) => Number(r.id))
    if (named.length) await applyCustomerEvents(exec, named)
    return rows
  }
  const inserted = req
    ? await store((query) => executeSql(req, query))
    : await (postgresAdapter(payload).drizzle as unknown as Transactional).transaction((tx) =>
        store((query) => tx.execute(query)),
      )
  return { received: events.length, stored: inserted.length, duplicates: events.length - inserted.length }
}

type Transactional = { transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<T> }
