import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'
import { customerInIncidentCondition } from '../../monitoring/operations/billingPause'
import { inTransaction } from '../../../db/transaction'
import { formatRupiah } from '../../../lib/money'
import { relationId } from '../../../lib/relationId'
import { formatDateWib } from '../../../lib/wib'
import type { Payment } from '../../../payload-types'
import { notify, queueNotificationsBulk, type BulkNotificationResult } from '../../notifications'
import { REMINDER_KINDS, type ReminderKind } from '../notifications/triggers'
import { addDays, periodOf, wibDay, wibDayStart, type WibDay } from './calendar'
import { sqlInvoiceLink } from './invoices/invoiceLinks'

/** A drizzle SQL fragment. */
type SQL = ReturnType<typeof sql>

const MONTHS = sql.raw(
  `(ARRAY['Januari','Februari','Maret','April','Mei','Juni','Juli','Agustus','September','Oktober','November','Desember'])`,
)

// The same texts as formatRupiah, formatDateWib and periodLabel, computed inside PostgreSQL for bulk runs.
const sqlRupiah = (amount: SQL) =>
  sql`'Rp' || replace(to_char(coalesce(${amount}, 0), 'FM999,999,999,999,990'), ',', '.')`
const sqlDateWib = (at: SQL) =>
  sql`(extract(day from ${at} AT TIME ZONE 'Asia/Jakarta')::int || ' ' || ${MONTHS}[extract(month from ${at} AT TIME ZONE 'Asia/Jakarta')::int] || ' ' || extract(year from ${at} AT TIME ZONE 'Asia/Jakarta')::int)`
const sqlPeriodLabel = (period: SQL) =>
  sql`coalesce(${MONTHS}[substr(${period}, 6, 2)::int] || ' ' || substr(${period}, 1, 4), 'Tagihan sekali bayar')`
