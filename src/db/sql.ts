import type { Payload, PayloadRequest } from 'payload'

import { postgresAdapter } from './pool'

type QueryResult = { rows: Record<string, unknown>[] }

/**
 * Runs a drizzle `sql` query in the request's transaction when it has one (so it commits or
 * rolls back with the Payload writes around it), else on the pool.
 */
export async function executeSql(req: PayloadRequest, query: unknown): Promise<QueryResult> {
  const adapter = postgresAdapter(req.payload)
  const transactionID = req.transactionID ? await req.transactionID : undefined
  const db = (transactionID !== undefined && adapter.sessions[transactionID]?.db) || adapter.drizzle
  return db.execute(query)
}

/**
 * Runs a drizzle `sql` query on the pool, outside any request transaction: for records that must
 * stay written whatever happens to the request (sign-in attempts are counted even when the sign-in
 * itself fails and rolls back).
 */
export async function executeSqlOutsideTransaction(payload: Payload, query: unknown): Promise<QueryResult> {
  return postgresAdapter(payload).drizzle.execute(query)
}
