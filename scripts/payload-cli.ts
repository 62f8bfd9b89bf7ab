/**
 * Runs Payload's CLI (`payload migrate:create`, `generate:types`, …) against this project's database:
 * DATABASE_URL when set, otherwise the embedded PostgreSQL, started for the duration of the command.
 */
import '../src/env'

import { spawn } from 'node:child_process'
import path from 'node:path'

import { prepareEnvironment } from '../src/boot'

const database = await prepareEnvironment()
const child = spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: database.url, PAYLOAD_CONFIG_PATH: path.resolve('payload.config.ts') },
})
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
await database.stop()
process.exit(code)