/** Timestamps in dedupe keys as JavaScript's toISOString() writes them (what Payload returns). */
const sqlIso = (at: SQL) => sql`to_char(${at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** A verified payment: what it paid and what became credit. Queued with the verification. */
export async function notifyPaymentReceived({
  req,
  payment,
  invoiceNumbers,
  credit,
}: {
  req: PayloadRequest
  payment: Payment
  invoiceNumbers: string[]
  credit: number
}) {
  const customerId = relationId(payment.customer)!
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: true,
    req,
    select: { name: true },
  })
  return notify({
    req,
    trigger: 'payment_received',
    customerId,
    dedupeKey: `payment_received:${payment.id}`,
    variables: {
      nama: customer.name,
      nomor_pembayaran: payment.number ?? String(payment.id),
      jumlah: formatRupiah(payment.amount),
      tagihan: invoiceNumbers.length ? invoiceNumbers.join(', ') : '-',
      saldo: formatRupiah(credit),
      tanggal: formatDateWib(payment.paymentDate ?? new Date()),
    },
  })
}

/** A rejected payment, with the reason finance gave. */
export async function notifyPaymentRejected({ req, payment }: { req: PayloadRequest; payment: Payment }) {
  const customerId = relationId(payment.customer)!
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: true,
    req,
    select: { name: true },
  })
  return notify({
    req,
    trigger: 'payment_rejected',
    customerId,
    dedupeKey: `payment_rejected:${payment.id}`,
    variables: {
      nama: customer.name,
      nomor_pembayaran: payment.number ?? String(payment.id),
      jumlah: formatRupiah(payment.amount),
      alasan: payment.rejectionReason ?? '-',
    },
  })
}

/** Service is back after a billing isolir (once per isolir: the key names when it began). */
export async function notifyServiceRestored({
  req,
  customerId,
  suspendedAt,
}: {
  req: PayloadRequest
  customerId: number
  suspendedAt: string | null | undefined
}) {
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: true,
    req,
    select: { name: true, number: true },
  })
  return notify({
    req,
    trigger: 'restore_notice',
    customerId,
    dedupeKey: `restore:${customerId}:${suspendedAt ?? 'unknown'}`,
    variables: { nama: customer.name, nomor_pelanggan: customer.number ?? String(customerId) },
  })
}

/**
 * Suspension notices for the isolir run, in bulk, in its transaction: one per customer the run
 * suspended (the `suspend_run` temporary table), keyed by customer and the moment of suspension.
 */
export async function queueSuspensionNotices({ req }: { req: PayloadRequest }): Promise<BulkNotificationResult> {
  return queueNotificationsBulk({
    req,
    trigger: 'suspension_notice',
    source: sql`
      SELECT c.id AS customer_id, 'suspension:' || c.id || ':' || ${sqlIso(sql`c.suspended_at`)} AS dedupe_key,
             jsonb_build_object('nama', c.name, 'nomor_tagihan', s.invoice_number, 'jumlah', ${sqlRupiah(sql`s.balance_due`)},
                                'jatuh_tempo', ${sqlDateWib(sql`s.due_date`)}, 'hari_terlambat', s.days_overdue::text) AS variables
        FROM suspend_run s JOIN customers c ON c.id = s.customer_id
       WHERE c.status = 'suspended' AND c.suspension_source = 'billing'`,
  })
}

/** The variables every invoice message shares, for invoices `i` of customers `c`. */
const invoiceVariables = (amount: SQL) =>
  sql`jsonb_build_object('nama', c.name, 'nomor_tagihan', i.number, 'periode', ${sqlPeriodLabel(sql`i.period`)}, 'jumlah', ${sqlRupiah(amount)},
                         'sisa_tagihan', ${sqlRupiah(sql`i.balance_due`)}, 'jatuh_tempo', ${sqlDateWib(sql`i.due_date`)}, 'tautan_tagihan', ${sqlInvoiceLink(sql`i.id`)})`

/**
 * The "invoice issued" messages of one day's invoice run, queued after it (the run queues this as a
 * follow-up job in its own transaction), in batches of `batchSize` invoices, each batch its own
 * transaction. Invoices that already have their message are skipped, so a rerun or a retry after a
 * crash adds only what is missing. Invoices settled entirely by credit are not announced.
 */
export async function notifyInvoicesIssued({
  payload,
  day,
  batchSize = 10_000,
}: {
  payload: Payload
  day: WibDay
  batchSize?: number
}): Promise<{ invoices: number; queued: number; failed: number }> {
  const period = periodOf(day)
  const issued = wibDayStart(day).toISOString()
  let after = 0
  const totals = { invoices: 0, queued: 0, failed: 0 }
  for (;;) {
    const batch = await inTransaction(payload, async (req) => {
      const { rows } = await executeSql(
        req,
        sql`SELECT min(id) AS first, max(id) AS last, count(*)::int AS n FROM (
              SELECT id FROM invoices WHERE period = ${period} AND issue_date = ${issued}::timestamptz AND id > ${after} ORDER BY id LIMIT ${batchSize}) b`,
      )
      const n = Number(rows[0]?.n ?? 0)
      if (n === 0) return null
      const range = { first: Number(rows[0]!.first), last: Number(rows[0]!.last) }
      const result = await queueNotificationsBulk({
        req,
        trigger: 'invoice_issued',
        source: sql`
          SELECT i.customer_id, 'invoice_issued:' || i.id AS dedupe_key, ${invoiceVariables(sql`i.total`)} AS variables
            FROM invoices i JOIN customers c ON c.id = i.customer_id
           WHERE i.id BETWEEN ${range.first} AND ${range.last} AND i.period = ${period} AND i.issue_date = ${issued}::timestamptz
             AND i.status IN ('unpaid', 'partially_paid') AND i.balance_due > 0`,
      })
      return { n, last: range.last, result }
    })
    if (!batch) break
    totals.invoices += batch.n
    if (batch.result.status === 'queued') {
      totals.queued += batch.result.queued
      totals.failed += batch.result.failed
    } else break // switched off, or no template: nothing to do for the other batches either
    after = batch.last
    if (batch.n < batchSize) break
  }
  return totals
}

export type ReminderRunResult = {
  day: WibDay
  kinds: Record<ReminderKind, { queued: number; failed: number; status: BulkNotificationResult['status'] }>
}

/**
 * The daily payment reminders (09:00 WIB): open invoices due in 3 days, due tomorrow, and due
 * yesterday (WIB days relative to `day`) each get their reminder, once per invoice and kind (the
 * dedupe key `reminder:<kind>:<invoice id>`), so a second run the same day sends nothing new. All
 * three kinds are queued in bulk in one transaction, paced by the notification settings.
 */
export async function sendPaymentReminders({
  payload,
  day = wibDay(),
}: {
  payload: Payload
  day?: WibDay
}): Promise<ReminderRunResult> {
  return inTransaction(payload, async (req) => {
    // Two runs of the same day (two workers) queue one after the other; the second finds every key taken.
    await executeSql(req, sql`SELECT pg_advisory_xact_lock(hashtext('billing:payment-reminders'))`)
    const kinds = {} as ReminderRunResult['kinds']
    for (const { kind, trigger, daysBeforeDue } of REMINDER_KINDS) {
      const due = addDays(day, daysBeforeDue)
      const from = wibDayStart(due).toISOString()
      const to = wibDayStart(addDays(due, 1)).toISOString()
      const result = await queueNotificationsBulk({
        req,
        trigger,
        source: sql`
          SELECT i.customer_id, ${`reminder:${kind}:`}::text || i.id AS dedupe_key, ${invoiceVariables(sql`i.balance_due`)} AS variables
            FROM invoices i JOIN customers c ON c.id = i.customer_id
           WHERE i.due_date >= ${from}::timestamptz AND i.due_date < ${to}::timestamptz
             AND i.status IN ('unpaid', 'partially_paid') AND i.balance_due > 0
             AND c.status IN ('active', 'suspended')
             AND NOT ${customerInIncidentCondition(day)}`,
      })
      kinds[kind] = {
        status: result.status,
        queued: result.status === 'queued' ? result.queued : 0,
        failed: result.status === 'queued' ? result.failed : 0,
      }
    }
    return { day, kinds }
  })
}
