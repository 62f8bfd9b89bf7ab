import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { pgPool } from '../../../db/pool'
import { executeSql } from '../../../db/sql'
import { queueEmailFallback } from './emailFallback'

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed'
const DELIVERY_STATUSES: DeliveryStatus[] = ['sent', 'delivered', 'read', 'failed']
export const isDeliveryStatus = (value: unknown): value is DeliveryStatus =>
  DELIVERY_STATUSES.includes(value as DeliveryStatus)

const TIMESTAMP_COLUMN = { sent: 'sent_at', delivered: 'delivered_at', read: 'read_at', failed: 'failed_at' } as const
const rankOf = (column: string) =>
  `CASE ${column} WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 ELSE 9 END`
const NEW_RANK = { sent: 1, delivered: 2, read: 3, failed: 2 } as const

/**
 * Moves an outgoing message's status forward: queued → sent → delivered → read; failed only from
 * queued or sent (a message the phone already received cannot fail any more), and nothing leaves
 * failed or read. Meta sends statuses out of order and more than once; a late or repeated one only
 * fills in its timestamp. A failure with 131026 (not on WhatsApp) queues the email fallback.
 * Returns whether the status changed, or `unknown` when no message has that id (yet).
 */
export async function applyDeliveryStatus({
  req,
  providerMessageId,
  status,
  at,
  errorCode,
  errorReason,
}: {
  req: PayloadRequest
  providerMessageId: string
  status: DeliveryStatus
  at: Date
  errorCode?: number
  errorReason?: string
}): Promise<'updated' | 'stale' | 'unknown'> {
  const column = sql.raw(TIMESTAMP_COLUMN[status])
  const rank = sql.raw(rankOf('status'))
  const newRank = NEW_RANK[status]
  const { rows } = await executeSql(
    req,
    sql`UPDATE messages
           SET status = ${status},
               ${column} = coalesce(${column}, ${at.toISOString()}),
               error_code = CASE WHEN ${status} = 'failed' THEN ${errorCode ?? null}::numeric ELSE error_code END,
               error_reason = CASE WHEN ${status} = 'failed' THEN ${errorReason ?? null} ELSE error_reason END,
               updated_at = now()
         WHERE provider_message_id = ${providerMessageId} AND direction = 'out' AND ${rank} < ${newRank}
         RETURNING id, trigger, customer_id, staff_recipient_id, dedupe_key, body, variables`,
  )
  if (rows.length) {
    const row = rows[0]!
    if (status === 'failed' && errorCode === 131026)
      await queueEmailFallback(req, {
        id: row.id as number,
        trigger: row.trigger as string,
        customer: row.customer_id,
        staffRecipient: row.staff_recipient_id,
        dedupeKey: row.dedupe_key as string,
        body: row.body as string,
        variables: row.variables,
      })
    return 'updated'
  }
  // Not moved: a repeat or a late one; keep its timestamp where it is still empty.
  const { rows: known } = await executeSql(
    req,
    sql`UPDATE messages SET ${column} = coalesce(${column}, ${at.toISOString()}) WHERE provider_message_id = ${providerMessageId} AND direction = 'out' AND status <> 'failed' AND ${status} <> 'failed' RETURNING id`,
  )
  if (known.length) return 'stale'
  const { rows: exists } = await executeSql(
    req,
    sql`SELECT 1 FROM messages WHERE provider_message_id = ${providerMessageId}`,
  )
  return exists.length ? 'stale' : 'unknown'
}

/**
 * The statement behind `recordStatusEvent`, one per status (the timestamp column differs). In order:
 * skip everything if the event key is already stored (a replay); lock the outgoing message unless it
 * failed; move it forward when the status ranks higher, else only fill the status's timestamp where
 * empty (exactly what `applyDeliveryStatus` does for these statuses); store the event with its
 * outcome. A replay racing the first delivery waits on the message lock, changes nothing (the update
 * is idempotent) and then finds the key taken (`ON CONFLICT DO NOTHING`).
 */
const recordStatusStatement = (status: 'sent' | 'delivered' | 'read') => {
  const column = TIMESTAMP_COLUMN[status]
  const moves = `${rankOf('t.status')} < ${NEW_RANK[status]}`
  return {
    name: `whatsapp-status-${status}`,
    text: `WITH already AS (SELECT 1 FROM whatsapp_events WHERE event_key = $1),
  target AS (
    SELECT id, status FROM messages
     WHERE provider_message_id = $2 AND direction = 'out' AND status <> 'failed' AND NOT EXISTS (SELECT 1 FROM already)
     FOR UPDATE),
  changed AS (
    UPDATE messages m
       SET status = CASE WHEN ${moves} THEN '${status}' ELSE m.status END,
           ${column} = coalesce(m.${column}, $3::timestamptz),
           updated_at = CASE WHEN ${moves} THEN now() ELSE m.updated_at END
      FROM target t
     WHERE m.id = t.id
     RETURNING ${moves} AS moved),
  event AS (
    INSERT INTO whatsapp_events (event_key, kind, provider_message_id, type, "from", error_code, payload, outcome, created_at, updated_at)
    SELECT $1, 'status', $2, '${status}', $4, $5::numeric, $6::jsonb,
           CASE WHEN EXISTS (SELECT 1 FROM changed WHERE moved) THEN 'updated'
                WHEN EXISTS (SELECT 1 FROM changed) OR EXISTS (SELECT 1 FROM messages WHERE provider_message_id = $2) THEN 'stale'
                ELSE 'unknown' END,
           now(), now()
     WHERE NOT EXISTS (SELECT 1 FROM already)
    ON CONFLICT (event_key) DO NOTHING
    RETURNING id)
SELECT count(*)::int AS stored FROM event`,
  }
}
const RECORD_STATUS = {
  sent: recordStatusStatement('sent'),
  delivered: recordStatusStatement('delivered'),
  read: recordStatusStatement('read'),
}

/**
 * Records a sent, delivered or read status from the webhook and applies it, in one statement on the
 * pool (no Local API, no transaction around it: a single statement is atomic). The event row keeps
 * the same columns as every other status event, so a status that arrives before its message has a
 * wamid is applied by the send's catch-up (`catchUpStatuses`) as before. `failed` is not handled here:
 * it may queue the email fallback, which goes through the Local API (`applyDeliveryStatus`).
 * Returns whether the event was new.
 */
export async function recordStatusEvent(
  payload: Payload,
  event: {
    key: string
    providerMessageId: string
    status: 'sent' | 'delivered' | 'read'
    at: Date
    from?: string
    errorCode?: number
    raw: unknown
  },
): Promise<boolean> {
  const pool = pgPool(payload)
  const { rows } = await pool.query<{ stored: number }>({
    ...RECORD_STATUS[event.status],
    values: [
      event.key,
      event.providerMessageId,
      event.at.toISOString(),
      event.from ?? null,
      event.errorCode ?? null,
      JSON.stringify(event.raw),
    ],
  })
  return rows[0]!.stored > 0
}
