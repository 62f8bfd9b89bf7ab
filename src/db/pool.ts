import type { Payload } from 'payload'
import type { Pool } from 'pg'

type QueryResult = { rows: Record<string, unknown>[] }
/** Drizzle's `execute`, as the app uses it (a `sql` template in, rows out). */
export type SqlExecutor = { execute: (query: unknown) => Promise<QueryResult> }

/**
 * The parts of Payload's PostgreSQL adapter the app reaches for past the Local API (the `pg` pool,
 * drizzle, the open transactions' sessions), typed here once instead of cast at each use.
 */
export type PostgresAdapterInternals = {
  /** Set once Payload has connected. */
  pool?: Pool
  drizzle: SqlExecutor
  sessions: Record<string | number, { db: SqlExecutor } | undefined>
}

export const postgresAdapter = (payload: Payload): PostgresAdapterInternals =>
  payload.db as unknown as PostgresAdapterInternals

/** The adapter's `pg` pool: for advisory locks, readiness probes and statements drizzle cannot express. */
export function pgPool(payload: Payload): Pool {
  const { pool } = postgresAdapter(payload)
  if (!pool) throw new Error('Payload has not connected to PostgreSQL yet')
  return pool
}
