import './env'

import type { Migration, Payload } from 'payload'

import { DatabaseMissingError, type DatabaseHandle, ensureDatabase } from './db/database-url'
import { pgPool, postgresAdapter } from './db/pool'
import { logger } from './lib/logger'
import { ensureSecrets, SecretConfigError } from './lib/secrets'

const MIGRATION_LOCK = 0x15b0_0001

/**
 * Starts Payload for a process (web server, worker, script): finds or starts the database, loads
 * the config (after DATABASE_URL is known, since the config reads it), and runs pending migrations
 * under an advisory lock, so processes starting together migrate once.
 */
export async function bootPayload({
  migrate = true,
  createDatabase = false,
}: { migrate?: boolean; createDatabase?: boolean } = {}): Promise<{
  payload: Payload
  database: DatabaseHandle
}> {
  const database = await prepareEnvironment({ createDatabase })
  const { getPayload } = await import('payload')
  const { default: config } = await import('../payload.config')
  const { migrations } = await import('./migrations')
  const payload = await getPayload({ config })
  // The pool's errors are handled from here on: the config's onInit watches every instance's pool.
  if (migrate) await runMigrations(payload, migrations)
  return { payload, database }
}

/**
 * Finds or starts the database (an explicit DATABASE_URL must name an existing database unless
 * `createDatabase`; otherwise the process stops with the reason) and settles the secrets (src/lib/secrets.ts) before anything loads
 * the config. A production process without a usable PAYLOAD_SECRET stops here with the reason.
 */
export async function prepareEnvironment({
  createDatabase = false,
}: { createDatabase?: boolean } = {}): Promise<DatabaseHandle> {
  let database: DatabaseHandle
  try {
    database = await ensureDatabase({ createDatabase })
  } catch (error) {
    if (!(error instanceof DatabaseMissingError)) throw error
    // A mistyped DATABASE_URL: stop with the reason rather than start on an empty database.
    logger.fatal(error.message)
    process.exit(1)
  }
  try {
    // Generated secrets are kept on a single machine (embedded database), in development and in the demo.
    const keep = database.embedded || process.env.NODE_ENV !== 'production' || process.env.DEMO === 'true'
    const report = ensureSecrets({ keep })
    for (const name of report.generated)
      logger.info(
        { dataDir: process.env.DATA_DIR || '.data' },
        `${name} not set: using the one kept in the data folder`,
      )
    for (const warning of report.warnings) logger.warn(warning)
  } catch (error) {
    if (!(error instanceof SecretConfigError)) throw error
    logger.fatal(error.message)
    await database.stop()
    process.exit(1)
  }
  return database
}

export async function runMigrations(payload: Payload, migrations: unknown[]) {
  const pool = pgPool(payload)
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
  const { pool } = postgresAdapter(payload)
  pool?.on('error', () => {})
  await payload.destroy().catch(() => {})
  await database.stop()
}
