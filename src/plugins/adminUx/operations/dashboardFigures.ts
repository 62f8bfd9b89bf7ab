import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'

/** Today's numbers for the dashboard, counted by PostgreSQL in one round trip. */
export type DashboardFigures = {
  openTickets: number
  /** Not finished, and the scheduled visit has passed. */
  overdueTickets: number
  pendingVerifications: number
  unpaidInvoices: number
  unpaidTotal: number
  suspendedCustomers: number
  /** Installation tickets scheduled on today's WIB calendar day. */
  installationsToday: number
  failedMessagesToday: number
  lastBackup: { status: string; finishedAt: string | null; startedAt: string | null } | null
  /** The technician's own unfinished tickets (0 for others). */
  myOpenTickets: number
  /** Revenue verified per WIB day over the last 14 days, oldest first. */
  revenueByDay: { day: string; amount: number }[]
}

const FINISHED = sql`('resolved', 'closed')`
const TODAY_WIB = sql`(now() AT TIME ZONE 'Asia/Jakarta')::date`

/**
 * Figures for the dashboard. Counts ignore row access on purpose: they are totals the office
 * works from, and the dashboard shows each figure only to the roles whose work it is.
 */
export async function dashboardFigures(req: PayloadRequest, userId: number | null): Promise<DashboardFigures> {
  const { rows } = await executeSql(
    req,
    sql`SELECT
      (SELECT count(*) FROM tickets WHERE status NOT IN ${FINISHED}) AS open_tickets,
      (SELECT count(*) FROM tickets WHERE status NOT IN ${FINISHED} AND scheduled_at < now()) AS overdue_tickets,
      (SELECT count(*) FROM payments WHERE status = 'pending') AS pending_verifications,
      (SELECT count(*) FROM invoices WHERE status IN ('unpaid', 'partially_paid')) AS unpaid_invoices,
      (SELECT coalesce(sum(balance_due), 0) FROM invoices WHERE status IN ('unpaid', 'partially_paid')) AS unpaid_total,
      (SELECT count(*) FROM customers WHERE status = 'suspended') AS suspended_customers,
      (SELECT count(*) FROM tickets WHERE type = 'installation' AND status NOT IN ('closed')
         AND (scheduled_at AT TIME ZONE 'Asia/Jakarta')::date = ${TODAY_WIB}) AS installations_today,
      (SELECT count(*) FROM messages WHERE status = 'failed'
         AND (coalesce(failed_at, updated_at) AT TIME ZONE 'Asia/Jakarta')::date = ${TODAY_WIB}) AS failed_messages_today,
      (SELECT count(*) FROM tickets WHERE status NOT IN ${FINISHED} AND assigned_technician_id = ${userId ?? -1}) AS my_open_tickets`,
  )
  const backup = await executeSql(
    req,
    sql`SELECT status::text AS status, finished_at, started_at FROM backups ORDER BY coalesce(started_at, created_at) DESC LIMIT 1`,
  )
  const revenue = await executeSql(
    req,
    sql`SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(sum(p.amount), 0) AS amount
        FROM generate_series(${TODAY_WIB} - 13, ${TODAY_WIB}, interval '1 day') AS d(day)
        LEFT JOIN payments p ON p.status = 'verified'
          AND (coalesce(p.payment_date, p.created_at) AT TIME ZONE 'Asia/Jakarta')::date = d.day::date
        GROUP BY d.day ORDER BY d.day`,
  )
  const row = rows[0] ?? {}
  const n = (key: string) => Number(row[key] ?? 0)
  const last = backup.rows[0]
  const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)
  return {
    openTickets: n('open_tickets'),
    overdueTickets: n('overdue_tickets'),
    pendingVerifications: n('pending_verifications'),
    unpaidInvoices: n('unpaid_invoices'),
    unpaidTotal: n('unpaid_total'),
    suspendedCustomers: n('suspended_customers'),
    installationsToday: n('installations_today'),
    failedMessagesToday: n('failed_messages_today'),
    myOpenTickets: n('my_open_tickets'),
    lastBackup: last
      ? { status: String(last.status), finishedAt: iso(last.finished_at), startedAt: iso(last.started_at) }
      : null,
    revenueByDay: revenue.rows.map((r) => ({ day: String(r.day), amount: Number(r.amount ?? 0) })),
  }
}
