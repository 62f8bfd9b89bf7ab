/**
 * An explicit DATABASE_URL naming a database that does not exist stops the process with the
 * reason; it does not create and migrate an empty database that would then report ready.
 * (`npm run migrate` creates it on purpose; the embedded database creates its own.)
 */
import { execFile } from 'node:child_process'
import path from 'node:path'

import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'

import { TEST_PAYLOAD_SECRET } from '../helpers/payload'
import { CHILD_NODE_OPTIONS } from '../helpers/postgres'

const root = path.resolve(import.meta.dirname, '../..')

async function databaseExists(name: string): Promise<boolean> {
  const admin = new URL(inject('databaseUrl'))
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    return ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0) > 0
  } finally {
    await client.end()
  }
}

describe('DATABASE_URL naming a missing database', () => {
  it('refuses to start with a clear message and creates nothing', async () => {
    const name = `sec_api_missing_${Date.now()}`
    const url = new URL(inject('databaseUrl'))
    url.pathname = `/${name}`
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          "const { bootPayload } = await import('./src/boot.ts'); await bootPayload(); console.log('STARTED'); process.exit(0)",
        ],
        {
          cwd: root,
          timeout: 120_000,
          env: {
            ...process.env,
            NODE_OPTIONS: CHILD_NODE_OPTIONS,
            NODE_ENV: 'production',
            DATABASE_URL: url.toString(),
            PAYLOAD_SECRET: TEST_PAYLOAD_SECRET,
            LOG_LEVEL: 'info',
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
      )
    })
    expect(result.output).not.toContain('STARTED')
    expect(result.code).toBe(1)
    // One JSON log line (quotes escaped) with the reason.
    expect(result.output).toContain(`DATABASE_URL names the database \\"${name}\\", which does not exist`)
    expect(await databaseExists(name)).toBe(false)
  })
})
