import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { addDays, type WibDay } from '../calendar'

/**
 * The rule behind isolir, in one place: a customer is overdue on `day` when an open invoice's due
 * date (WIB) is more than `graceDays` days before `day`. As SQL over an invoices alias `i`.
 */
export const overdueInvoiceCondition = (day: WibDay, graceDays: number) =>
  sql`i.status IN ('unpaid', 'partially_paid') AND (i.due_date AT TIME ZONE 'Asia/Jakarta')::date < ${addDays(day, -graceDays)}::date`

/** True when the customer still has an invoice overdue beyond the grace period on `day`. */
export async function isOverdue({
  req,
  customerId,
  day,
  graceDays,
}: {
  req: PayloadRequest
  customerId: number
  day: WibDay
  graceDays: number
}): Promise<boolean> {
  const { rows } = await executeSql(
    req,
    sql`SELECT 1 FROM invoices i WHERE i.customer_id = ${customerId} AND ${overdueInvoiceCondition(day, graceDays)} LIMIT 1`,
  )
  return rows.length > 0
}
