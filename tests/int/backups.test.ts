import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import pg from 'pg'
import { renderToStaticMarkup } from 'react-dom/server'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver'
import * as tar from 'tar'
// @ts-expect-error s3rver ships no types
import AWSAccount from 's3rver/lib/models/account.js'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { queueScheduledRun } from '../../src/jobs/scheduler'
import { allSchedules } from '../../src/jobs/schedules'
import { unpackArchive } from '../../src/plugins/backups/operations/archive'
import { decryptFile, sha256File } from '../../src/plugins/backups/operations/encryption'
import type { BackupProgress } from '../../src/plugins/backups/operations/progress'
import { checkPgTools } from '../../src/plugins/backups/operations/pgTools'
import { fetchBackupFile, restoreBackupFile } from '../../src/plugins/backups/operations/restore'
import { runRestoreDrill } from '../../src/plugins/backups/operations/restoreDrill'
import { runBackup } from '../../src/plugins/backups/operations/runBackup'
import {
  type BackupSettings,
  backupSettingsFromEnv,
  databaseNameOf,
  databaseUrlFor,
  parseEncryptionKey,
} from '../../src/plugins/backups/operations/settings'
import { BackupStatus } from '../../src/plugins/backups/components/BackupStatus'
import { backUpNowEndpoint } from '../../src/plugins/backups/endpoints/backUpNow'
import { downloadBackupEndpoint } from '../../src/plugins/backups/endpoints/downloadBackup'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'
import { CHILD_NODE_OPTIONS } from '../helpers/postgres'

const root = path.resolve(import.meta.dirname, '../..')
const BUCKET = 'ispops-backups'
const ACCESS_KEY = 'ISPOPSTESTKEY'
const SECRET_KEY = crypto.randomBytes(20).toString('hex')
const KEY_HEX = crypto.randomBytes(32).toString('hex')

let payload: Payload
let req: PayloadRequest
let s3: { close: () => Promise<void>; endpoint: string }
let settings: BackupSettings
let workDir: string
const createdDatabases: string[] = []
const savedEnv = { ...process.env }

// ---------------------------------------------------------------------------------------------
// A local S3 (s3rver) that checks credentials the way S3 does. s3rver itself verifies only
// signature version 2 and takes any version-4 signature from a known key id, so a middleware in
// front of it recomputes each AWS SigV4 signature with the secret and refuses mismatches (403
// SignatureDoesNotMatch), unknown key ids (403 InvalidAccessKeyId) and unsigned requests.
// ---------------------------------------------------------------------------------------------
const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest()
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

function sigV4Problem(
  method: string,
  rawUrl: string,
  headers: Record<string, string | string[] | undefined>,
  secrets: Map<string, string>,
): string | undefined {
  const auth = String(headers.authorization ?? '')
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    )
  if (!match) return 'AccessDenied'
  const [, keyId, date, region, service, signedHeaders, signature] = match as unknown as string[]
  const secret = secrets.get(keyId!)
  if (!secret) return 'InvalidAccessKeyId'
  const [rawPath, rawQuery = ''] = rawUrl.split('?') as [string, string?]
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [k, v = ''] = pair.split('=')
      return [rfc3986(decodeURIComponent(k!)), rfc3986(decodeURIComponent(v.replace(/\+/g, '%20')))] as const
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const names = signedHeaders!.split(';')
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('')
  const payloadHash = String(headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD')
  const canonicalRequest = [method, rawPath, query, canonicalHeaders, signedHeaders, payloadHash].join('\n')
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(headers['x-amz-date']),
    scope,
    crypto.createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service!), 'aws4_request')
  const expected = hmac(signingKey, stringToSign).toString('hex')
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)) ? undefined : 'SignatureDoesNotMatch'
}

async function startS3(directory: string) {
  AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER')
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(ACCESS_KEY, SECRET_KEY)
  const secrets = new Map([[ACCESS_KEY, SECRET_KEY]])
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  })
  server.middleware.unshift(async (ctx: any, next: () => Promise<void>) => {
    const problem = sigV4Problem(ctx.method, ctx.req.url, ctx.req.headers, secrets)
    if (!problem) return next()
    ctx.status = 403
    ctx.type = 'application/xml'
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${problem}</Code><Message>request refused by the test S3</Message></Error>`
  })
  const { port } = (await server.run()) as AddressInfo
  return { endpoint: `http://127.0.0.1:${port}`, close: () => server.close() as Promise<void> }
}

function s3ClientFor(secret = SECRET_KEY) {
  return new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: secret },
    maxAttempts: 1,
  })
}

/** A port nothing listens on: S3 "down". */
async function closedPort(): Promise<number> {
  const net = await import('node:net')
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

function scratchDatabaseName(label: string) {
  const name = `${databaseNameOf(inject('databaseUrl'))}_${label}_${Date.now()}`.slice(0, 63)
  createdDatabases.push(name)
  return name
}

async function adminSql(sql: string) {
  const client = new pg.Client({ connectionString: databaseUrlFor(inject('databaseUrl'), 'postgres') })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

async function count(databaseUrl: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  } finally {
    await client.end()
  }
}

function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    out[path.relative(dir, file)] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
  }
  return out
}

