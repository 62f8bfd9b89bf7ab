import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { inTransaction } from '../../../../db/transaction'
import { queueStaffAlert } from '../../../../operations/alertStaff'
import { wibDay } from '../calendar'
import { enforcerFor, type RouterRow } from './enforcers'

export type RouterMismatch = {
  customerId: number
  customerNumber: string
  router: string
  database: 'suspended' | 'active'
  router_state: 'suspended' | 'active' | 'error'
  detail: string
}

/**
 * Compares, for every active or suspended customer attached to a router, what the router
 * enforces with what the database says, skipping customers whose router work is still queued.
 * Disagreements are returned and, with `alert`, sent to the admins once a day.
 */
export async function checkRouterState({
  payload,
  alert = false,
  concurrency = 8,
}: {
  payload: Payload
  alert?: boolean
  concurrency?: number
}): Promise<{ checked: number; mismatches: RouterMismatch[] }> {
  const { customers, routers } = await inTransaction(payload, async (req) => {
    const { rows } = await executeSql(
      req,
      sql`
      SELECT c.id, c.number, c.status, c.network_method, c.pppoe_username, c.ip_address,
             coalesce(c.router_id, (SELECT r.id FROM routers r WHERE r.is_default ORDER BY r.id LIMIT 1)) AS router_id
        FROM customers c
       WHERE c.status IN ('active', 'suspended')
         AND (c.pppoe_username IS NOT NULL OR c.ip_address IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM network_actions a WHERE a.customer_id = c.id AND a.status = 'pending')`,
    )
    const found = await req.payload.find({
      collection: 'routers',
      limit: 0,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
    return {
      customers: rows.filter((r) => r.router_id !== null),
      routers: new Map(found.docs.map((r) => [r.id, r as RouterRow])),
    }
  })

  const mismatches: RouterMismatch[] = []
  let next = 0
  const worker = async () => {
    while (next < customers.length) {
      const row = customers[next++]!
      const router = routers.get(Number(row.router_id))
      if (!router) continue
      const database = row.status === 'suspended' ? 'suspended' : 'active'
      const target = {
        customerNumber: String(row.number),
        method: (row.network_method as 'pppoe' | 'address-list' | null) ?? router.defaultMethod,
        pppoeUsername: (row.pppoe_username as string | null) ?? undefined,
        ipAddress: (row.ip_address as string | null) ?? undefined,
      }
      try {
        const state = await enforcerFor(router).inspect(target)
        const routerState = state.suspended ? 'suspended' : 'active'
        if (routerState !== database)
          mismatches.push({
            customerId: Number(row.id),
            customerNumber: target.customerNumber,
            router: router.name,
            database,
            router_state: routerState,
            detail: state.detail,
          })
      } catch (error) {
        mismatches.push({
          customerId: Number(row.id),
          customerNumber: target.customerNumber,
          router: router.name,
          database,
          router_state: 'error',
          detail: (error as Error).message,
        })
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  mismatches.sort((a, b) => a.customerId - b.customerId)

  if (alert && mismatches.length > 0) {
    const lines = mismatches
      .slice(0, 50)
      .map(
        (m) =>
          `- ${m.customerNumber} (${m.router}): database ${m.database === 'suspended' ? 'isolir' : 'aktif'}, router ${m.router_state === 'error' ? 'galat' : m.router_state === 'suspended' ? 'isolir' : 'aktif'}: ${m.detail}`,
      )
    await queueStaffAlert(payload, {
      key: `router-mismatch:${wibDay()}`,
      subject: `${mismatches.length} pelanggan: status router tidak sesuai database`,
      message: `Pemeriksaan router menemukan ${mismatches.length} pelanggan yang status isolirnya di router berbeda dengan database:\n\n${lines.join('\n')}${mismatches.length > 50 ? `\n… dan ${mismatches.length - 50} lainnya` : ''}`,
    })
  }
  return { checked: customers.length, mismatches }
}
