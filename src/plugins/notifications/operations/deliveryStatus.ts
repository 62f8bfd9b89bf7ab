import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'
import { queueEmailFallback } from './emailFallback'

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed'
const DELIVERY_STATUSES: DeliveryStatus[] = ['sent', 'delivered', 'read', 'failed']
export const isDeliveryStatus = (value: unknown): value is DeliveryStatus => DELIVERY_STATUSES.includes(value as DeliveryStatus)

const TIMESTAMP_COLUMN = { sent: 'sent_at', delivered: 'delivered_at', read: 'read_at', failed: 'failed_at' } as const

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
  const rank = sql.raw(`CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 ELSE 9 END`)
  const newRank = { sent: 1, delivered: 2, read: 3, failed: 2 }[status]
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
      await queueEmailFallback(req, { id: row.id as number, trigger: row.trigger as string, customer: row.customer_id, staffRecipient: row.staff_recipient_id, dedupeKey: row.dedupe_key as string, body: row.body as string, variables: row.variables })
    return 'updated'
  }
  // Not moved: a repeat or a late one; keep its timestamp where it is still empty.
  const { rows: known } = await executeSql(
    req,
    sql`UPDATE messages SET ${column} = coalesce(${column}, ${at.toISOString()}) WHERE provider_message_id = ${providerMessageId} AND direction = 'out' AND status <> 'failed' AND ${status} <> 'failed' RETURNING id`,
  )
  if (known.length) return 'stale'
  const { rows: exists } = await executeSql(req, sql`SELECT 1 FROM messages WHERE provider_message_id = ${providerMessageId}`)
  return exists.length ? 'stale' : 'unknown'
}
