import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql, executeSqlOutsideTransaction } from '../../../db/sql'
import type { NetworkEventInput } from '../types'

export type IngestResult = { received: number; stored: number; duplicates: number }

/**
 * Stores events for the correlator, each once: the unique event key makes a replay, a retry or a
 * second delivery a no-op (`ON CONFLICT DO NOTHING`). One statement however many events, so a push
 * endpoint answers at once; the judging happens in the correlator job.
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
    INSERT INTO network_events (event_key, source, subject_type, subject, state, occurred_at, cause, router_id, updated_at, created_at)
    SELECT r.event_key, r.source::enum_network_events_source, r.subject_type::enum_network_events_subject_type, r.subject,
           r.state::enum_network_events_state, r.occurred_at, r.cause, r.router_id, now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS r(event_key text, source text, subject_type text, subject text, state text, occurred_at timestamptz, cause text, router_id int)
    ON CONFLICT (event_key) DO NOTHING
    RETURNING id`
  const { rows: inserted } = req
    ? await executeSql(req, statement)
    : await executeSqlOutsideTransaction(payload, statement)
  return { received: events.length, stored: inserted.length, duplicates: events.length - inserted.length }
}
