import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import type { Backup } from '../../../payload-types'
import type { TableChecksums } from '../types'
import { type BackupManifest, DUMP_FILE, listFiles, MANIFEST_FILE, MEDIA_TAR, unpack } from './archive'
import { compareChecksums, quoteIdent, tableChecksumsParallel } from './checksums'
import { BackupIntegrityError, decryptFile, sha256File } from './encryption'
import { runPgTool } from './pgTools'
import { downloadFile } from './s3'
import { type BackupSettings, databaseNameOf, databaseUrlFor } from './settings'

export type RestoreResult = {
  manifest: BackupManifest
  /** Row counts and checksums of the restored database. */
  tables: TableChecksums
  /** Differences from what the backup recorded; empty when the restore is faithful. */
  problems: string[]
  mediaFiles: number
  durationMs: number
}

/**
 * Finds the encrypted file of a backup row: the local copy when it is there and intact, else a
 * download from S3 into `workDir`. The SHA-256 recorded at backup time is checked either way.
 */
export async function fetchBackupFile(backup: Pick<Backup, 'id' | 'sha256' | 'storage' | 'fileName'>, settings: BackupSettings, workDir: string): Promise<string> {
  const local = backup.storage?.localPath
  if (local && fs.existsSync(local)) {
    await verifySha256(local, backup.sha256)
    return local
  }
  if (backup.storage?.s3Key && settings.s3) {
    const file = path.join(workDir, backup.fileName || `backup-${backup.id}.tar.enc`)
    await downloadFile({ ...settings.s3, bucket: backup.storage.s3Bucket || settings.s3.bucket }, backup.storage.s3Key, file)
    await verifySha256(file, backup.sha256)
    return file
  }
  throw new Error(`backup ${backup.id} has no reachable copy (local file missing${backup.storage?.s3Key ? ', S3 not configured' : ''})`)
}

async function verifySha256(file: string, expected: string | null | undefined) {
  if (!expected) return
  const actual = await sha256File(file)
  if (actual !== expected) throw new BackupIntegrityError(`${file} is damaged: SHA-256 ${actual} differs from the ${expected} recorded at backup time`)
}

/**
 * Restores an encrypted backup file into the database at `targetUrl` (created when missing) and,
 * when `mediaDir` is given, its uploads into that directory. The file is decrypted and
 * authenticated completely before anything touches the target. A target that already holds
 * tables is refused unless `force`, which empties it first.
 */
export async function restoreBackupFile({
  file,
  key,
  targetUrl,
  force = false,
  mediaDir,
  expectedSha256,
}: {
  file: string
  key: Buffer
  targetUrl: string
  force?: boolean
  mediaDir?: string
  expectedSha256?: string | null
}): Promise<RestoreResult> {
  const started = Date.now()
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-restore-'))
  try {
    await verifySha256(file, expectedSha256)
    const plain = path.join(workDir, 'archive.tar')
    await decryptFile(file, plain, key)
    const content = path.join(workDir, 'content')
    await unpack(plain, content)
    fs.rmSync(plain)
    const manifest = JSON.parse(fs.readFileSync(path.join(content, MANIFEST_FILE), 'utf8')) as BackupManifest

    await prepareTargetDatabase(targetUrl, force)
    await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', path.join(content, DUMP_FILE)], targetUrl)

    const tables = await tableChecksumsParallel(targetUrl)
    const problems = compareChecksums(manifest.tables, tables)

    let mediaFiles = 0
    if (mediaDir) {
      fs.mkdirSync(mediaDir, { recursive: true })
      if (fs.existsSync(path.join(content, MEDIA_TAR))) await unpack(path.join(content, MEDIA_TAR), mediaDir)
      mediaFiles = listFiles(mediaDir).length
      if (mediaFiles < manifest.media.files) problems.push(`uploads: ${mediaFiles} files restored, expected ${manifest.media.files}`)
    }
    return { manifest, tables, problems, mediaFiles, durationMs: Date.now() - started }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

/** Creates the target database when missing; refuses (or with `force` empties) one that has tables. */
async function prepareTargetDatabase(targetUrl: string, force: boolean) {
  const name = databaseNameOf(targetUrl)
  const admin = new pg.Client({ connectionString: databaseUrlFor(targetUrl, 'postgres') })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`)
      return
    }
  } finally {
    await admin.end()
  }
  const client = new pg.Client({ connectionString: targetUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
    if (Number(rows[0]!.n) === 0) return
    if (!force) throw new Error(`database "${name}" is not empty (${rows[0]!.n} tables): refusing to overwrite it without --force`)
    const { rows: schemas } = await client.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'",
    )
    for (const { nspname } of schemas) await client.query(`DROP SCHEMA ${quoteIdent(nspname)} CASCADE`)
    await client.query('CREATE SCHEMA public')
  } finally {
    await client.end()
  }
}

/** Drops a database, disconnecting anyone still on it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}
