import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'
import { logger } from '../../../lib/logger'
import { TIME_ZONE } from '../../../lib/wib'
import { preferenceChannelOf, preferenceColumn, preferenceKindOf } from '../preferences'
import type { Channel } from '../types'
import { findTemplate, templateNeeds } from './queueNotification'
import { loadNotificationSettings } from './settings'

/** A drizzle SQL fragment. */
type SQL = ReturnType<typeof sql>

const VARIABLE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g

/** Hour (WIB) at which recipients spilled past the daily tier start going out on a later day. */
export const SPILL_SEND_HOUR = 9

export type BulkNotificationInput = {
  /** Pass the request of the transaction the messages should commit with. */
  req: PayloadRequest
  trigger: string
  /**
   * A SELECT producing one row per message: `customer_id` (integer), `dedupe_key` (text, unique per
   * logical message) and `variables` (jsonb object of the template variables, values as text).
   */
  source: SQL
  /** When the run starts sending (default now); later recipients are spread from here. */
  startAt?: Date
}

export type BulkNotificationResult =
  | { status: 'queued'; inserted: number; queued: number; failed: number }
  | { status: 'disabled' }
  /** No template for the trigger: nothing written. */
  | { status: 'refused'; reason: string }

/** `a || b || …` of the template text with `{{name}}` replaced by the row's variable, as SQL. */
function bodyExpression(body: string): SQL {
  const parts: SQL[] = []
  let last = 0
  for (const match of body.matchAll(VARIABLE)) {
    if (match.index! > last) parts.push(sql`${body.slice(last, match.index)}::text`)
    parts.push(sql`btrim(variables->>${match[1]!})`)
    last = match.index! + match[0].length
  }
  if (last < body.length || parts.length === 0) parts.push(sql`${body.slice(last)}::text`)
  return sql.join(parts, sql` || `)
}

/** The names of the needed variables that are missing or blank, comma separated ('' when none). */
function missingExpression(needs: string[]): SQL {
  if (!needs.length) return sql`''::text`
  return sql`concat_ws(', ', ${sql.join(
    needs.map((name) => sql`CASE WHEN coalesce(btrim(variables->>${name}), '') = '' THEN ${name}::text END`),
    sql`, `,
  )})`
}

/**
 * Queues many messages of one trigger in a few statements, in the caller's transaction: the message
 * rows (once per dedupe key: a key already in `messages` is skipped, `ON CONFLICT DO NOTHING` settles
 * races) and one send job each. What `queueNotification` does for one message, for a whole run: the
 * body is rendered from the template inside PostgreSQL, a row whose variables are missing is logged
 * as failed and gets no job.
 *
 * WhatsApp runs are paced: recipients are spread at the settings' messages per second, and those
 * beyond the number's daily recipient tier (counting the ones already scheduled today) are put on the
 * following days from 09:00 WIB, rather than failing at the provider.
 */
