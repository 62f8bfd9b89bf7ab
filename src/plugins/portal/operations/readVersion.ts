import type { CollectionConfig, Payload, PayloadRequest, TypeWithID, Where } from 'payload'

import { pgPool } from '../../../db/pool'
import { logger } from '../../../lib/logger'

/**
 * The version of what a customer's REST read of a collection can show, for the read cache in front
 * of the REST API (server.ts): a depth-0 read (`GET /api/<slug>?depth=0…`, `GET /api/<slug>/<id>?depth=0`)
 * answers from the rows of the collection the customer may read, their arrays and relationship
 * rows, and the rows its join fields list. This is an md5 over all those rows, whole, in one
 * statement, so a change by any path (Payload, raw SQL, another server) changes it.
 *
 * Which rows a customer may read is taken from the collection's own read access rule, called as
 * that customer: only a rule that answers `{ <field>: { equals: <the customer's id> } }` is
 * understood (the column of that field is then the filter); any other answer (true, false, a wider
 * or composite Where, an error) gives no version, and the read is answered by Payload as usual.
 *
 * A collection takes part with `custom: { customerReadCache: true }`, and may do so only when a
 * depth-0 read of it depends on nothing else: no afterRead hook reading other collections or the
 * clock, no virtual fields computed from elsewhere, join fields only on collections whose rows (and
 * whose customer access) follow from the joined rows and the collection's own rows.
 */

type Catalog = Map<string, Map<string, string>>

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
/** Payload's column for a top-level relationship field (`assignedTechnician` → `assigned_technician_id`). */
const relationColumn = (field: string) => `${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_id`

/** Every table of the schema with its columns and their types, read once per fingerprint built. */
async function readCatalog(payload: Payload): Promise<Catalog> {
  const { rows } = await pgPool(payload).query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()`,
  )
  const catalog: Catalog = new Map()
  for (const row of rows) {
    let columns = catalog.get(row.table_name)
    if (!columns) catalog.set(row.table_name, (columns = new Map()))
    columns.set(row.column_name, row.data_type)
  }
  return catalog
}

/** A collection's tables: its own, its arrays' (rows point at the document) and its relationships'. */
function tablesOf(catalog: Catalog, slug: string): { main: string; arrays: string[]; rels: string[] } {
  const main = slug.replaceAll('-', '_')
  if (!catalog.has(main)) throw new Error(`read cache: no table for collection ${slug}`)
  const arrays: string[] = []
  const rels: string[] = []
  for (const [name, columns] of catalog) {
    if (!name.startsWith(`${main}_`)) continue
    if (name === `${main}_rels` && columns.has('parent_id')) rels.push(name)
    else if (columns.has('_parent_id')) {
      // A nested array's rows point at the array row above (a text id): not understood here.
      if (columns.get('_parent_id') !== 'integer')
        throw new Error(`read cache: ${name} is a nested array; ${slug} cannot take part`)
      arrays.push(name)
    }
  }
  return { main, arrays, rels }
}

/**
 * The fingerprint statement for a customer's reads of `collection` filtered on `column` = $1: whole
 * rows of the documents, of their arrays and relationships, and of what their join fields list
 * (with those rows' arrays and relationships).
 */
function buildFingerprint(catalog: Catalog, payload: Payload, collection: CollectionConfig, column: string): string {
  const { main, arrays, rels } = tablesOf(catalog, collection.slug)
  const mine = `(SELECT id FROM ${quote(main)} WHERE ${quote(column)} = $1)`
  const rowsOf = (table: string, parent: string, parents: string) =>
    `(SELECT string_agg(s::text, ',' ORDER BY s::text) FROM ${quote(table)} s WHERE s.${quote(parent)} IN ${parents})`
  const parts = [`(SELECT string_agg(m::text, ',' ORDER BY m.id) FROM ${quote(main)} m WHERE m.${quote(column)} = $1)`]
  for (const table of arrays) parts.push(rowsOf(table, '_parent_id', mine))
  for (const table of rels) parts.push(rowsOf(table, 'parent_id', mine))
  for (const field of collection.fields) {
    if (field.type !== 'join') continue
    const target = payload.collections[field.collection as keyof typeof payload.collections]?.config
    const joined = target && tablesOf(catalog, target.slug)
    const on = relationColumn(field.on)
    if (!joined || field.on.includes('.') || !catalog.get(joined.main)?.has(on))
      throw new Error(`read cache: join ${field.name} of ${collection.slug} is not understood`)
    const listed = `(SELECT id FROM ${quote(joined.main)} WHERE ${quote(on)} IN ${mine})`
    parts.push(rowsOf(joined.main, on, mine))
    for (const table of joined.arrays) parts.push(rowsOf(table, '_parent_id', listed))
    for (const table of joined.rels) parts.push(rowsOf(table, 'parent_id', listed))
  }
  return `SELECT md5(concat_ws('|', ${parts.join(',\n  ')})) AS version`
}

/** The column a customer's read of the collection is filtered on, from its access rule; else undefined. */
async function customerColumn(
  payload: Payload,
  collection: CollectionConfig,
  customer: TypeWithID & { collection: string },
): Promise<string | undefined> {
  const read = collection.access?.read
  if (!read) return undefined
  let where: boolean | Where
  try {
    where = await read({ req: { payload, user: customer } as unknown as PayloadRequest })
  } catch {
    return undefined
  }
  if (typeof where !== 'object' || where === null) return undefined
  const keys = Object.keys(where)
  if (keys.length !== 1) return undefined
  const field = keys[0]!
  const condition = where[field] as Record<string, unknown> | undefined
  if (!condition || Object.keys(condition).length !== 1 || String(condition.equals) !== String(customer.id))
    return undefined
  // A relationship to one collection, stored on the document's own row.
  const top = collection.fields.find((f) => 'name' in f && f.name === field)
  if (top?.type !== 'relationship' || top.hasMany || Array.isArray(top.relationTo)) return undefined
  return relationColumn(field)
}

/** Fingerprint statements by collection and column; null where none can be built (never retried). */
const fingerprints = new WeakMap<Payload, Map<string, string | null>>()

/**
 * The version of what `customer` can read of collection `slug` at depth 0, now; undefined when the
 * collection does not take part or its access rule for this customer is not one this understands.
 */
export async function customerReadVersion(
  payload: Payload,
  slug: string,
  customer: TypeWithID & { collection: string },
): Promise<string | undefined> {
  const collection = payload.collections[slug as keyof typeof payload.collections]?.config
  if (!collection?.custom?.customerReadCache) return undefined
  const column = await customerColumn(payload, collection, customer)
  if (!column) return undefined
  let known = fingerprints.get(payload)
  if (!known) fingerprints.set(payload, (known = new Map()))
  const key = `${slug}\n${column}`
  let text = known.get(key)
  if (text === undefined) {
    // Built once per process: a collection that cannot take part is told once, then read uncached.
    const catalog = await readCatalog(payload)
    let built: string | null = null
    try {
      if (catalog.get(collection.slug.replaceAll('-', '_'))?.has(column))
        built = buildFingerprint(catalog, payload, collection, column)
    } catch (error) {
      logger.error({ err: error, collection: slug }, 'read cache: this collection cannot take part')
    }
    known.set(key, built)
    text = built
  }
  if (text === null) return undefined
  const { rows } = await pgPool(payload).query<{ version: string }>({
    name: `customer-read-${slug}-${column}`,
    text,
    values: [Number(customer.id)],
  })
  return rows[0]!.version
}
