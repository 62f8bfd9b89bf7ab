import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { testPayload } from '../helpers/payload'

const migrationsDir = path.resolve(import.meta.dirname, '../../src/migrations')

describe('migrations', () => {
  it('match the collections: a schema change without its migration fails here', async () => {
    const payload = await testPayload()
    const db = payload.db as unknown as {
      schema: unknown
      requireDrizzleKit: () => {
        generateDrizzleJson: (schema: unknown) => Promise<{ version: string }> | { version: string }
        generateMigration: (before: unknown, after: unknown) => Promise<string[]>
      }
    }
    const { generateDrizzleJson, generateMigration } = db.requireDrizzleKit()
    const latest = fs
      .readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .at(-1)!
    const snapshot = JSON.parse(fs.readFileSync(path.join(migrationsDir, latest), 'utf8'))
    const statements = await generateMigration(snapshot, await generateDrizzleJson(db.schema))
    expect(statements, 'run `npm run migrate:create <name>` and commit the migration').toEqual([])
  })
})
