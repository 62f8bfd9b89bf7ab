import type pg from 'pg'

import { logger } from '../lib/logger'

/**
 * Whether this process can reach PostgreSQL, as its connections last told it.
 *
 * A database restart (or a network cut) drops every connection: idle ones report an error, new ones
 * are refused. The pool then says so here (`watchPool`), requests are answered 503 while it lasts
 * (server.ts), and a probe now and then notices the database is back, so everything recovers
 * without restarting the process. Nothing here ever throws at the process: an unhandled 'error'
 * event on a pg client or pool would end it.
 */
type State = { up: boolean; since: number; lastError?: string; downCount: number }

const state: State = { up: true, since: Date.now(), downCount: 0 }
const recoveryCallbacks: (() => Promise<void> | void)[] = []
let probePool: pg.Pool | undefined
let probing: Promise<boolean> | undefined
let lastProbeAt = 0

/** How often, at most, a process that lost the database tries it again (ms). */
const PROBE_INTERVAL_MS = 1000
/** Seconds a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5
export const DATABASE_UNAVAILABLE_MESSAGE =
  'Layanan sedang tidak dapat menghubungi basis data. Silakan coba lagi dalam beberapa detik.'

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: the server is restarting
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: still starting up
])
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Connection refused|server closed the connection|the database system is (starting up|shutting down|in recovery)|terminating connection due to administrator command/i

/** True when the error (or one it wraps) says the database connection was lost or refused. */
export function isConnectionError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 6; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true
    e = cause
  }
  return false
}

export function databaseIsUp(): boolean {
  return state.up
}

/** Counts the times the database was lost: a request that sees it change lost the database midway. */
export function databaseDownCount(): number {
  return state.downCount
}

export function databaseState(): Readonly<State> {
  return state
}

export function markDatabaseDown(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  state.lastError = message
  if (!state.up) return
  state.up = false
  state.since = Date.now()
  state.downCount++
  logger.error({ err: message }, 'database unreachable: answering 503 until it is back')
}

function markDatabaseUp(): void {
  if (state.up) return
  state.up = true
  logger.info({ downForMs: Date.now() - state.since }, 'database reachable again')
  state.since = Date.now()
  for (const callback of recoveryCallbacks.splice(0)) {
    void Promise.resolve()
      .then(callback)
      .catch((error) => logger.warn({ err: error }, 'work postponed until the database was back failed'))
  }
}

/** Runs `callback` once the database is back (at once if it is up). */
export function whenDatabaseIsBack(callback: () => Promise<void> | void): void {
  if (state.up) {
    void Promise.resolve()
      .then(callback)
      .catch((error) => logger.warn({ err: error }, 'work postponed until the database was back failed'))
  } else recoveryCallbacks.push(callback)
}

/**
 * True when the database is usable. While it is known to be away, tries it again at most once a
 * second (concurrent callers share the try) and answers from the last try otherwise.
 */
export async function databaseAvailable(): Promise<boolean> {
  if (state.up) return true
  if (probing) return probing
  if (Date.now() - lastProbeAt < PROBE_INTERVAL_MS || !probePool) return false
  lastProbeAt = Date.now()
  probing = (async () => {
    try {
      await probePool!.query('SELECT 1')
      markDatabaseUp()
      return true
    } catch (error) {
      state.lastError = error instanceof Error ? error.message : String(error)
      return false
    } finally {
      probing = undefined
    }
  })()
  return probing
}

/** Checks the database now (readiness probe): a query on the pool, whatever the last state was. */
export async function checkDatabase(): Promise<boolean> {
  if (!probePool) return state.up
  try {
    await probePool.query('SELECT 1')
    markDatabaseUp()
    return true
  } catch (error) {
    if (isConnectionError(error)) markDatabaseDown(error)
    return false
  }
}

type PgPoolInternals = { _clients?: pg.PoolClient[]; _idle?: { client: pg.PoolClient }[] }

/**
 * Makes a pg pool survive the database going away: its errors are logged and mark the database
 * down instead of ending the process; a failed connection attempt does the same; and a client
 * that lost its connection while checked out and was never given back (Payload keeps one such
 * client for the life of the process) is given back broken, so the pool does not shrink by one
 * at every restart.
 */
export function watchPool(pool: pg.Pool): void {
  const marked = pool as unknown as { __watched?: boolean } & PgPoolInternals
  if (marked.__watched) return
  marked.__watched = true
  probePool ??= pool
  pool.on('error', (error) => {
    if (isConnectionError(error)) markDatabaseDown(error)
    else logger.warn({ err: error }, 'database connection error')
  })
  const watchClient = (client: pg.PoolClient) => {
    const flagged = client as unknown as { __watched?: boolean }
    if (flagged.__watched) return
    flagged.__watched = true
    client.on('error', (error) => {
      if (isConnectionError(error)) markDatabaseDown(error)
      const timer = setTimeout(() => {
        const checkedOut = marked._clients?.includes(client) && !marked._idle?.some((idle) => idle.client === client)
        if (!checkedOut) return
        try {
          client.release(error)
        } catch {
          // already given back
        }
      }, 5000)
      timer.unref()
    })
  }
  for (const client of marked._clients ?? []) watchClient(client)
  pool.on('connect', (client) => watchClient(client))
  // A connection the pool could not open says the database is away. Waiting too long for a free
  // connection of a full pool (a busy moment) says nothing about the database.
  const max = (pool as unknown as { options?: { max?: number } }).options?.max ?? 10
  const lost = (err: unknown) =>
    isConnectionError(err) &&
    !(/timeout exceeded when trying to connect/i.test(String((err as Error)?.message)) && pool.totalCount >= max)
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown
  ;(pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    const callback = args[0] as ((err: Error | undefined, client?: pg.PoolClient, done?: unknown) => void) | undefined
    if (typeof callback === 'function')
      return connect((err: Error | undefined, client?: pg.PoolClient, done?: unknown) => {
        if (err && lost(err)) markDatabaseDown(err)
        callback(err, client, done)
      })
    return (connect() as Promise<pg.PoolClient>).then(
      (client) => client,
      (err: unknown) => {
        if (lost(err)) markDatabaseDown(err)
        throw err
      },
    )
  }
}

/** A pg client that keeps its process alive when its connection drops (the error is logged). */
export function guardClient<T extends pg.Client>(client: T, name: string): T {
  client.on('error', (error) => {
    logger.warn({ err: error.message, client: name }, 'database connection lost')
  })
  return client
}

/**
 * Last line of defence for a long-running process (server, worker): a lost database connection that
 * surfaces as an unhandled error or rejection somewhere is logged and marks the database down
 * instead of ending the process. Any other unhandled error still ends it, as Node would.
 */
export function surviveDatabaseLoss(): void {
  const handle = (kind: string) => (error: unknown) => {
    if (isConnectionError(error)) {
      markDatabaseDown(error)
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, `${kind}: database connection lost`)
      return
    }
    logger.fatal({ err: error }, kind)
    process.exit(1)
  }
  process.on('unhandledRejection', handle('unhandled rejection'))
  process.on('uncaughtException', handle('uncaught exception'))
}
