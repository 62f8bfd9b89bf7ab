import './env'

import type { Migration, Payload } from 'payload'

import { type DatabaseHandle, ensureDatabase } from './db/database-url'

const MIGRATION_LOCK = 0x15b0_0001

/**
 * Starts Payload for a process (web server, worker, script): finds or starts the database, loads
 * the config (after DATABASE_URL is known, since the config reads it), and runs pending migrations
 * under an advisory lock, so processes starting together migrate once.
 */
export async function bootPayload({ migrate = true }: { migrate?: boolean } = {}): Promise<{
  payload: Payload
  database: DatabaseHandle
}> {
  const database = await ensureDatabase()
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { migrations } = await import('./migrations')
  const payload = await getPayload({ config })
  if (migrate) await runMigrations(payload, migrations)
  return { payload, database }
}

export async function runMigrations(payload: Payload, migrations: unknown[]) {
  const pool = (payload.db as unknown as { pool: import('pg').Pool }).pool
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await payload.db.migrate({ migrations: migrations as Migration[] })
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}

/**
 * Closes a process's Payload, then the embedded server if this process started it. Payload's
 * `destroy` leaves its pool's idle connections open (and `pool.end()` would wait for the one
 * connection the adapter keeps), so the pool is told to expect those connections to be cut.
 */
export async function shutdownPayload(payload: Payload, database: DatabaseHandle): Promise<void> {
  const pool = (payload.db as unknown as { pool?: import('pg').Pool }).pool
  pool?.on('error', () => {})
  await payload.destroy().catch(() => {})
  await database.stop()
}
