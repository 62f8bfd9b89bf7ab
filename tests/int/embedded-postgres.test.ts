import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { startEmbeddedPostgres } from '../../src/db/database-url'

describe('embedded PostgreSQL (a machine without a database server)', () => {
  it('initialises and runs a real PostgreSQL 15 from npm, and keeps its data across restarts', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-embedded-')), 'data')
    const port = 56000 + Math.floor(Math.random() * 1000)
    const query = async (sql: string) => {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password: 'postgres',
        database: 'postgres',
      })
      await client.connect()
      try {
        return (await client.query(sql)).rows
      } finally {
        await client.end()
      }
    }
    let server = await startEmbeddedPostgres({ dataDir, port, persistent: true })
    try {
      expect((await query('SHOW server_version'))[0].server_version).toMatch(/^15\./)
      await query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)')
      await server.stop()
      server = await startEmbeddedPostgres({ dataDir, port, persistent: true })
      expect(await query('SELECT n FROM kept')).toEqual([{ n: 42 }])
    } finally {
      await server.stop()
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })
    }
  })
})
