import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'
import { TIME_ZONE } from '../../../lib/wib'

export type DailyMessageCounts = {
  /** WIB calendar day, `YYYY-MM-DD`. */
  day: string
  /** Outgoing messages the provider accepted that day (for email: the SMTP server). */
  sent: number
  /** Outgoing messages that reached the phone that day. */
  delivered: number
  read: number
  /** Outgoing messages that failed for good that day (refused before sending included). */
  failed: number
  /** Inbound messages from customers that day. */
  received: number
}

export type FailureReason = {
  /** The provider's error code; null for refusals of our own (missing variables, no number). */
  errorCode: number | null
  /** What the code means, in Indonesian, or the stored reason when there is no code. */
  label: string
  /** The latest stored reason, as the provider worded it. */
  example: string | null
  count: number
}

export type NotificationDashboard = {
  /** Oldest first: `days` WIB days ending today. */
  daily: DailyMessageCounts[]
  totals: Omit<DailyMessageCounts, 'day'>
  /** Failures in the same days, most frequent first. */
  failureReasons: FailureReason[]
  /** The instant the first day starts and the instant after the last day ends. */
  range: { from: string; to: string }
  /** Messages waiting to go out now (any day). */
  queuedNow: number
  /** Inbound messages waiting for customer service now (any day). */
  needsAttentionNow: number
}

/** What Meta's (and our own) error codes mean, for the dashboard. */
export const ERROR_CODE_LABELS: Record<number, string> = {
  131026: 'Nomor tidak dapat menerima WhatsApp (tidak terdaftar/diblokir)',
  131047: 'Di luar jendela 24 jam (perlu template)',
  130429: 'Batas kecepatan kirim tercapai',
  131056: 'Terlalu banyak pesan ke nomor yang sama',
  132000: 'Jumlah variabel tidak cocok dengan template yang disetujui',
  132001: 'Template tidak ada di WhatsApp',
  131000: 'Gangguan di WhatsApp',
  190: 'Token WhatsApp kedaluwarsa/tidak valid',
  100: 'Permintaan ditolak (parameter tidak valid)',
}

/**
 * The notifications dashboard: per WIB day of the last `days` (default 14), how many outgoing
 * messages were sent, delivered, read and failed (each counted on the day it happened, so one
 * message sent late in the evening and read the next morning counts on both days) and how many
 * came in; and the failures of those days grouped by error code.
 */
export async function notificationDashboard({
  req,
  days = 14,
  now = new Date(),
}: {
  req: PayloadRequest
  days?: number
  now?: Date
}): Promise<NotificationDashboard> {
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new RangeError('days must be 1–90')
  const zone = TIME_ZONE
  const today = sql`(${now.toISOString()}::timestamptz AT TIME ZONE ${zone})::date`
  const firstDay = sql`(${today} - ${days - 1}::int)`
  const from = sql`(${firstDay}::timestamp AT TIME ZONE ${zone})`
  const to = sql`((${today} + 1)::timestamp AT TIME ZONE ${zone})`
  const local = (column: string) => sql`(${sql.raw(column)} AT TIME ZONE ${zone})::date`
  const inRange = (column: string) => sql`${sql.raw(column)} >= ${from} AND ${sql.raw(column)} < ${to}`

  const { rows: daily } = await executeSql(
    req,
    sql`WITH events AS (
          SELECT ${local('sent_at')} AS day, 'sent' AS kind FROM messages WHERE direction = 'out' AND ${inRange('sent_at')}
          UNION ALL SELECT ${local('delivered_at')}, 'delivered' FROM messages WHERE direction = 'out' AND ${inRange('delivered_at')}
          UNION ALL SELECT ${local('read_at')}, 'read' FROM messages WHERE direction = 'out' AND ${inRange('read_at')}
          UNION ALL SELECT ${local('failed_at')}, 'failed' FROM messages WHERE direction = 'out' AND status = 'failed' AND ${inRange('failed_at')}
          UNION ALL SELECT ${local('created_at')}, 'received' FROM messages WHERE direction = 'in' AND ${inRange('created_at')}
        )
        SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
               count(e.kind) FILTER (WHERE e.kind = 'sent')::int AS sent,
               count(e.kind) FILTER (WHERE e.kind = 'delivered')::int AS delivered,
               count(e.kind) FILTER (WHERE e.kind = 'read')::int AS read,
               count(e.kind) FILTER (WHERE e.kind = 'failed')::int AS failed,
               count(e.kind) FILTER (WHERE e.kind = 'received')::int AS received
          FROM generate_series(${firstDay}::timestamp, ${today}::timestamp, interval '1 day') AS d(day)
          LEFT JOIN events e ON e.day = d.day::date
         GROUP BY d.day ORDER BY d.day`,
  )
  const { rows: reasons } = await executeSql(
    req,
    sql`SELECT error_code, CASE WHEN error_code IS NULL THEN coalesce(error_reason, '') END AS reason_key, count(*)::int AS n,
               (array_agg(error_reason ORDER BY failed_at DESC))[1] AS example
          FROM messages
         WHERE direction = 'out' AND status = 'failed' AND ${inRange('failed_at')}
         GROUP BY 1, 2 ORDER BY n DESC, error_code NULLS LAST LIMIT 50`,
  )
  const { rows: now_ } = await executeSql(
    req,
    sql`SELECT count(*) FILTER (WHERE direction = 'out' AND status = 'queued')::int AS queued,
               count(*) FILTER (WHERE direction = 'in' AND needs_attention)::int AS attention
          FROM messages WHERE (direction = 'out' AND status = 'queued') OR (direction = 'in' AND needs_attention)`,
  )
  const { rows: bounds } = await executeSql(req, sql`SELECT ${from} AS "from", ${to} AS "to"`)

  const dailyCounts: DailyMessageCounts[] = daily.map((r) => ({
    day: String(r.day),
    sent: Number(r.sent),
    delivered: Number(r.delivered),
    read: Number(r.read),
    failed: Number(r.failed),
    received: Number(r.received),
  }))
  const totals = dailyCounts.reduce(
    (sum, d) => ({
      sent: sum.sent + d.sent,
      delivered: sum.delivered + d.delivered,
      read: sum.read + d.read,
      failed: sum.failed + d.failed,
      received: sum.received + d.received,
    }),
    { sent: 0, delivered: 0, read: 0, failed: 0, received: 0 },
  )
  return {
    daily: dailyCounts,
    totals,
    failureReasons: reasons.map((r) => {
      const errorCode = r.error_code === null || r.error_code === undefined ? null : Number(r.error_code)
      const example = (r.example as string | null) ?? null
      return {
        errorCode,
        label:
          errorCode !== null ? (ERROR_CODE_LABELS[errorCode] ?? `Kode ${errorCode}`) : example || 'Tanpa keterangan',
        example,
        count: Number(r.n),
      }
    }),
    range: {
      from: new Date(bounds[0]!.from as string).toISOString(),
      to: new Date(bounds[0]!.to as string).toISOString(),
    },
    queuedNow: Number(now_[0]?.queued ?? 0),
    needsAttentionNow: Number(now_[0]?.attention ?? 0),
  }
}
