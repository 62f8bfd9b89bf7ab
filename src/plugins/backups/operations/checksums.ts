import pg from 'pg'

import type { ChecksumHash, TableChecksum, TableChecksums } from '../types'
import { guardClient } from '../../../db/health'

/** Settings that make `row::text` identical on any session (timestamps in UTC, exact floats). */
export const CHECKSUM_SESSION_SQL =
  "SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'"

type Queryable = pg.Client | pg.PoolClient

async function listTables(client: Queryable): Promise<{ schemaname: string; tablename: string }[]> {
  const { rows } = await client.query<{ schemaname: string; tablename: string }>(
    `SELECT schemaname, tablename FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg_toast%'
      ORDER BY schemaname, tablename`,
  )
  return rows
}

/**
 * Column types whose values `hash_record_extended` hashes by content. Every other type is hashed
 * as its text: enums (their hash is the label's OID, which a restore assigns anew), `json`, `xml`,
 * OID types, domains and anything without a hash function. Changing this list changes the
 * checksums: it belongs to the `record` method, and a new list needs a new method name.
 */
const CONTENT_HASHED_TYPES = [
  'bool',
  'int2',
  'int4',
  'int8',
  'numeric',
  'float4',
  'float8',
  'text',
  'varchar',
  'bpchar',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'uuid',
  'jsonb',
  'bytea',
]

/**
 * The row expression the `record` method hashes for one table: `ROW(a, b::text, …)` in column
 * order, with the columns whose types are not content-hashed cast to text. Read from the catalog,
 * so the backed-up and the restored database (same schema) give the same expression.
 */