/** The paths in a backup's uploads tar (decrypted with the test key), sorted. */
async function storedUploads(file: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(workDir, 'peek-'))
  try {
    await decryptFile(file, path.join(dir, 'archive'), parseEncryptionKey(KEY_HEX))
    await unpackArchive(path.join(dir, 'archive'), dir)
    if (!fs.existsSync(path.join(dir, 'media.tar'))) return []
    const paths: string[] = []
    await tar.t({ file: path.join(dir, 'media.tar'), onReadEntry: (entry) => void paths.push(entry.path) })
    return paths.sort()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function runRestoreCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/plugins/backups/cli/restore.ts', ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => resolve({ code, output }))
  })
}

beforeAll(async () => {
  payload = await testPayload()
  req = await createLocalReq({}, payload)
  fs.mkdirSync(path.join(root, '.data'), { recursive: true })
  workDir = fs.mkdtempSync(path.join(root, '.data', 'test-backups-'))
  s3 = await startS3(path.join(workDir, 's3'))
  const mediaDir = path.join(workDir, 'media')
  fs.mkdirSync(path.join(mediaDir, 'nested'), { recursive: true })
  fs.writeFileSync(path.join(mediaDir, 'ont-photo.jpg'), crypto.randomBytes(300_000))
  fs.writeFileSync(path.join(mediaDir, 'kontrak.pdf'), crypto.randomBytes(12_345))
  fs.writeFileSync(path.join(mediaDir, 'nested', 'ktp.png'), crypto.randomBytes(777))
  // The task reads its settings from the environment; the operations take them explicitly.
  Object.assign(process.env, {
    BACKUP_DIR: path.join(workDir, 'local'),
    MEDIA_DIR: mediaDir,
    BACKUP_ENCRYPTION_KEY: KEY_HEX,
    BACKUP_S3_ENDPOINT: s3.endpoint,
    BACKUP_S3_BUCKET: BUCKET,
    BACKUP_S3_REGION: 'us-east-1',
    BACKUP_S3_ACCESS_KEY_ID: ACCESS_KEY,
    BACKUP_S3_SECRET_ACCESS_KEY: SECRET_KEY,
  })
  settings = backupSettingsFromEnv()

  const pkg = await createPackage(payload)
  for (let i = 0; i < 5; i++) await createCustomer(payload, { package: pkg.id })
})

afterAll(async () => {
  // No backup job left queued for the workers of other test files.
  await payload
    ?.delete({
      collection: 'payload-jobs',
      where: { taskSlug: { in: ['backup', 'backupRestoreDrill'] } },
      overrideAccess: true,
    })
    .catch(() => {})
  for (const name of createdDatabases) await adminSql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {})
  await s3?.close().catch(() => {})
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key]
  Object.assign(process.env, savedEnv)
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true })
})

describe('the test S3 checks credentials', () => {
  it('refuses a wrong secret and an unknown key, accepts the right one', async () => {
    await expect(s3ClientFor('wrong-secret').send(new ListObjectsV2Command({ Bucket: BUCKET }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    })
    const stranger = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'NOBODY', secretAccessKey: SECRET_KEY },
      maxAttempts: 1,
    })
    await expect(stranger.send(new ListObjectsV2Command({ Bucket: BUCKET }))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    })
    const res = await s3ClientFor().send(new ListObjectsV2Command({ Bucket: BUCKET }))
    expect(res.$metadata.httpStatusCode).toBe(200)
  })
})

