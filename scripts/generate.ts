/**
 * Bulk data for benchmarks and load tests: `npm run generate -- --customers 10000 [--seed 1]`.
 * Adds to whatever the database holds; technicians for ticket assignment are the existing ones.
 */
import { parseArgs } from 'node:util'

import pg from 'pg'

import { bootPayload, shutdownPayload } from '../src/boot'
import { generateDataset } from '../src/seed/generator'

const { values } = parseArgs({
  options: { customers: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } },
})
const customers = Number(values.customers)
if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000) {
  console.error('--customers must be a whole number between 1 and 1,000,000')
  process.exit(2)
}

const { payload, database } = await bootPayload()
const client = new pg.Client({ connectionString: database.url })
await client.connect()
const { rows } = await client.query<{ id: number }>("SELECT id FROM users WHERE role = 'technician'")
const started = performance.now()
const result = await generateDataset(client, {
  customers,
  seed: Number(values.seed),
  technicianIds: rows.map((r) => r.id),
})
console.log(JSON.stringify({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }))
await client.end()
await shutdownPayload(payload, database)
process.exit(0)
