import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { postgresAdapter, type SqlExecutor } from '../../../db/pool'
import { executeSql } from '../../../db/sql'
import { batched } from '../../../lib/batch'
import type { NetworkEventInput } from '../types'
import { applyCustomerEvents, type Exec } from './applyCustomerEvents'

export type IngestResult = { received: number; stored: number; duplicates: number }

/**
 * The router token a push came with, checked again in the transaction that stores its events:
 * a token the push was let in by from memory (queueIngest) but since changed or removed stores
 * nothing.
 */
export type RouterCredential = { routerId: number; tokenHash: string }
type Push = { events: NetworkEventInput[]; credential?: RouterCredential }

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
  const { stored } = await storeEvents(payload, [{ events }], req)
  return { received: events.length, stored: stored.size, duplicates: events.length - stored.size }
}

const eventKey = (e: NetworkEventInput) => `${e.source}:${e.key}`.slice(0, 300)
const credentialKey = (routerId: unknown, tokenHash: unknown) => `${routerId}:${tokenHash}`

/**
 * Stores and applies the pushes' events (see ingestEvents); answers the keys of those stored now,
 * and the credentials refused (their pushes' events are not stored).
 */
async function storeEvents(payload: Payload, pushes: Push[], req?: PayloadRequest) {
  const rows = pushes.flatMap(({ events, credential }) =>
    events.map((e) => ({
      event_key: eventKey(e),
      source: e.source,
      subject_type: e.subjectType,
      subject: e.subject.slice(0, 200),
      state: e.state,
      occurred_at: e.occurredAt.toISOString(),
      cause: e.cause ? e.cause.slice(0, 300) : null,
      router_id: e.routerId ?? null,
      token_hash: credential?.tokenHash ?? null,
    })),
  )
  // In key order, so two batches storing the same events at once wait on each other in one order
  // rather than deadlock.
  rows.sort((a, b) => (a.event_key < b.event_key ? -1 : a.event_key > b.event_key ? 1 : 0))
  const statement = sql`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r(event_key text, source text, subject_type text, subject text, state text, occurred_at timestamptz, cause text, router_id int, token_hash text)),
    refused AS (
      SELECT DISTINCT r.router_id, r.token_hash FROM r
       WHERE r.token_hash IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM routers ro WHERE ro.id = r.router_id AND ro.monitoring_token = r.token_hash)),
    ins AS (
      INSERT INTO network_events (event_key, source, subject_type, subject, state, occurred_at, cause, router_id, updated_at, created_at, customer_id)
      SELECT r.event_key, r.source::enum_network_events_source, r.subject_type::enum_network_events_subject_type, r.subject,
             r.state::enum_network_events_state, r.occurred_at, r.cause, r.router_id, now(), now(),
             CASE WHEN r.subject_type = 'customer' THEN coalesce(
               (SELECT c.id FROM customers c WHERE c.pppoe_username = r.subject
                   AND (r.router_id IS NULL OR c.router_id IS NULL OR c.router_id = r.router_id) ORDER BY c.id LIMIT 1),
               (SELECT c.id FROM customers c WHERE c.number = r.subject
                   AND (r.router_id IS NULL OR c.router_id IS NULL OR c.router_id = r.router_id) ORDER BY c.id LIMIT 1)) END
        FROM r
       WHERE NOT EXISTS (SELECT 1 FROM refused f WHERE f.router_id = r.router_id AND f.token_hash = r.token_hash)
      ON CONFLICT (event_key) DO NOTHING
      RETURNING id, customer_id, event_key)
    SELECT id, customer_id, event_key, NULL::int AS refused_router, NULL::text AS refused_token FROM ins
    UNION ALL SELECT NULL, NULL, NULL, f.router_id, f.token_hash FROM refused f`
  const store = async (exec: Exec) => {
    const { rows } = await exec(statement)
    const named = rows.filter((r) => r.customer_id !== null && r.customer_id !== undefined)
    if (named.length) {
      // One apply round per event of the customer with the most (RETURNING names them: no query).
      const perCustomer = new Map<unknown, number>()
      let most = 0
      for (const r of named) {
        const n = (perCustomer.get(r.customer_id) ?? 0) + 1
        perCustomer.set(r.customer_id, n)
        most = Math.max(most, n)
      }
      await applyCustomerEvents(
        exec,
        named.map((r) => Number(r.id)),
        most,
      )
    }
    return rows
  }
  const answered = req
    ? await store((query) => executeSql(req, query))
    : await (postgresAdapter(payload).drizzle as unknown as Transactional).transaction((tx) =>
        store((query) => tx.execute(query)),
      )
  const stored = new Set<string>()
  const refused = new Set<string>()
  for (const r of answered)
    if (r.event_key !== null && r.event_key !== undefined) stored.add(String(r.event_key))
    else refused.add(credentialKey(r.refused_router, r.refused_token))
  return { stored, refused }
}

/** The most events one push batch stores in one transaction (an Alertmanager push alone may bring 1,000). */
const MAX_BATCH_EVENTS = 2000

/** What a push is answered: its counts, or that its router token no longer holds (nothing stored). */
export type PushIngestResult = IngestResult | 'refused'

/**
 * Ingests several pushes' events in one transaction (one insert, one apply), answering each push
 * its own counts: an event two pushes of the batch both carry is stored once, for the first. If
 * the batch fails (a deadlock with another process locking the same customers, say), each push is
 * tried again on its own, so one push's failure is never another's.
 */
async function ingestPushes(payload: Payload, pushes: Push[]): Promise<PromiseSettledResult<PushIngestResult>[]> {
  const answer = async (batch: Push[]) => {
    const { stored, refused } = await storeEvents(payload, batch)
    return batch.map(({ events, credential }): PushIngestResult => {
      if (credential && refused.has(credentialKey(credential.routerId, credential.tokenHash))) return 'refused'
      let count = 0
      for (const e of events) if (stored.delete(eventKey(e))) count++
      return { received: events.length, stored: count, duplicates: events.length - count }
    })
  }
  if (pushes.length === 1) return Promise.allSettled([answer(pushes).then((r) => r[0]!)])
  try {
    return (await answer(pushes)).map((value) => ({ status: 'fulfilled', value }))
  } catch {
    return Promise.allSettled(pushes.map((push) => answer([push]).then((r) => r[0]!)))
  }
}

const queues = new WeakMap<Payload, (push: Push) => Promise<PushIngestResult>>()

/**
 * Ingests one push's events (ingestEvents, outside any request's transaction) together with the
 * pushes arriving meanwhile: in a storm, thousands of single-event calls a minute, each would
 * otherwise pay a transaction of its own. A push arriving when none is under way is stored at once.
 * With a router's `credential`, its events are stored only if the token is still that router's.
 */
export function queueIngest(
  payload: Payload,
  events: NetworkEventInput[],
  credential?: RouterCredential,
): Promise<PushIngestResult> {
  if (!events.length) return Promise.resolve({ received: 0, stored: 0, duplicates: 0 })
  let queue = queues.get(payload)
  if (!queue) {
    queue = batched((pushes: Push[]) => ingestPushes(payload, pushes), {
      maxWeight: MAX_BATCH_EVENTS,
      weight: (push) => push.events.length,
    })
    queues.set(payload, queue)
  }
  return queue({ events, credential })
}

type Transactional = { transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<T> }