describe('backup and restore', () => {
  let backupId: number

  it('backs up, and a wiped database restored from it has identical row counts and uploads', async () => {
    const result = await runBackup({ req, kind: 'manual', settings })
    expect(result).toMatchObject({ skipped: false, status: 'verified' })
    backupId = result.backupId!
    const backup = await payload.findByID({ collection: 'backups', id: backupId, overrideAccess: true })
    expect(backup.status).toBe('verified')
    expect(backup.mediaFiles).toBe(3)
    expect(fs.existsSync(backup.storage!.localPath!)).toBe(true)
    expect(await sha256File(backup.storage!.localPath!)).toBe(backup.sha256)
    expect(backup.sizeBytes).toBe(fs.statSync(backup.storage!.localPath!).size)
    const head = await s3ClientFor().send(new HeadObjectCommand({ Bucket: BUCKET, Key: backup.storage!.s3Key! }))
    expect(head.ContentLength).toBe(backup.sizeBytes)
    // The key is never stored beside the backup.
    expect(fs.readFileSync(backup.storage!.localPath!).includes(Buffer.from(KEY_HEX, 'hex'))).toBe(false)
    const tables = backup.tables as Record<string, { rows: number; checksum?: string }>
    expect(tables['public.customers']!.rows).toBeGreaterThanOrEqual(5)
    // Row counts only at backup time (the first drill records checksums), counted in the dump's snapshot.
    expect(Object.keys(tables['public.customers']!)).toEqual(['rows'])
    // Not a tar: the dump goes in as pg_dump writes it, framed; a restore reads both layouts.
    expect(backup.fileName).toMatch(/\.bak\.enc$/)

    // Restore into an empty database, then wipe it (drop, create) and restore again from S3 alone.
    const target = scratchDatabaseName('restore')
    const targetUrl = databaseUrlFor(inject('databaseUrl'), target)
    const mediaOut = path.join(workDir, 'restored-media')
    const first = await restoreBackupFile({
      file: backup.storage!.localPath!,
      key: parseEncryptionKey(KEY_HEX),
      targetUrl,
      mediaDir: mediaOut,
      expectedSha256: backup.sha256,
    })
    expect(first.problems).toEqual([])
    expect(first.manifest.format).toBe(3)
    const rowsOf = (t: Record<string, { rows: number }>) =>
      Object.fromEntries(Object.entries(t).map(([name, { rows }]) => [name, rows]))
    expect(rowsOf(first.tables)).toEqual(rowsOf(tables))
    // Nothing recorded a checksum to compare with: the restore counts rows and hashes none.
    expect(Object.keys(first.tables['public.customers']!)).toEqual(['rows'])
    expect(Object.values(first.tables).every((t) => t.checksum === undefined)).toBe(true)
    expect(fileHashes(mediaOut)).toEqual(fileHashes(settings.mediaDir))

    await adminSql(`DROP DATABASE "${target}" WITH (FORCE)`)
    await adminSql(`CREATE DATABASE "${target}"`)
    fs.rmSync(mediaOut, { recursive: true, force: true })
    // `s3:latest`, as on a lost server: the newest object in the bucket is this backup.
    const cli = await runRestoreCli(['s3:latest', '--database', target, '--media-dir', mediaOut])
    expect(cli.output).toContain(`fetching s3://${BUCKET}/${backup.storage!.s3Key}`)
    expect(cli.output).toContain('row counts match the backup (it recorded no checksums)')
    expect(cli.code).toBe(0)
    expect(await count(targetUrl, 'customers')).toBe(tables['public.customers']!.rows)
    expect(fileHashes(mediaOut)).toEqual(fileHashes(settings.mediaDir))
  })

  it('refuses to restore over a non-empty database unless --force', async () => {
    const target = scratchDatabaseName('force')
    const targetUrl = databaseUrlFor(inject('databaseUrl'), target)
    const backup = await payload.findByID({ collection: 'backups', id: backupId, overrideAccess: true })
    await restoreBackupFile({ file: backup.storage!.localPath!, key: parseEncryptionKey(KEY_HEX), targetUrl })
    const client = new pg.Client({ connectionString: targetUrl })
    await client.connect()
    try {
      await client.query('TRUNCATE customers CASCADE')
    } finally {
      await client.end()
    }

    const refused = await runRestoreCli([String(backupId), '--database', target])
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/not empty .*--force/)
    expect(await count(targetUrl, 'customers')).toBe(0)

    const forced = await runRestoreCli([String(backupId), '--database', target, '--force'])
    expect(forced.output).toContain('row counts match the backup (it recorded no checksums)')
    expect(forced.code).toBe(0)
    expect(await count(targetUrl, 'customers')).toBe((backup.tables as any)['public.customers'].rows)
  })

  it('leaves the target empty when pg_restore fails half-way', async () => {
    const target = scratchDatabaseName('halfway')
    const targetUrl = databaseUrlFor(inject('databaseUrl'), target)
    await adminSql(`CREATE DATABASE "${target}"`)
    const client = new pg.Client({ connectionString: targetUrl })
    await client.connect()
    try {
      // No tables, so not refused; but a view named like the primary key index of customers makes
      // pg_restore stop after the data is loaded, when it builds the indexes.
      await client.query('CREATE VIEW public.customers_pkey AS SELECT 1 AS x')
    } finally {
      await client.end()
    }
    const backup = await payload.findByID({ collection: 'backups', id: backupId, overrideAccess: true })
    await expect(
      restoreBackupFile({ file: backup.storage!.localPath!, key: parseEncryptionKey(KEY_HEX), targetUrl }),
    ).rejects.toThrow(/pg_restore failed: .*customers_pkey.*already exists/)
    const check = new pg.Client({ connectionString: targetUrl })
    await check.connect()
    try {
      const { rows } = await check.query(
        "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
      )
      expect(rows[0].n).toBe(0)
    } finally {
      await check.end()
    }
  })

  it('detects a truncated or bit-flipped backup before using it, and names a wrong key', async () => {
    const backup = await payload.findByID({ collection: 'backups', id: backupId, overrideAccess: true })
    const original = fs.readFileSync(backup.storage!.localPath!)
    const key = parseEncryptionKey(KEY_HEX)

    const truncated = path.join(workDir, 'truncated.tar.enc')
    fs.writeFileSync(truncated, original.subarray(0, original.length - 1000))
    const flipped = path.join(workDir, 'flipped.tar.enc')
    const copy = Buffer.from(original)
    copy[Math.floor(copy.length / 2)]! ^= 0x01
    fs.writeFileSync(flipped, copy)

    for (const file of [truncated, flipped]) {
      const target = scratchDatabaseName('damaged')
      const targetUrl = databaseUrlFor(inject('databaseUrl'), target)
      // Without the recorded hash (a file from anywhere), the GCM tag catches it.
      await expect(restoreBackupFile({ file, key, targetUrl })).rejects.toThrow(/damaged/)
      // With it (restoring by id), the SHA-256 does, before decrypting.
      await expect(restoreBackupFile({ file, key, targetUrl, expectedSha256: backup.sha256 })).rejects.toThrow(
        /damaged: SHA-256/,
      )
      // Nothing was created or restored.
      const { rowCount } = await adminSql(`SELECT 1 FROM pg_database WHERE datname = '${target}'`)
      expect(rowCount).toBe(0)
    }
    // A backup whose local copy went bad is not used either.
    await expect(
      fetchBackupFile({ ...backup, storage: { ...backup.storage, localPath: flipped } }, settings, workDir),
    ).rejects.toThrow(/damaged: SHA-256/)

    const wrongKey = crypto.randomBytes(32)
    await expect(
      restoreBackupFile({
        file: backup.storage!.localPath!,
        key: wrongKey,
        targetUrl: databaseUrlFor(inject('databaseUrl'), scratchDatabaseName('wrongkey')),
      }),
    ).rejects.toThrow(/wrong encryption key/)
    const cli = await runRestoreCli([backup.storage!.localPath!, '--database', scratchDatabaseName('wrongkeycli')], {
      BACKUP_ENCRYPTION_KEY: wrongKey.toString('base64'),
    })
    expect(cli.code).toBe(1)
    expect(cli.output).toContain('wrong encryption key: BACKUP_ENCRYPTION_KEY is not the key this backup was made with')
    expect(() => parseEncryptionKey('too-short')).toThrow(/32 bytes/)
  })
})

