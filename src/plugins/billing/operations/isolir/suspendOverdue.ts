import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { inTransaction } from '../../../../db/transaction'
import type { BillingSetting } from '../../../../payload-types'
import { queueSuspensionNotices } from '../billingNotices'
import { addDays, wibDay, type WibDay } from '../calendar'
import { overdueInvoiceCondition } from './overdue'
import { customerInIncidentCondition, incidentHoldingCustomers } from '../../../monitoring/operations/billingPause'
import { billingSettings } from '../settings'

export type SuspensionCandidate = {
  customerId: number
  customerNumber: string
  name: string
  invoiceNumber: string
  dueDate: string
  daysOverdue: number
  balanceDue: number
  /** Why they will not be suspended after all, when they are exempt. */
  exemptBecause: 'promise_to_pay' | 'never_auto_suspend' | 'network_incident' | null
  /** The network incident that holds them (cut off by our network that day), when it does. */
  incident: { id: number; title: string; status: string } | null
}

/** Why the whole run is off on `day`, or null when it runs. */
function runBlockedBecause(settings: BillingSetting, day: WibDay): string | null {
  if (settings.autoSuspend === false) return 'Isolir otomatis dimatikan di pengaturan'
  const holiday = settings.holidays?.find((h) => h.date === day)
  if (holiday) return `Hari libur: ${holiday.name ?? day}`
  return null
}

/** Overdue active customers on `day` with their oldest overdue invoice, exempt ones included and marked. */
async function candidates(req: PayloadRequest, day: WibDay, graceDays: number): Promise<SuspensionCandidate[]> {
  // Overdue invoices are few: start from them and keep each customer's oldest (DISTINCT ON), rather
  // than probing every active customer's invoices one by one (several times slower at 100k).
  const { rows } = await executeSql(
    req,
    sql`
    SELECT DISTINCT ON (c.id) c.id AS customer_id, c.number AS customer_number, c.name, i.number AS invoice_number, i.due_date, i.balance_due,
           ${day}::date - (i.due_date AT TIME ZONE 'Asia/Jakarta')::date AS days_overdue,
           CASE WHEN coalesce(c.auto_suspend_exempt, false) THEN 'never_auto_suspend'
                WHEN c.promise_to_pay_until IS NOT NULL AND (c.promise_to_pay_until AT TIME ZONE 'Asia/Jakarta')::date >= ${day}::date THEN 'promise_to_pay'
                WHEN ${customerInIncidentCondition(day)} THEN 'network_incident'
           END AS exempt_because,
           held.id AS incident_id, held.title AS incident_title, held.status AS incident_status
      FROM invoices i
      JOIN customers c ON c.id = i.customer_id
      -- The incident that holds them, as the isolir run judges it (customerInIncidentCondition).
      LEFT JOIN ${incidentHoldingCustomers(day)} held ON held.customer_id = c.id
     WHERE c.status = 'active' AND ${overdueInvoiceCondition(day, graceDays)}
     ORDER BY c.id, i.due_date, i.id`,
  )
  return rows.map((r) => ({
    customerId: Number(r.customer_id),
    customerNumber: String(r.customer_number),
    name: String(r.name),
    invoiceNumber: String(r.invoice_number),
    dueDate: new Date(r.due_date as string).toISOString(),
    daysOverdue: Number(r.days_overdue),
    balanceDue: Number(r.balance_due),
    exemptBecause: (r.exempt_because as SuspensionCandidate['exemptBecause']) ?? null,
    incident:
      r.incident_id === null
        ? null
        : { id: Number(r.incident_id), title: String(r.incident_title), status: String(r.incident_status) },
  }))
}

/**
 * The dry run: who would be suspended on `day` (tomorrow by default) and why, and who is spared
 * by a promise to pay, the never-suspend flag or a network incident that holds them (with the
 * incident). Changes nothing.
 */
export async function previewSuspensions({ req, day = addDays(wibDay(), 1) }: { req: PayloadRequest; day?: WibDay }) {
  const settings = await billingSettings(req.payload, req)
  const graceDays = settings.graceDays ?? 7
  return {
    day,
    graceDays,
    blockedBecause: runBlockedBecause(settings, day),
    customers: await candidates(req, day, graceDays),
  }
}

/**
 * The daily isolir run: every active customer with an invoice more than `graceDays` past due is
 * suspended, unless exempt (promise to pay, never-suspend) or the day is a listed holiday. One
 * transaction, in bulk: the status change, the service-history entries, the router actions and
 * the job that carries them out, and the customers' suspension notices commit together. Only customers still `active` are touched, so a
 * repeated or concurrent run (serialised by an advisory lock) suspends nobody twice; a killed run
 * rolls back whole.
 */
export async function suspendOverdue({
  payload,
  day,
}: {
  payload: Payload
  day: WibDay
}): Promise<{ suspended: number; skippedReason: string | null }> {
  return inTransaction(payload, async (req) => {
    await executeSql(req, sql`SELECT pg_advisory_xact_lock(hashtext('billing:suspend-overdue'))`)
    const settings = await billingSettings(payload, req)
    const blocked = runBlockedBecause(settings, day)
    if (blocked) return { suspended: 0, skippedReason: blocked }
    const graceDays = settings.graceDays ?? 7
    await executeSql(
      req,
      sql`
      CREATE TEMP TABLE suspend_run ON COMMIT DROP AS
      SELECT DISTINCT ON (c.id) c.id AS customer_id, i.number AS invoice_number, i.due_date, i.balance_due, ${day}::date - (i.due_date AT TIME ZONE 'Asia/Jakarta')::date AS days_overdue
        FROM invoices i
        JOIN customers c ON c.id = i.customer_id
       WHERE c.status = 'active'
         AND ${overdueInvoiceCondition(day, graceDays)}
         AND NOT coalesce(c.auto_suspend_exempt, false)
         AND (c.promise_to_pay_until IS NULL OR (c.promise_to_pay_until AT TIME ZONE 'Asia/Jakarta')::date < ${day}::date)
         -- Cut off by our own network today: not isolir'd as if at fault (src/plugins/monitoring).
         AND NOT ${customerInIncidentCondition(day)}
       ORDER BY c.id, i.due_date, i.id`,
    )
    const updated = await executeSql(
      req,
      sql`
      UPDATE customers c SET status = 'suspended', suspension_source = 'billing', suspended_at = now(), updated_at = now()
        FROM suspend_run s WHERE s.customer_id = c.id AND c.status = 'active'`,
    )
    const suspended = (updated as { rowCount?: number }).rowCount ?? 0
    if (suspended === 0) return { suspended: 0, skippedReason: null }
    await executeSql(
      req,
      sql`
      INSERT INTO service_history (customer_id, type, occurred_at, summary, details, updated_at, created_at)
      SELECT s.customer_id, 'suspension', now(), 'Layanan diisolir otomatis: tagihan ' || s.invoice_number || ' lewat jatuh tempo ' || s.days_overdue || ' hari',
             jsonb_build_object('invoice', s.invoice_number, 'daysOverdue', s.days_overdue, 'source', 'billing'), now(), now()
        FROM suspend_run s`,
    )
    await executeSql(
      req,
      sql`
      INSERT INTO network_actions (customer_id, action, status, reason, attempts, updated_at, created_at)
      SELECT s.customer_id, 'suspend', 'pending', 'Menunggak: ' || s.invoice_number, 0, now(), now() FROM suspend_run s ORDER BY s.customer_id`,
    )
    await payload.jobs.queue({ task: 'applyNetworkActions', input: {}, req })
    await queueSuspensionNotices({ req })
    return { suspended, skippedReason: null }
  })
}