export async function queueNotificationsBulk({
  req,
  trigger,
  source,
  startAt = new Date(),
}: BulkNotificationInput): Promise<BulkNotificationResult> {
  if (req.context.skipNotifications) return { status: 'disabled' }
  const settings = await loadNotificationSettings(req)
  const switches = settings.trigger(trigger)
  if (!switches.enabled) return { status: 'disabled' }
  const template = await findTemplate(req, switches.templateId ? { id: switches.templateId } : { key: trigger })
  if (!template) {
    logger.warn({ trigger }, 'bulk notification: no template for the trigger, nothing queued')
    return { status: 'refused', reason: `Tidak ada template "${trigger}"` }
  }
  const channel: Channel = switches.channel ?? settings.defaultChannel
  const recipient = channel === 'email' ? sql`nullif(btrim(c.email), '')` : sql`nullif(btrim(c.phone), '')`

  let schedule: SQL = sql`NULL::timestamptz`
  if (channel !== 'email') {
    const { dailyRecipients: cap, messagesPerSecond: rate } = settings.pacing
    const dayStart = sql`(date_trunc('day', ${startAt.toISOString()}::timestamptz AT TIME ZONE ${TIME_ZONE}) AT TIME ZONE ${TIME_ZONE})`
    // Unique recipients already scheduled (or sent unscheduled) on the run's WIB day use up the tier.
    const { rows } = await executeSql(
      req,
      sql`SELECT count(DISTINCT "to")::int AS used FROM messages
           WHERE direction = 'out' AND channel = ${channel}
             AND ((scheduled_for >= ${dayStart} AND scheduled_for < ${dayStart} + interval '1 day')
               OR (scheduled_for IS NULL AND created_at >= ${dayStart} AND created_at < ${dayStart} + interval '1 day'))`,
    )
    const used = Number(rows[0]?.used ?? 0)
    const slot = sql`(${used}::bigint + rank)`
    schedule = sql`CASE WHEN ${slot} < ${cap}
      THEN ${startAt.toISOString()}::timestamptz + ((${slot} / ${rate}::int)::float8 * interval '1 second')
      ELSE ${dayStart} + ((${slot} / ${cap}::int)::float8 * interval '1 day') + interval '${sql.raw(String(SPILL_SEND_HOUR))} hours' + (((${slot} % ${cap}::int) / ${rate}::int)::float8 * interval '1 second') END`
  }

  // The customers who chose not to get this kind of message on this channel are left out.
  const kind = preferenceKindOf(trigger)
  const wanted = kind
    ? sql`coalesce(c.${sql.identifier(preferenceColumn(kind.kind, preferenceChannelOf(channel)))}, ${kind.defaultOn})`
    : sql`true`
  const missing = missingExpression(templateNeeds(template))
  const failure = sql`CASE WHEN missing <> '' THEN 'Variabel template belum diisi: ' || missing
    WHEN recipient IS NULL THEN ${channel === 'email' ? 'Penerima tidak punya alamat email' : 'Penerima tidak punya nomor WhatsApp'} END`
  const { rows } = await executeSql(
    req,
    sql`WITH src AS (${source}),
      cand AS (
        SELECT s.customer_id, s.dedupe_key, s.variables, ${recipient} AS recipient,
               dense_rank() OVER (ORDER BY ${recipient}) - 1 AS rank
          FROM src s JOIN customers c ON c.id = s.customer_id
         WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.dedupe_key = s.dedupe_key) AND ${wanted}
      ),
      rendered AS (
        SELECT customer_id, dedupe_key, variables, recipient, ${missing} AS missing, ${bodyExpression(template.body)} AS body, ${schedule} AS scheduled_for FROM cand
      ),
      checked AS (SELECT r.*, ${failure} AS failure FROM rendered r),
      ins AS (
        INSERT INTO messages (customer_id, direction, channel, status, "to", trigger, template_id, kind, variables, body, dedupe_key,
                              error_reason, attempts, needs_attention, failed_at, scheduled_for, created_at, updated_at)
        SELECT customer_id, 'out'::enum_messages_direction, ${channel}::enum_messages_channel, (CASE WHEN failure IS NULL THEN 'queued' ELSE 'failed' END)::enum_messages_status, recipient,
               ${trigger}::text, ${template.id}::int, 'template'::enum_messages_kind, variables, CASE WHEN missing = '' THEN body END, dedupe_key,
               failure, 0, false, CASE WHEN failure IS NOT NULL THEN now() END, scheduled_for, now(), now()
          FROM checked
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id, status, scheduled_for
      ),
      jobs AS (
        INSERT INTO payload_jobs (input, task_slug, queue, wait_until, total_tried, has_error, processing, created_at, updated_at)
        SELECT jsonb_build_object('messageId', id), 'sendNotification'::enum_payload_jobs_task_slug, 'default', scheduled_for, 0, false, false, now(), now()
          FROM ins WHERE status = 'queued'
        RETURNING id
      )
      SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM jobs)::int AS queued`,
  )
  const inserted = Number(rows[0]?.inserted ?? 0)
  const queued = Number(rows[0]?.queued ?? 0)
  if (inserted > queued)
    logger.warn(
      { trigger, failed: inserted - queued },
      'bulk notification: some messages could not be sent (logged as failed)',
    )
  return { status: 'queued', inserted, queued, failed: inserted - queued }
}
