import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { wibIsoDay } from '../../../lib/wib'

/**
 * Writes today's (WIB) MRR snapshot: one row per active or isolir customer with a package, their
 * MRR priced as billing prices it (`recurringRevenue` in billing's invoiceMath): the package's
 * monthly price less the customer's pending discounts, never below zero, before PPN. One statement; the unique (customer, day) index makes a
 * second run the same day write nothing. Only today can be written: yesterday's prices are gone.
 */
export async function snapshotMrr({
  req,
  now = new Date(),
}: {
  req: PayloadRequest
  now?: Date
}): Promise<{ day: string; written: number }> {
  const day = wibIsoDay(now)
  const { rows } = await executeSql(
    req,
    sql`INSERT INTO mrr_snapshots (customer_id, day, mrr, package_id, area, customer_status, updated_at, created_at)
        SELECT c.id, ${day}, p.monthly_price - least(p.monthly_price, coalesce(d.discounts, 0)),
               c.package_id, c.area, c.status, now(), now()
          FROM customers c JOIN packages p ON p.id = c.package_id
          LEFT JOIN (
            SELECT a.customer_id, -sum(a.amount) AS discounts
              FROM billing_adjustments a
             WHERE a.status = 'pending' AND a.kind = 'discount'
             GROUP BY a.customer_id
          ) d ON d.customer_id = c.id
         WHERE c.status IN ('active', 'suspended')
        ON CONFLICT (customer_id, day) DO NOTHING
        RETURNING id`,
  )
  return { day, written: rows.length }
}
