import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { startFakeMidtrans } from '../../src/fakes/midtrans'
import { startFakeXendit } from '../../src/fakes/xendit'
import { TEST_GATEWAYS } from './gateways'
import { monitoringEnv } from './monitoring'
import { freePort, waitForReady } from './net'
import { adminQuery, CHILD_NODE_OPTIONS, databaseUrl, startTestPostgres } from './postgres'
import { TEST_BACKUP_KEY, TEST_PAYLOAD_SECRET } from './payload'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    serverUrl: string
    mediaDir: string
    midtransUrl: string
    xenditUrl: string
  }
}

const root = path.resolve(import.meta.dirname, '../..')

/**
 * One run = one fresh database, migrated with the committed migrations (exactly what production
 * runs), and one production server (`next build` output behind server.ts) on a free port.
 */
export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres()
  const database = `ispops_test_${Date.now()}_${process.pid}`
  await adminQuery(postgres.adminUrl, `CREATE DATABASE "${database}"`)
  const url = databaseUrl(postgres.adminUrl, database)
  fs.mkdirSync(path.join(root, '.data'), { recursive: true })
  const mediaDir = fs.mkdtempSync(path.join(root, '.data', 'test-media-'))
  const env = {
    ...process.env,
    NODE_OPTIONS: CHILD_NODE_OPTIONS,
    DATABASE_URL: url,
    MEDIA_DIR: mediaDir,
    PAYLOAD_SECRET: TEST_PAYLOAD_SECRET,
    BACKUP_ENCRYPTION_KEY: TEST_BACKUP_KEY,
    LOG_LEVEL: 'warn',
  }
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { cwd: root, env, stdio: 'inherit' })

  // Fake payment gateways the server creates pay links at and that notify it back.
  const port = await freePort()
  let serverUrl = `http://127.0.0.1:${port}`
  const midtrans = await startFakeMidtrans({
    serverKey: TEST_GATEWAYS.midtransServerKey,
    notificationUrl: `${serverUrl}/api/billing/gateways/midtrans/notification`,
  })
  const xendit = await startFakeXendit({
    secretKey: TEST_GATEWAYS.xenditSecretKey,
    callbackToken: TEST_GATEWAYS.xenditCallbackToken,
    notificationUrl: `${serverUrl}/api/billing/gateways/xendit/notification`,
  })
  const gatewayEnv = {
    MIDTRANS_SERVER_KEY: TEST_GATEWAYS.midtransServerKey,
    MIDTRANS_BASE_URL: midtrans.url,
    XENDIT_SECRET_KEY: TEST_GATEWAYS.xenditSecretKey,
    XENDIT_CALLBACK_TOKEN: TEST_GATEWAYS.xenditCallbackToken,
    XENDIT_BASE_URL: xendit.url,
  }
  Object.assign(process.env, gatewayEnv)

  let server: ChildProcess | undefined
  if (fs.existsSync(path.join(root, '.next/BUILD_ID'))) {
    server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      cwd: root,
      env: {
        ...env,
        ...gatewayEnv,
        ...monitoringEnv,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        RUN_WORKER_IN_PROCESS: 'false',
        TRUST_PROXY: 'loopback',
        AUTH_RATE_LIMIT: '20',
        UPLOAD_MAX_BYTES: String(2 * 1024 * 1024),
        PDF_CACHE_DIR: path.join(mediaDir, 'pdf-cache'),
        WHATSAPP_APP_SECRET: TEST_GATEWAYS.whatsappAppSecret,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await waitForReady(`${serverUrl}/readyz`, server, 90_000)
  } else {
    serverUrl = ''
    console.warn('No production build (.next/BUILD_ID): HTTP and browser tests will fail. `npm test` builds first.')
  }

  process.env.DATABASE_URL = url
  process.env.MEDIA_DIR = mediaDir
  project.provide('databaseUrl', url)
  project.provide('serverUrl', serverUrl)
  project.provide('mediaDir', mediaDir)
  project.provide('midtransUrl', midtrans.url)
  project.provide('xenditUrl', xendit.url)

  return async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      await new Promise((resolve) => server!.once('exit', resolve))
    }
    await Promise.all([midtrans.close(), xendit.close()])
    await adminQuery(postgres.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {})
    fs.rmSync(mediaDir, { recursive: true, force: true })
    await postgres.stop()
  }
}
