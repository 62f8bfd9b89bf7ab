import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { postgresAnswers, startEmbeddedPostgres } from '../../src/db/database-url'

/**
 * The PostgreSQL server the tests use: TEST_DATABASE_ADMIN_URL, else one answering on
 * 127.0.0.1:5432, else an embedded PostgreSQL 15 started in a temporary directory.
 */
export async function startTestPostgres(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const candidates = [process.env.TEST_DATABASE_ADMIN_URL, 'postgres://postgres@127.0.0.1:5432/postgres'].filter(
    Boolean,
  ) as string[]
  for (const url of candidates) {
    if (await postgresAnswers(url)) return { adminUrl: url, stop: async () => {} }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-test-pg-'))
  const port = 55000 + Math.floor(Math.random() * 1000)
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port, persistent: false })
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * Node options for child processes (server, workers, migrate). `--conditions=production` makes
 * Node load Lexical's plain ESM build: its default Node entry uses a top-level await that, on
 * Node 20, sometimes never settles when imported through Payload (the process exits with code 13).
 */
export const CHILD_NODE_OPTIONS = '--no-deprecation --conditions=production'
