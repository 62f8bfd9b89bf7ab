/**
 * Demo data: a believable Depok ISP with one account per staff role, packages, a few hundred
 * customers with tickets, equipment and history, the FAQ, billing (invoices, payments, a router)
 * and the WhatsApp templates. Safe to run again, and after an interrupted run: each step commits
 * whole, and only the steps whose data is missing run (src/seed/demo.ts). A database holding
 * someone's real data (staff accounts but not the demo's) is left untouched.
 * `--customers N` changes the size (default 300).
 */
import { parseArgs } from 'node:util'

import { bootPayload, shutdownPayload } from '../src/boot'
import { printDemoAccounts, seedDemo } from '../src/seed/demo'

const { values } = parseArgs({ options: { customers: { type: 'string', default: '300' } } })
const { payload, database } = await bootPayload()
const result = await seedDemo(payload, {
  databaseUrl: database.url,
  customers: Number(values.customers),
  log: (line) => console.log(`seed: ${line}`),
})
if (result.status === 'not-a-demo-database') {
  console.log('This database has staff accounts that are not the demo ones: no demo data added.')
} else {
  console.log(result.ran.length ? '\nDemo data ready.' : 'Demo data already in place.')
  printDemoAccounts(result.sample)
}
await shutdownPayload(payload, database)
process.exit(0)
