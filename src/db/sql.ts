import type { PayloadRequest } from 'payload'

type QueryResult = { rows: Record<string, unknown>[] }
type Executor = { execute: (query: unknown) => Promise<QueryResult> }

/**
 * Runs a drizzle `sql` query in the request's transaction when it has one (so it commits or
 * rolls back with the Payload writes around it), else on the pool.
 */
export async function executeSql(req: PayloadRequest, query: unknown): Promise<QueryResult> {
  const adapter = req.payload.db as unknown as {
    drizzle: Executor
    sessions: Record<string | number, { db: Executor } | undefined>
  }
  const transactionID = req.transactionID ? await req.transactionID : undefined
  const db = (transactionID !== undefined && adapter.sessions[transactionID]?.db) || adapter.drizzle
  return db.execute(query)
}