describe('backup job', () => {
  it('with S3 unreachable fails and retries, keeps the local copy, and succeeds on a later run', async () => {
    const slot = '2026-03-03T02:00:00+07:00'
    process.env.BACKUP_S3_ENDPOINT = `http://127.0.0.1:${await closedPort()}`
    const job = await payload.jobs.queue({ task: 'backup', input: { kind: 'daily', slot } })
    await payload.jobs.runByID({ id: job.id, overrideAccess: true })

    let after = await payload.findByID({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    expect(after.completedAt).toBeFalsy()
    expect(after.hasError).toBeFalsy() // retries left: the queue runs it again
    expect(after.totalTried).toBe(1)
    const { docs } = await payload.find({
      collection: 'backups',
      where: { kind: { equals: 'daily' } },
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    const failed = docs[0]!
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i)
    expect(fs.existsSync(failed.storage!.localPath!)).toBe(true)
    expect(failed.storage!.s3Key).toBeFalsy()
    // The admins are alerted (by a job, once for this backup).
    const alerts = await payload.count({
      collection: 'payload-jobs',
      where: {
        and: [{ taskSlug: { equals: 'staffAlert' } }, { 'input.key': { equals: `backup-failed:${failed.id}` } }],
      },
      overrideAccess: true,
    })
    expect(alerts.totalDocs).toBe(1)

    process.env.BACKUP_S3_ENDPOINT = s3.endpoint
    await payload.jobs.runByID({ id: job.id, overrideAccess: true })
    after = await payload.findByID({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
    expect(after.completedAt).toBeTruthy()
    const done = await payload.findByID({ collection: 'backups', id: failed.id, overrideAccess: true })
    expect(done.status).toBe('verified')
    expect(done.error).toBeFalsy()
    // The retry uploaded the copy it had, not a new dump.
    expect(done.sha256).toBe(failed.sha256)
    expect(done.storage!.localPath).toBe(failed.storage!.localPath)
    const head = await s3ClientFor().send(new HeadObjectCommand({ Bucket: BUCKET, Key: done.storage!.s3Key! }))
    expect(head.ContentLength).toBe(done.sizeBytes)
  })

  it('runs in a worker process (npm run worker) like any job', async () => {
    const worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: CHILD_NODE_OPTIONS,
        WORKER_IDLE_MS: '100',
        WORKER_SCHEDULER: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    worker.stdout!.on('data', (chunk) => (output += chunk))
    worker.stderr!.on('data', (chunk) => (output += chunk))
    try {
      const slot = '2026-05-01T04:00:00+07:00'
      const job = await payload.jobs.queue({ task: 'backup', input: { kind: 'monthly', slot } })
      const deadline = Date.now() + 60_000
      let done = false
      while (!done && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250))
        done = Boolean(
          (await payload.findByID({ collection: 'payload-jobs', id: job.id, overrideAccess: true })).completedAt,
        )
      }
      expect(done, output).toBe(true)
      expect(output).not.toContain('backups will fail')
      const { docs } = await payload.find({
        collection: 'backups',
        where: { kind: { equals: 'monthly' } },
        overrideAccess: true,
      })
      expect(docs).toHaveLength(1)
      expect(docs[0]).toMatchObject({ status: 'verified', slot: new Date('2026-05-01T00:00:00+07:00').toISOString() })
    } finally {
      if (worker.exitCode === null) {
        const exited = new Promise((r) => worker.once('exit', r))
        worker.kill('SIGTERM')
        await exited
      }
    }
  })

  it('two workers starting the same 02:00 backup produce one backup', async () => {
    const daily = allSchedules(payload.config).find((s) => s.name === 'backup-daily')!
    expect(daily).toMatchObject({ cron: '0 2 * * 1-6', task: 'backup' })
    const slot = new Date('2026-04-07T02:00:00+07:00')
    const queued = await Promise.all([1, 2].map(() => queueScheduledRun(payload, daily, slot)))
    expect(queued.filter(Boolean)).toHaveLength(1)

    // And should two runs of the operation meet anyway (two jobs, a retry racing a run), one backs up.
    const at = new Date('2026-04-05T02:00:03+07:00')
    const results = await Promise.all(
      [1, 2].map(async () =>
        runBackup({ req: await createLocalReq({}, payload), kind: 'weekly', queuedAt: at, settings }),
      ),
    )
    expect(results.filter((r) => !r.skipped)).toHaveLength(1)
    const weeklies = await payload.find({
      collection: 'backups',
      where: { kind: { equals: 'weekly' } },
      overrideAccess: true,
    })
    expect(weeklies.docs).toHaveLength(1)
    expect(weeklies.docs[0]!.status).toBe('verified')
    expect(weeklies.docs[0]!.slot).toBe(new Date('2026-04-05T00:00:00+07:00').toISOString())
    // A later run for the same slot finds it done.
    expect(
      await runBackup({ req, kind: 'weekly', queuedAt: new Date('2026-04-05T09:00:00+07:00'), settings }),
    ).toMatchObject({ skipped: true, backupId: weeklies.docs[0]!.id })
  })
})

describe('progress', () => {
  it('goes through its phases on the row, visible to other sessions while it runs, and ends at done', async () => {
    const seen: (BackupProgress & { onRow?: { phase: string | null; percent: number | null } })[] = []
    const observer = new pg.Client({ connectionString: inject('databaseUrl') })
    await observer.connect()
    const reads: Promise<void>[] = []
    let result
    try {
      result = await runBackup({
        req,
        kind: 'manual',
        settings,
        progressIntervalMs: 20,
        onProgress: (progress) => {
          const entry: (typeof seen)[number] = { ...progress }
          seen.push(entry)
          // Another session reads the row as the admin list would, while the backup goes on.
          if (progress.phase !== 'done')
            reads.push(
              observer
                .query(
                  "SELECT phase, progress_percent::float AS percent FROM backups WHERE status = 'running' ORDER BY id DESC LIMIT 1",
                )
                .then(({ rows }) => {
                  entry.onRow = rows[0]
                }),
            )
        },
      })
      await Promise.all(reads)
    } finally {
      await observer.end()
    }
    const phases = seen.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1])
    expect(phases).toEqual(['dumping', 'checking', 'encrypting', 'uploading', 'done'])
    for (const entry of seen.filter((p) => p.phase !== 'done')) expect(entry.onRow?.phase).toBeTruthy()
    expect(seen.find((p) => p.phase === 'checking')!.onRow).toMatchObject({
      phase: expect.stringMatching(/checking|encrypting|uploading/),
    })
    const percents = seen.map((p) => p.percent)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(percents.at(-1)).toBe(100)

    const row = await payload.findByID({ collection: 'backups', id: result.backupId!, depth: 0, overrideAccess: true })
    expect(row).toMatchObject({
      status: 'verified',
      phase: 'done',
      progressPercent: 100,
      bytesSent: row.sizeBytes,
      bytesTotal: row.sizeBytes,
    })
    const uploads = seen.filter((p) => p.phase === 'uploading')
    expect(uploads.every((p) => p.bytesTotal === row.sizeBytes && p.bytesSent! <= p.bytesTotal!)).toBe(true)
  })

  it("shows a running backup's phase, percent and bytes uploaded on the dashboard panel", async () => {
    const { user } = await createStaff(payload, 'admin')
    const running = await payload.create({
      collection: 'backups',
      data: {
        kind: 'daily',
        slot: '2026-06-20T00:00:00+07:00',
        status: 'running',
        startedAt: new Date().toISOString(),
        phase: 'uploading',
        progressPercent: 87,
        bytesSent: 12 * 2 ** 20,
        bytesTotal: 20 * 2 ** 20,
      },
      overrideAccess: true,
    })
    try {
      const html = renderToStaticMarkup(
        (await BackupStatus({ payload, user: { ...user, collection: 'users' } as never }))!,
      )
      expect(html).toContain('data-phase="uploading"')
      expect(html).toContain('Pencadangan harian berjalan: mengunggah, 87% (12 MiB dari 20 MiB)')
      await payload.update({
        collection: 'backups',
        id: running.id,
        data: { phase: 'encrypting', progressPercent: 70 },
        overrideAccess: true,
      })
      expect(
        renderToStaticMarkup((await BackupStatus({ payload, user: { ...user, collection: 'users' } as never }))!),
      ).toContain('mengenkripsi, 70%')
    } finally {
      await payload.delete({ collection: 'backups', id: running.id, overrideAccess: true })
    }
  })
})

describe('incremental uploads', () => {
  const backups: Record<'weekly' | 'daily1' | 'daily2', { id: number; file: string; s3Key: string }> = {} as never
  const made = async (kind: 'weekly' | 'daily', slot: string) => {
    const result = await runBackup({ req, kind, queuedAt: new Date(slot), settings })
    expect(result).toMatchObject({ skipped: false, status: 'verified' })
    return payload.findByID({ collection: 'backups', id: result.backupId!, depth: 0, overrideAccess: true })
  }

  it('a daily after a weekly stores only the uploads changed since the backup before it', async () => {
    const weekly = await made('weekly', '2026-06-07T02:00:00+07:00')
    expect(weekly).toMatchObject({ mediaMode: 'full', mediaFiles: 3 })
    expect(await storedUploads(weekly.storage!.localPath!)).toEqual(['kontrak.pdf', 'nested/ktp.png', 'ont-photo.jpg'])

    // Changed: kontrak.pdf (same size, new content), a new photo; touched only: ktp.png (same bytes, new mtime).
    const media = settings.mediaDir
    fs.writeFileSync(path.join(media, 'kontrak.pdf'), crypto.randomBytes(12_345))
    fs.mkdirSync(path.join(media, 'baru'), { recursive: true })
    fs.writeFileSync(path.join(media, 'baru', 'foto-odp.jpg'), crypto.randomBytes(4_096))
    const later = new Date(Date.now() + 60_000)
    fs.utimesSync(path.join(media, 'nested', 'ktp.png'), later, later)
    const daily1 = await made('daily', '2026-06-08T02:00:00+07:00')
    expect(daily1).toMatchObject({ mediaMode: 'incremental', base: weekly.id, mediaFiles: 2 })
    expect(await storedUploads(daily1.storage!.localPath!)).toEqual(['baru/foto-odp.jpg', 'kontrak.pdf'])
    // The row keeps the whole set, with hashes, for the next backup and for restores.
    expect((daily1.mediaIndex as { path: string }[]).map((e) => e.path)).toEqual([
      'baru/foto-odp.jpg',
      'kontrak.pdf',
      'nested/ktp.png',
      'ont-photo.jpg',
    ])

    // Then: one photo replaced, one upload deleted.
    fs.writeFileSync(path.join(media, 'ont-photo.jpg'), crypto.randomBytes(250_000))
    fs.rmSync(path.join(media, 'nested', 'ktp.png'))
    const daily2 = await made('daily', '2026-06-09T02:00:00+07:00')
    expect(daily2).toMatchObject({ mediaMode: 'incremental', base: daily1.id, mediaFiles: 1 })
    expect(await storedUploads(daily2.storage!.localPath!)).toEqual(['ont-photo.jpg'])

    for (const [name, row] of [
      ['weekly', weekly],
      ['daily1', daily1],
      ['daily2', daily2],
    ] as const)
      backups[name] = { id: row.id, file: row.storage!.localPath!, s3Key: row.storage!.s3Key! }
  })

  it('a restore from the newest daily assembles the exact upload set from its chain, locally and from S3 alone', async () => {
    const expected = fileHashes(settings.mediaDir)
    expect(Object.keys(expected).sort()).toEqual(['baru/foto-odp.jpg', 'kontrak.pdf', 'ont-photo.jpg'])

    const out = path.join(workDir, 'restored-chain')
    const target = scratchDatabaseName('chain')
    const result = await restoreBackupFile({
      file: backups.daily2.file,
      key: parseEncryptionKey(KEY_HEX),
      targetUrl: databaseUrlFor(inject('databaseUrl'), target),
      mediaDir: out,
      settings,
    })
    expect(result.problems).toEqual([])
    expect(result.chain).toEqual([backups.daily2, backups.daily1, backups.weekly].map((b) => path.basename(b.file)))
    expect(fileHashes(out)).toEqual(expected) // byte-identical, and the deleted ktp.png is not brought back

    // A lost server: only the bucket. The chain's older backups come from S3 too.
    const emptyBackupDir = fs.mkdtempSync(path.join(workDir, 'empty-backup-dir-'))
    const fromS3 = path.join(workDir, 'restored-chain-s3')
    const cli = await runRestoreCli(
      [`s3:${backups.daily2.s3Key}`, '--database', scratchDatabaseName('chains3'), '--media-dir', fromS3],
      { BACKUP_DIR: emptyBackupDir },
    )
    expect(cli.output).toContain('uploads assembled from 3 backups')
    expect(cli.output).toContain('row counts match the backup (it recorded no checksums)')
    expect(cli.code).toBe(0)
    expect(fileHashes(fromS3)).toEqual(expected)
  })

  it('refuses clearly, before touching the database, when a backup of the chain is missing or damaged', async () => {
    const key = parseEncryptionKey(KEY_HEX)
    const moved = `${backups.daily1.file}.away`
    fs.renameSync(backups.daily1.file, moved)
    try {
      const target = scratchDatabaseName('chainmissing')
      // No local copy and no S3 to fall back on: the link is missing.
      await expect(
        restoreBackupFile({
          file: backups.daily2.file,
          key,
          targetUrl: databaseUrlFor(inject('databaseUrl'), target),
          mediaDir: path.join(workDir, 'nothing'),
          settings: { ...settings, s3: undefined },
        }),
      ).rejects.toThrow(
        new RegExp(
          `cannot restore the uploads of ${path.basename(backups.daily2.file)}: its chain needs ${path.basename(backups.daily1.file)} .*is missing`,
        ),
      )
      const { rowCount } = await adminSql(`SELECT 1 FROM pg_database WHERE datname = '${target}'`)
      expect(rowCount).toBe(0)
    } finally {
      fs.renameSync(moved, backups.daily1.file)
    }

    // A damaged local copy is refused, not silently replaced by another.
    const good = fs.readFileSync(backups.weekly.file)
    const bad = Buffer.from(good)
    bad[Math.floor(bad.length / 3)]! ^= 0x10
    fs.writeFileSync(backups.weekly.file, bad)
    try {
      const cli = await runRestoreCli([
        String(backups.daily2.id),
        '--database',
        scratchDatabaseName('chaindamaged'),
        '--media-dir',
        path.join(workDir, 'nothing2'),
      ])
      expect(cli.code).toBe(1)
      expect(cli.output).toContain(`its chain needs ${path.basename(backups.weekly.file)}`)
      expect(cli.output).toMatch(/failed verification: .*damaged: SHA-256/)
      // Restoring only the database does not need the chain.
      const dbOnly = await runRestoreCli([String(backups.daily2.id), '--database', scratchDatabaseName('chaindbonly')])
      expect(dbOnly.output).toContain('row counts match the backup (it recorded no checksums)')
      expect(dbOnly.code).toBe(0)
    } finally {
      fs.writeFileSync(backups.weekly.file, good)
    }
  })
})

describe('back up now', () => {
  it('lets an admin queue a manual backup and download a backup file, and nobody else', async () => {
    const admin = await createStaff(payload, 'admin')
    const finance = await createStaff(payload, 'finance')
    const asFinance = await backUpNowEndpoint.handler(
      await createLocalReq({ user: { ...finance.user, collection: 'users' } as never }, payload),
    )
    expect(asFinance.status).toBe(403)
    const asAdmin = await backUpNowEndpoint.handler(
      await createLocalReq({ user: { ...admin.user, collection: 'users' } as never }, payload),
    )
    expect(asAdmin.status).toBe(202)
    const { jobId } = await asAdmin.json()
    const job = await payload.findByID({ collection: 'payload-jobs', id: jobId, overrideAccess: true })
    expect(job).toMatchObject({ taskSlug: 'backup', input: { kind: 'manual' } })
    // Only admins read the backups list.
    await expect(
      payload.find({ collection: 'backups', overrideAccess: false, user: { ...finance.user, collection: 'users' } }),
    ).rejects.toThrow()
    const asAdminList = await payload.find({
      collection: 'backups',
      overrideAccess: false,
      user: { ...admin.user, collection: 'users' },
    })
    expect(asAdminList.totalDocs).toBeGreaterThan(0)

    // Download: the encrypted file, for admins only.
    const backup = asAdminList.docs.find((b) => b.status === 'verified')!
    const download = async (user: object) => {
      const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
      req.routeParams = { id: String(backup.id) }
      return downloadBackupEndpoint.handler(req)
    }
    expect((await download(finance.user)).status).toBe(403)
    const res = await download(admin.user)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(backup.fileName!)
    const body = Buffer.from(await res.arrayBuffer())
    expect(crypto.createHash('sha256').update(body).digest('hex')).toBe(backup.sha256)
  })
})

describe('a backup that cannot run', () => {
  it('is refused at once when asked for, and when scheduled shows its reason on the list and the dashboard and alerts the admins', async () => {
    const admin = await createStaff(payload, 'admin')
    const adminReq = async () => createLocalReq({ user: { ...admin.user, collection: 'users' } as never }, payload)
    const key = process.env.BACKUP_ENCRYPTION_KEY
    delete process.env.BACKUP_ENCRYPTION_KEY
    try {
      const jobsBefore = await payload.count({
        collection: 'payload-jobs',
        where: { taskSlug: { equals: 'backup' } },
        overrideAccess: true,
      })
      const asked = await backUpNowEndpoint.handler(await adminReq())
      expect(asked.status).toBe(409)
      expect((await asked.json()).message).toMatch(/^Pencadangan tidak dapat dimulai: BACKUP_ENCRYPTION_KEY is not set/)
      const jobsAfter = await payload.count({
        collection: 'payload-jobs',
        where: { taskSlug: { equals: 'backup' } },
        overrideAccess: true,
      })
      expect(jobsAfter.totalDocs).toBe(jobsBefore.totalDocs)

      // The scheduled job fails the same way, with its row, its reason and one alert.
      const slot = '2026-04-06T02:00:00+07:00'
      const job = await payload.jobs.queue({ task: 'backup', input: { kind: 'weekly', slot } })
      await payload.jobs.runByID({ id: job.id, overrideAccess: true })
      const { docs } = await payload.find({
        collection: 'backups',
        where: { and: [{ kind: { equals: 'weekly' } }, { slot: { equals: '2026-04-05T17:00:00.000Z' } }] },
        overrideAccess: true,
      })
      expect(docs).toHaveLength(1)
      expect(docs[0]).toMatchObject({ status: 'failed' })
      expect(docs[0]!.error).toMatch(/BACKUP_ENCRYPTION_KEY is not set/)
      const alerts = await payload.count({
        collection: 'payload-jobs',
        where: {
          and: [{ taskSlug: { equals: 'staffAlert' } }, { 'input.key': { equals: `backup-failed:${docs[0]!.id}` } }],
        },
        overrideAccess: true,
      })
      expect(alerts.totalDocs).toBe(1)
      const panel = renderToStaticMarkup(
        await BackupStatus({ payload, user: { ...admin.user, collection: 'users' } as never }),
      )
      expect(panel).toContain('data-testid="backup-failed"')
      expect(panel).toMatch(/Pencadangan mingguan .* gagal: BACKUP_ENCRYPTION_KEY is not set/)
    } finally {
      process.env.BACKUP_ENCRYPTION_KEY = key
      await payload.delete({
        collection: 'backups',
        where: { kind: { equals: 'weekly' }, status: { equals: 'failed' } },
        overrideAccess: true,
      })
    }
  })
})

describe('restore drill', () => {
  it('restores the newest verified backup into a scratch database, records a pass and drops the scratch database', async () => {
    const result = await runRestoreDrill({ req, settings })
    expect(result.message).toMatch(/restored identical/)
    // The newest verified backup is the second daily above: its uploads came from its whole chain.
    expect(result.message).toMatch(/uploads from 3 backups: ispops-daily-.* ← ispops-daily-.* ← ispops-weekly-/)
    expect(result.ok).toBe(true)
    const backup = await payload.findByID({ collection: 'backups', id: result.backupId!, overrideAccess: true })
    expect(backup.lastDrill).toMatchObject({ ok: true })
    // The backup recorded row counts; its first drill compared them and recorded the checksums.
    expect(result.message).toContain('(row counts compared; checksums now recorded)')
    const recorded = backup.tables as Record<string, { rows: number; checksum?: string; hash?: string }>
    expect(recorded['public.customers']).toMatchObject({ hash: 'record', checksum: expect.any(String) })
    // The next drill of the same backup compares the checksums, and passes.
    const again = await runRestoreDrill({ req, settings })
    expect(again).toMatchObject({ ok: true, backupId: backup.id })
    expect(again.message).not.toContain('checksums now recorded')
    // A restore by the backup's id compares them too.
    const cli = await runRestoreCli([String(backup.id), '--database', scratchDatabaseName('recheck')])
    expect(cli.output).toContain('row counts and checksums match the backup')
    expect(cli.code).toBe(0)
    // …and really hashes the restored rows: a recorded checksum that no longer matches is named.
    const tampered = { ...recorded, 'public.customers': { ...recorded['public.customers']!, checksum: '12345' } }
    await payload.update({
      collection: 'backups',
      id: backup.id,
      data: { tables: tampered },
      overrideAccess: true,
    })
    try {
      const differs = await runRestoreCli([String(backup.id), '--database', scratchDatabaseName('recheck2')])
      expect(differs.code).toBe(1)
      expect(differs.output).toContain('(recorded on the backup) public.customers: checksum differs')
    } finally {
      await payload.update({ collection: 'backups', id: backup.id, data: { tables: recorded }, overrideAccess: true })
    }
    const { rowCount } = await adminSql(
      `SELECT 1 FROM pg_database WHERE datname LIKE '${databaseNameOf(inject('databaseUrl'))}_drill_%'`,
    )
    expect(rowCount).toBe(0)
  })

  it('records a failed drill when the backup does not restore', async () => {
    const { docs } = await payload.find({
      collection: 'backups',
      where: { status: { equals: 'verified' } },
      sort: '-startedAt',
      limit: 1,
      overrideAccess: true,
    })
    const newest = docs[0]!
    const good = fs.readFileSync(newest.storage!.localPath!)
    const bad = Buffer.from(good)
    bad[bad.length - 5]! ^= 0xff
    fs.writeFileSync(newest.storage!.localPath!, bad)
    try {
      const result = await runRestoreDrill({ req, settings })
      expect(result.ok).toBe(false)
      expect(result.message).toMatch(/damaged/)
      const backup = await payload.findByID({ collection: 'backups', id: newest.id, overrideAccess: true })
      expect(backup.lastDrill).toMatchObject({ ok: false })
    } finally {
      fs.writeFileSync(newest.storage!.localPath!, good)
    }
  })
})

describe('pg_dump version check', () => {
  const fakeTools = (major: number) => {
    const bin = path.join(workDir, `fake-bin-${major}`)
    fs.mkdirSync(bin, { recursive: true })
    for (const program of ['pg_dump', 'pg_restore'])
      fs.writeFileSync(path.join(bin, program), `#!/bin/sh\necho "${program} (PostgreSQL) ${major}.11"\n`, {
        mode: 0o755,
      })
    return bin
  }

  it('fails clearly at start when pg_dump does not match the server major version', async () => {
    process.env.PG_BIN_DIR = fakeTools(14)
    try {
      await expect(checkPgTools(inject('databaseUrl'))).rejects.toThrow(
        /pg_dump is PostgreSQL 14 but the server is PostgreSQL \d+: install postgresql-client-\d+/,
      )
      await expect(runBackup({ req, kind: 'manual', settings })).rejects.toThrow(/pg_dump is PostgreSQL 14/)
    } finally {
      delete process.env.PG_BIN_DIR
    }
    expect((await checkPgTools(inject('databaseUrl'))).toolMajor).toBeGreaterThanOrEqual(15)
  })

  it("takes the server's version from Debian's versioned directory over another version on PATH", async () => {
    const { serverMajor } = await checkPgTools(inject('databaseUrl'))
    const versioned = `/usr/lib/postgresql/${serverMajor}/bin`
    // The README and .ci/run install Debian's postgresql-client, which puts the programs there.
    expect(fs.existsSync(path.join(versioned, 'pg_dump'))).toBe(true)
    const saved = process.env.PATH
    process.env.PATH = `${fakeTools(serverMajor - 1)}:${saved}`
    try {
      const tools = await checkPgTools(inject('databaseUrl'))
      expect(tools).toMatchObject({
        serverMajor,
        toolMajor: serverMajor,
        pgDump: path.join(versioned, 'pg_dump'),
        pgRestore: path.join(versioned, 'pg_restore'),
      })
    } finally {
      process.env.PATH = saved
    }
  })
})
