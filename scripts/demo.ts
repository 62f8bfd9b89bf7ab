/**
 * `npm run demo`: the app with demo data, as a newcomer should first see it. Builds the production
 * bundle when there is none or the source changed (the build id is the source's hash), seeds what
 * is missing (src/seed/demo.ts), then serves the production build with the fake gateways, router
 * and WhatsApp in the same process (DEMO=true), on every address of the machine.
 */
import '../src/env'

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'

import { sourceHash } from './source-hash.mjs'

process.env.DEMO = 'true'
process.env.DEMO_FAKES ??= 'true'
// The demo is one process: its worker and schedules (correlator, router polls, WhatsApp sends) run
// inside it whether the database is the embedded one or DATABASE_URL's.
process.env.RUN_WORKER_IN_PROCESS ??= 'true'
if (process.env.NODE_ENV !== 'production') throw new Error('run the demo through `npm run demo` (NODE_ENV=production)')

const buildId = path.resolve('.next/BUILD_ID')
const built = fs.existsSync(buildId) && fs.readFileSync(buildId, 'utf8').trim() === sourceHash()
if (!built) {
  console.log('Building the app (first run, or the source changed); this takes two or three minutes…')
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const build = spawnSync(process.execPath, [nextBin, 'build', '--webpack'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--no-deprecation', NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (build.status !== 0) {
    console.error('The build failed; see above.')
    process.exit(build.status ?? 1)
  }
}

const { bootPayload } = await import('../src/boot')
const { printDemoAccounts, seedDemo } = await import('../src/seed/demo')
const { payload, database } = await bootPayload()
const seeded = await seedDemo(payload, { databaseUrl: database.url, log: (line) => console.log(`seed: ${line}`) })
if (seeded.status === 'not-a-demo-database')
  console.log('This database has staff accounts that are not the demo ones: no demo data added.')

// The server boots on the same Payload and database (both are cached per process).
await import('../server')

const port = Number(process.env.PORT ?? 3000)
const addresses = Object.values(os.networkInterfaces())
  .flat()
  .filter((a) => a && a.family === 'IPv4' && !a.internal)
  .map((a) => `http://${a!.address}:${port}`)
console.log(
  `\nISP Ops demo: http://127.0.0.1:${port}/admin${addresses.length ? ` (also ${addresses.join(', ')})` : ''}`,
)
printDemoAccounts(seeded.status === 'seeded' ? seeded.sample : undefined)
console.log('Stop with Ctrl+C; running `npm run demo` again keeps the data.\n')
