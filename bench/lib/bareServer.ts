import type { Server } from 'node:http'
import { pathToFileURL } from 'node:url'

import type { Express } from 'express'
import type pg from 'pg'

/** A baseline server the benchmarks run beside ours: plain Express and a `pg` pool. */
export type BareServer = { server: Server; close: () => Promise<void> }

export type BareServerOptions = { databaseUrl: string; secret: string; port: number; host?: string; poolMax?: number }

/** Listens on host:port; closing stops the server, then ends the pool. */
export async function listenBare(app: Express, pool: pg.Pool, port: number, host: string): Promise<BareServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)))
  })
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await pool.end()
    },
  }
}

/**
 * Runs a baseline server on its own when its file is the command's script (`tsx bench/bare-….ts`):
 * DATABASE_URL, the secret variable it names (if any), PORT, HOST and DATABASE_POOL_MAX from the
 * environment; stops on SIGTERM/SIGINT.
 */
export async function runBareFromCli(
  moduleUrl: string,
  name: string,
  { defaultPort, secretVariable }: { defaultPort: number; secretVariable?: string },
  start: (options: BareServerOptions) => Promise<BareServer>,
): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return
  const databaseUrl = process.env.DATABASE_URL
  const secret = secretVariable ? process.env[secretVariable] : ''
  if (!databaseUrl || secret === undefined || (secretVariable && !secret)) {
    console.error(
      `DATABASE_URL${secretVariable ? ` and ${secretVariable}` : ''} ${secretVariable ? 'are' : 'is'} required`,
    )
    process.exit(2)
  }
  const port = Number(process.env.PORT ?? defaultPort)
  const host = process.env.HOST ?? '127.0.0.1'
  const { close } = await start({
    databaseUrl,
    secret: secret ?? '',
    port,
    host,
    poolMax: Number(process.env.DATABASE_POOL_MAX ?? 10),
  })
  console.log(`bare ${name} server listening on http://${host}:${port}`)
  const shutdown = () => void close().then(() => process.exit(0))
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}
