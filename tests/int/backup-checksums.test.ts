import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { CHECKSUM_SESSION_SQL, compareChecksums, tableChecksums } from '../../src/plugins/backups/operations/checksums'
import { DUMP_FILE, MANIFEST_FILE, packArchive } from '../../src/plugins/backups/operations/archive'
import { encryptFile } from '../../src/plugins/backups/operations/encryption'
import { restoreBackupFile, restoreDump } from '../../src/plugins/backups/operations/restore'
import { databaseNameOf, databaseUrlFor } from '../../src/plugins/backups/operations/settings'
import type { TableChecksums } from '../../src/plugins/backups/types'

/**
 * The row checksums a backup records and a restore recomputes, on a database of its own with the
 * column types that make hashing tricky: enums (whose hash is an OID a restore assigns anew),
 * `json` (no hash function), arrays of both, a table without columns.
 */
const databases: string[] = []
let sourceUrl: string
let workDir: string

async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

async function newDatabase(label: string): Promise<string> {
  const name = `${databaseNameOf(inject('databaseUrl'))}_cks_${label}_${Date.now()}`.slice(0, 63)
  await sql(databaseUrlFor(inject('databaseUrl'), 'postgres'), `CREATE DATABASE "${name}"`)
  databases.push(name)
  return databaseUrlFor(inject('databaseUrl'), name)
}

/** Checksums as a backup takes them: in a repeatable-read transaction with the checksum session settings. */
async function checksumsOf(url: string): Promise<TableChecksums> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(CHECKSUM_SESSION_SQL)
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const result = await tableChecksums(client)
    await client.query('COMMIT')
    return result
  } finally {
    await client.end()
  }
}

function dump(url: string): string {
  const file = path.join(workDir, `dump-${Date.now()}.pgdump`)
  execFileSync('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${url}`])
  return file
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-checksums-'))
  sourceUrl = await newDatabase('src')
  // Created in an order that gives the restored enum labels other OIDs than the source's.
  await sql(
    sourceUrl,
    `CREATE TYPE mood AS ENUM ('senang', 'biasa');
     CREATE TABLE unrelated (id int);
     CREATE TYPE status AS ENUM ('aktif', 'isolir', 'berhenti');
     ALTER TYPE status ADD VALUE 'baru' BEFORE 'aktif';`,
  )
  // A new enum value is usable once committed.
  await sql(
    sourceUrl,
    `CREATE TABLE customers (
       id serial PRIMARY KEY, name varchar, status status, moods mood[], profile json, settings jsonb,
       balance numeric(14, 2), ratio float8, joined timestamptz, birthday date, tags text[], photo bytea, note text
     );
     INSERT INTO customers (name, status, moods, profile, settings, balance, ratio, joined, birthday, tags, photo, note)
     SELECT 'Pelanggan ' || i, (ARRAY['aktif', 'isolir', 'berhenti', 'baru'])[1 + i % 4]::status, ARRAY['senang'::mood, 'biasa'::mood],
            json_build_object('i', i, 'area', 'Depok'), jsonb_build_object('n', i), i * 1000.5, i / 7.0, '2026-11-27T00:00:00Z'::timestamptz + i * interval '1 hour',
            date '2026-01-01' + i, ARRAY['a', 'b' || i], decode(md5(i::text), 'hex'), CASE WHEN i % 3 = 0 THEN NULL ELSE 'catatan' END
       FROM generate_series(1, 500) i;
     CREATE TABLE nothing ();
     INSERT INTO nothing DEFAULT VALUES;
     INSERT INTO nothing DEFAULT VALUES;
     DROP TABLE unrelated;`,
  )
})