async function recordExpression(client: Queryable, schema: string, table: string): Promise<string | undefined> {
  const { rows } = await client.query<{ column: string; content: boolean }>(
    `SELECT a.attname AS column, (a.atttypid = ANY($3::regtype[]) OR (t.typcategory = 'A' AND t.typelem = ANY($3::regtype[]))) AS content
       FROM pg_attribute a
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [schema, table, `{${CONTENT_HASHED_TYPES.join(',')}}`],
  )
  if (!rows.length) return undefined
  return `ROW(${rows.map(({ column, content }) => (content ? `t.${quoteIdent(column)}` : `t.${quoteIdent(column)}::text`)).join(', ')})`
}

/**
 * Row count and an order-independent checksum of one table: the sum of a 64-bit hash of each row.
 * `record` hashes the column values with their types' hash functions (`hash_record_extended` over
 * `recordExpression`: stable within a PostgreSQL major version, 2–3× cheaper than printing rows);
 * `text` hashes the row's text (`hashtextextended(t::text)`, needs CHECKSUM_SESSION_SQL; backups
 * made before `record` carry no method and were hashed so). It guards against loss and corruption,
 * not against someone forging rows.
 */
async function checksumOf(
  client: Queryable,
  schema: string,
  table: string,
  hash: ChecksumHash,
): Promise<TableChecksum> {
  const expression = hash === 'record' ? await recordExpression(client, schema, table) : undefined
  // A table without columns has nothing for a record to hold: its rows are hashed as text.
  const method: ChecksumHash = expression ? 'record' : 'text'
  const rowHash = expression ? `hash_record_extended(${expression}, 0)` : 'hashtextextended(t::text, 0)'
  const { rows } = await client.query<{ rows: string; checksum: string }>(
    `SELECT count(*)::text AS rows, coalesce(sum(${rowHash}), 0)::text AS checksum FROM ${quoteIdent(schema)}.${quoteIdent(table)} t`,
  )
  return { rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum, hash: method }
}

/**
 * Row count, checksum and hash method of every table in the database's own schemas, read in the
 * client's current transaction (at backup time: the dump's snapshot). A restore that brings back
 * the same rows gives the same numbers by the same methods.
 */
export async function tableChecksums(client: Queryable): Promise<TableChecksums> {
  const result: TableChecksums = {}
  for (const { schemaname, tablename } of await listTables(client))
    result[`${schemaname}.${tablename}`] = await checksumOf(client, schemaname, tablename, 'record')
  return result
}

/**
 * Row count of every table in the database's own schemas (listed from the catalogue, counted
 * exactly in one statement), read in the client's current transaction: what a backup records
 * since format 3. Counting costs a fraction of hashing every row, so it no longer competes with
 * pg_dump for the cores; the restore drill computes the full checksums of what it restored and
 * records them on the backup (see `runRestoreDrill`).
 */
export async function tableCounts(client: Queryable): Promise<TableChecksums> {
  const tables = await listTables(client)
  if (!tables.length) return {}
  const { rows } = await client.query<{ i: number; rows: string }>(
    tables
      .map(
        (t, i) =>
          `SELECT ${i}::int AS i, count(*)::text AS rows FROM ${quoteIdent(t.schemaname)}.${quoteIdent(t.tablename)}`,
      )
      .join(' UNION ALL '),
  )
  const result: TableChecksums = {}
  for (const { i, rows: n } of rows.sort((a, b) => a.i - b.i)) {
    const t = tables[i]!
    result[`${t.schemaname}.${t.tablename}`] = { rows: Number(n) }
  }
  return result
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** Row count of one table, for a table whose record has no checksum to compare with. */
async function countOf(client: Queryable, schema: string, table: string): Promise<TableChecksum> {
  const { rows } = await client.query<{ rows: string }>(
    `SELECT count(*)::text AS rows FROM ${quoteIdent(schema)}.${quoteIdent(table)}`,
  )
  return { rows: Number(rows[0]!.rows) }
}

/**
 * Row counts and checksums of a database being restored, each table as soon as its data is in:
 * `ready(name)` queues a table (`schema.table`) whose rows are final; `finish()` adds every table
 * not queued yet and returns them all. A table is hashed when `expected` (the backup's record)
 * holds a checksum to compare with, the way it says (`text` when it names no method: backups made
 * before record hashing), or when `hashAll` asks for every checksum (a drill recording them);
 * otherwise only counted, as nothing would compare its checksum. One connection, so it takes at
 * most one core beside the restore.
 */
export async function checksumsAsRestored(
  databaseUrl: string,
  expected: TableChecksums = {},
  { hashAll = false }: { hashAll?: boolean } = {},
): Promise<{ ready: (table: string) => void; finish: () => Promise<TableChecksums> }> {
  const client = guardClient(
    new pg.Client({ connectionString: databaseUrl, application_name: 'ispops-restore-checksums' }),
    'backup',
  )
  await client.connect()
  await client.query(CHECKSUM_SESSION_SQL)
  const result: TableChecksums = {}
  const queued = new Set<string>()
  let work: Promise<void> = Promise.resolve()
  let failed: Error | undefined
  const enqueue = (schema: string, table: string) => {
    const name = `${schema}.${table}`
    if (queued.has(name)) return
    queued.add(name)
    work = work.then(async () => {
      if (failed) return
      try {
        result[name] =
          hashAll || expected[name]?.checksum !== undefined
            ? await checksumOf(client, schema, table, methodFor(expected[name]))
            : await countOf(client, schema, table)
      } catch (error) {
        failed = error as Error
      }
    })
  }
  return {
    ready: (name) => {
      const dot = name.indexOf('.')
      if (dot > 0) enqueue(name.slice(0, dot), name.slice(dot + 1))
    },
    finish: async () => {
      try {
        await work
        // Tables whose data was not announced (or not checked because the restore went wrong) now.
        const remaining = (await listTables(client)).filter((t) => !(`${t.schemaname}.${t.tablename}` in result))
        for (const t of remaining) queued.delete(`${t.schemaname}.${t.tablename}`)
        failed = undefined
        for (const t of remaining) enqueue(t.schemaname, t.tablename)
        await work
        if (failed) throw failed
        const known = new Set((await listTables(client)).map((t) => `${t.schemaname}.${t.tablename}`))
        return Object.fromEntries(
          Object.entries(result)
            .filter(([name]) => known.has(name))
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      } finally {
        await client.end().catch(() => {})
      }
    },
  }
}

/**
 * How to hash a table the backup recorded as `recorded`: as it was hashed; `text` for a checksum
 * without a method (made before record hashing); `record` for a count without a checksum or a
 * table the backup does not know.
 */
function methodFor(recorded: TableChecksum | undefined): ChecksumHash {
  if (!recorded || recorded.checksum === undefined) return 'record'
  return recorded.hash ?? 'text'
}

/** Whether every table of a record has a checksum (a backup since format 3 records counts only, until its first drill). */
export function hasChecksums(tables: TableChecksums): boolean {
  return Object.values(tables).every((t) => t.checksum !== undefined)
}

/** Two records of one backup (its manifest, its row after a drill), each table's entry with a checksum preferred. */
export function mergeRecords(first: TableChecksums, second: TableChecksums = {}): TableChecksums {
  const merged: TableChecksums = { ...first }
  for (const [table, entry] of Object.entries(second))
    if (!merged[table] || (merged[table]!.checksum === undefined && entry.checksum !== undefined)) merged[table] = entry
  return merged
}

/**
 * Differences between recorded and restored checksums (row counts only, for a table recorded
 * without a checksum), as readable lines; empty when identical.
 */
export function compareChecksums(expected: TableChecksums, actual: TableChecksums): string[] {
  const problems: string[] = []
  for (const [table, want] of Object.entries(expected)) {
    const got = actual[table]
    if (!got) problems.push(`${table}: missing`)
    else if (got.rows !== want.rows) problems.push(`${table}: ${got.rows} rows, expected ${want.rows}`)
    else if (
      want.checksum !== undefined &&
      (got.checksum !== want.checksum || (got.hash ?? 'text') !== (want.hash ?? 'text'))
    )
      problems.push(`${table}: checksum differs`)
  }
  for (const table of Object.keys(actual)) if (!expected[table]) problems.push(`${table}: not in the backup`)
  return problems
}
