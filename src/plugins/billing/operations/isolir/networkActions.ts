import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { inTransaction } from '../../../../db/transaction'
import { logger } from '../../../../lib/logger'
import { enforcerFor, type RouterRow } from './enforcers'

export type NetworkActionKind = 'suspend' | 'restore'

/**
 * Records that the network must suspend or restore a customer and queues the job that does it,
 * both in the caller's transaction: the router is only touched once the status change commits,
 * and a status change that rolls back leaves no router work behind.
 */
export async function queueNetworkAction({
  req,
  customerId,
  action,
  reason,
}: {
  req: PayloadRequest
  customerId: number
  action: NetworkActionKind
  reason: string
}) {
  await req.payload.create({
    collection: 'network-actions',
    data: { customer: customerId, action, status: 'pending', reason, attempts: 0 },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await req.payload.jobs.queue({ task: 'applyNetworkActions', input: {}, req })
}

type PendingAction = {
  id: number
  action: NetworkActionKind
  attempts: number
  customer_id: number
  customer_number: string
  network_method: 'pppoe' | 'address-list' | null
  pppoe_username: string | null
  ip_address: string | null
  router_id: number | null
}

/**
 * Carries out pending network actions, oldest first and one at a time per customer (a restore
 * never overtakes the suspension before it). Each action is locked (`FOR UPDATE SKIP LOCKED`) while
 * its router call runs, so two workers never apply the same one; router calls are idempotent, so a
 * crash after the call but before the commit only repeats a harmless call.
 */
export async function applyNetworkActions({
  payload,
  batchSize = 25,
}: {
  payload: Payload
  batchSize?: number
}): Promise<{ done: number; failed: number; retryable: number }> {
  let done = 0
  let failed = 0
  let retryable = 0
  const routers = new Map<number, RouterRow>()
  const skipped = new Set<number>()
  for (;;) {
    const processed = await inTransaction(payload, async (req) => {
      const { rows } = await executeSql(
        req,
        sql`
        SELECT a.id, a.action, a.attempts, c.id AS customer_id, c.number AS customer_number, c.network_method, c.pppoe_username, c.ip_address,
               coalesce(c.router_id, (SELECT r.id FROM routers r WHERE r.is_default ORDER BY r.id LIMIT 1)) AS router_id
          FROM network_actions a JOIN customers c ON c.id = a.customer_id
         WHERE a.status = 'pending'
           AND NOT (a.id = ANY(string_to_array(${[...skipped].join(',')}, ',')::int[]))
           AND NOT EXISTS (SELECT 1 FROM network_actions older WHERE older.customer_id = a.customer_id AND older.status = 'pending' AND older.id < a.id)
         ORDER BY a.id
         LIMIT ${batchSize}
         FOR UPDATE OF a SKIP LOCKED`,
      )
      const actions = rows as unknown as PendingAction[]
      for (const action of actions) {
        const outcome = await applyOne(req, action, routers)
        if (outcome === 'done') done++
        else if (outcome === 'failed') failed++
        else {
          retryable++
          skipped.add(action.id)
        }
      }
      return actions.length
    })
    if (processed === 0) break
  }
  return { done, failed, retryable }
}

async function applyOne(
  req: PayloadRequest,
  action: PendingAction,
  routers: Map<number, RouterRow>,
): Promise<'done' | 'failed' | 'retry'> {
  const finish = (status: 'done' | 'failed' | 'skipped' | 'pending', detail: string) =>
    executeSql(
      req,
      sql`
      UPDATE network_actions SET status = ${status}::enum_network_actions_status, detail = left(${detail}, 1000), attempts = attempts + 1,
             completed_at = CASE WHEN ${status} = 'pending' THEN NULL ELSE now() END, updated_at = now()
       WHERE id = ${action.id}`,
    )
  if (!action.router_id) {
    await finish('skipped', 'Tidak ada router untuk pelanggan ini')
    return 'done'
  }
  let router = routers.get(action.router_id)
  if (!router) {
    router = (await req.payload.findByID({
      collection: 'routers',
      id: action.router_id,
      depth: 0,
      overrideAccess: true,
      req,
    })) as RouterRow
    routers.set(action.router_id, router)
  }
  const method = action.network_method ?? router.defaultMethod
  const target = {
    customerNumber: action.customer_number,
    method,
    pppoeUsername: action.pppoe_username ?? undefined,
    ipAddress: action.ip_address ?? undefined,
  }
  try {
    const enforcer = enforcerFor(router)
    const result = action.action === 'suspend' ? await enforcer.suspend(target) : await enforcer.restore(target)
    await finish('done', result.detail)
    return 'done'
  } catch (error) {
    const message = (error as Error).message
    if ((error as Error).name === 'RouterUnavailableError' || (error as { retryable?: boolean }).retryable) {
      logger.warn({ action: action.id, router: router.name, err: message }, 'router unreachable, will retry')
      await finish('pending', `Router tidak terjangkau: ${message}`)
      return 'retry'
    }
    await finish('failed', message)
    // Retrying will not help (wrong credentials, missing profile, unknown PPPoE user): staff must look.
    await req.payload.jobs.queue({
      task: 'staffAlert',
      input: {
        key: `network-action-failed:${action.id}`,
        subject: `${action.action === 'suspend' ? 'Isolir' : 'Buka isolir'} ${action.customer_number} gagal di router ${router.name}`,
        message: `Router ${router.name} menolak ${action.action === 'suspend' ? 'isolir' : 'buka isolir'} untuk pelanggan ${action.customer_number}: ${message}\nStatus di database sudah berubah; perbaiki di router lalu periksa menu Aksi jaringan.`,
      },
      req,
    })
    return 'failed'
  }
}