afterAll(async () => {
  for (const name of databases)
    await sql(
      databaseUrlFor(inject('databaseUrl'), 'postgres'),
      `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
    ).catch(() => {})
  fs.rmSync(workDir, { recursive: true, force: true })
})

describe('table checksums', () => {
  it('hash rows by column values, enums and json as text, and a restore into another database gives the same numbers', async () => {
    const recorded = await checksumsOf(sourceUrl)
    expect(recorded['public.customers']).toMatchObject({ rows: 500, hash: 'record' })
    expect(recorded['public.nothing']).toMatchObject({ rows: 2, hash: 'text' })

    const targetUrl = await newDatabase('dst')
    // The target's enums get other OIDs: an enum type created there first takes the low ones.
    await sql(targetUrl, "CREATE TYPE filler AS ENUM ('x', 'y', 'z')")
    const restored = await restoreDump(dump(sourceUrl), targetUrl, recorded)
    expect(compareChecksums(recorded, restored)).toEqual([])
    const oids = async (url: string) =>
      (
        await sql<{ oid: string }>(
          url,
          "SELECT e.oid::text AS oid FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'status' ORDER BY e.enumsortorder",
        )
      ).map((r) => r.oid)
    expect(await oids(targetUrl)).not.toEqual(await oids(sourceUrl))
    // And the same database checksummed again without a restore agrees with itself.
    expect(await checksumsOf(sourceUrl)).toEqual(recorded)
  })

  it('changes when a value changes, in any column kind, or a row goes missing', async () => {
    const before = await checksumsOf(sourceUrl)
    const changes = [
      ["UPDATE customers SET status = 'isolir' WHERE id = 4", "UPDATE customers SET status = 'aktif' WHERE id = 4"],
      [
        'UPDATE customers SET profile = \'{"i": 7, "area": "Bogor"}\' WHERE id = 7',
        "UPDATE customers SET profile = json_build_object('i', 7, 'area', 'Depok') WHERE id = 7",
      ],
      [
        'UPDATE customers SET balance = balance + 0.01 WHERE id = 9',
        'UPDATE customers SET balance = balance - 0.01 WHERE id = 9',
      ],
      [
        "UPDATE customers SET moods = ARRAY['biasa'::mood] WHERE id = 11",
        "UPDATE customers SET moods = ARRAY['senang'::mood, 'biasa'::mood] WHERE id = 11",
      ],
    ]
    for (const [change, undo] of changes) {
      await sql(sourceUrl, change!)
      expect(compareChecksums(before, await checksumsOf(sourceUrl)), change).toEqual([
        'public.customers: checksum differs',
      ])
      await sql(sourceUrl, undo!)
      expect(compareChecksums(before, await checksumsOf(sourceUrl)), undo).toEqual([])
    }
    await sql(sourceUrl, 'DELETE FROM nothing WHERE ctid = (SELECT min(ctid) FROM nothing)')
    expect(compareChecksums(before, await checksumsOf(sourceUrl))).toEqual(['public.nothing: 1 rows, expected 2'])
    await sql(sourceUrl, 'INSERT INTO nothing DEFAULT VALUES')
  })

  it('a backup recorded before record hashing (no method per table) is checked by row text, as it was made', async () => {
    const client = new pg.Client({ connectionString: sourceUrl })
    await client.connect()
    let legacy: TableChecksums
    try {
      await client.query(CHECKSUM_SESSION_SQL)
      const { rows } = await client.query<{ rows: string; checksum: string }>(
        'SELECT count(*)::text AS rows, coalesce(sum(hashtextextended(t::text, 0)), 0)::text AS checksum FROM customers t',
      )
      const nothing = await client.query<{ rows: string; checksum: string }>(
        'SELECT count(*)::text AS rows, coalesce(sum(hashtextextended(t::text, 0)), 0)::text AS checksum FROM nothing t',
      )
      legacy = {
        'public.customers': { rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum },
        'public.nothing': { rows: Number(nothing.rows[0]!.rows), checksum: nothing.rows[0]!.checksum },
      }
    } finally {
      await client.end()
    }
    const targetUrl = await newDatabase('old')
    const restored = await restoreDump(dump(sourceUrl), targetUrl, legacy)
    expect(restored['public.customers']).toMatchObject({ hash: 'text', checksum: legacy['public.customers']!.checksum })
    expect(compareChecksums(legacy, restored)).toEqual([])
    // A checksum taken by one method never passes for the other.
    expect(
      compareChecksums(
        { 'public.customers': { ...legacy['public.customers']!, hash: 'record' } },
        { 'public.customers': restored['public.customers']! },
      ),
    ).toEqual(['public.customers: checksum differs'])
  })
})

describe('archive layouts', () => {
  it('restores a backup in the tar layout made before format 3, checked by the checksums it recorded', async () => {
    const recorded = await checksumsOf(sourceUrl)
    const content = fs.mkdtempSync(path.join(workDir, 'tar-'))
    fs.copyFileSync(dump(sourceUrl), path.join(content, DUMP_FILE))
    const manifest = {
      format: 2,
      kind: 'manual',
      slot: '2026-11-01T00:00:00.000Z',
      createdAt: '2026-11-01T00:00:00.000Z',
      database: databaseNameOf(sourceUrl),
      serverMajor: 15,
      tables: recorded,
      media: { files: 0, bytes: 0, mode: 'full', set: [] },
    }
    fs.writeFileSync(path.join(content, MANIFEST_FILE), JSON.stringify(manifest))
    const plain = path.join(workDir, 'old.tar')
    await packArchive(content, plain)
    const key = Buffer.alloc(32, 7)
    const file = path.join(workDir, 'old.tar.enc')
    const { sha256 } = await encryptFile(plain, file, key)

    const restored = await restoreBackupFile({
      file,
      key,
      targetUrl: await newDatabase('oldtar'),
      expectedSha256: sha256,
    })
    expect(restored.manifest.format).toBe(2)
    expect(restored.problems).toEqual([])
    expect(restored.tables).toEqual(recorded)
  })
})
