import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import type { Backup } from '../../../payload-types'
import type { TableChecksums } from '../types'
import {
  type BackupManifest,
  type BaseRef,
  DUMP_FILE,
  listFiles,
  MANIFEST_FILE,
  MEDIA_TAR,
  unpack,
  unpackArchive,
} from './archive'
import { checksumsAsRestored, compareChecksums, mergeRecords, quoteIdent } from './checksums'
import { BackupIntegrityError, decryptFile, sha256File } from './encryption'
import { checkPgTools, streamPgTool } from './pgTools'
import { downloadFile } from './s3'
import { type BackupSettings, databaseNameOf, databaseUrlFor } from './settings'
import { guardClient } from '../../../db/health'

export type RestoreResult = {
  manifest: BackupManifest
  /** Row counts and checksums of the restored database. */
  tables: TableChecksums
  /** Differences from what the backup recorded; empty when the restore is faithful. */
  problems: string[]
  mediaFiles: number
  /** The backups whose uploads were used, newest first (one for a full backup). */
  chain: string[]
  durationMs: number
}

/**
 * Finds and checks the encrypted file of a base backup (one an incremental backup's uploads build
 * on) and returns its local path. Throws a clear error when it cannot be found or is not the file
 * the incremental backup recorded.
 */
export type BaseLocator = (base: BaseRef, workDir: string) => Promise<string>

/**
 * Finds the encrypted file of a backup row: the local copy when it is there and intact, else a
 * download from S3 into `workDir`. The SHA-256 recorded at backup time is checked either way.
 */
export async function fetchBackupFile(
  backup: Pick<Backup, 'id' | 'sha256' | 'storage' | 'fileName'>,
  settings: BackupSettings,
  workDir: string,
): Promise<string> {
  const local = backup.storage?.localPath
  if (local && fs.existsSync(local)) {
    await verifySha256(local, backup.sha256)
    return local
  }
  if (backup.storage?.s3Key && settings.s3) {
    const file = path.join(workDir, backup.fileName || `backup-${backup.id}.tar.enc`)
    await downloadFile(
      { ...settings.s3, bucket: backup.storage.s3Bucket || settings.s3.bucket },
      backup.storage.s3Key,
      file,
    )
    await verifySha256(file, backup.sha256)
    return file
  }
  throw new Error(
    `backup ${backup.id} has no reachable copy (local file missing${backup.storage?.s3Key ? ', S3 not configured' : ''})`,
  )
}

async function verifySha256(file: string, expected: string | null | undefined) {
  if (!expected) return
  const actual = await sha256File(file)
  if (actual !== expected)
    throw new BackupIntegrityError(
      `${file} is damaged: SHA-256 ${actual} differs from the ${expected} recorded at backup time`,
    )
}

/**
 * The usual way to find a base backup by the name its incremental backup recorded: beside the
 * backup being restored (`dir`), in BACKUP_DIR, then in S3 under the same prefix (`s3Prefix`, else
 * BACKUP_S3_PREFIX). Every copy found must have the recorded SHA-256.
 */
export function backupFileLocator(
  settings: BackupSettings,
  { dir, s3Prefix }: { dir?: string; s3Prefix?: string } = {},
): BaseLocator {
  return async (base, workDir) => {
    const looked: string[] = []
    for (const candidate of [
      ...new Set([dir, settings.backupDir].filter(Boolean).map((d) => path.join(d!, base.fileName))),
    ]) {
      looked.push(candidate)
      if (!fs.existsSync(candidate)) continue
      await verifySha256(candidate, base.sha256).catch((error: Error) => {
        throw new BackupIntegrityError(`base backup ${base.fileName} failed verification: ${error.message}`)
      })
      return candidate
    }
    if (settings.s3) {
      const key = `${s3Prefix ?? settings.s3.prefix}${base.fileName}`
      looked.push(`s3://${settings.s3.bucket}/${key}`)
      const file = path.join(workDir, `base-${base.fileName}`)
      const found = await downloadFile(settings.s3, key, file).then(
        () => true,
        (error: Error & { name?: string }) => {
          if (error.name === 'NoSuchKey' || error.name === 'NotFound') return false
          throw new Error(`could not fetch base backup ${base.fileName} from S3: ${error.message}`)
        },
      )
      if (found) {
        await verifySha256(file, base.sha256).catch((error: Error) => {
          throw new BackupIntegrityError(`base backup ${base.fileName} failed verification: ${error.message}`)
        })
        return file
      }
    }
    throw new Error(
      `base backup ${base.fileName} (${base.kind}, ${base.createdAt}) is missing: looked in ${looked.join(', ')}`,
    )
  }
}

type ChainLink = { name: string; manifest: BackupManifest; mediaTar?: string }

/**
 * The backups an incremental backup's uploads need, newest first: each base is fetched, checked
 * against the SHA-256 its successor recorded, decrypted and authenticated, down to a full one.
 */
async function resolveChain(
  first: ChainLink,
  key: Buffer,
  locateBase: BaseLocator,
  workDir: string,
): Promise<ChainLink[]> {
  const chain = [first]
  for (let link = first; link.manifest.media.mode === 'incremental';) {
    const base = link.manifest.media.base
    if (!base) throw new BackupIntegrityError(`${link.name} is incremental but names no base backup`)
    if (chain.length > 400) throw new BackupIntegrityError(`the chain of ${first.name} does not end in a full backup`)
    const where = path.join(workDir, `chain-${chain.length}`)
    fs.mkdirSync(where, { recursive: true })
    let file: string
    try {
      file = await locateBase(base, where)
      const plain = path.join(where, 'archive.tar')
      await decryptFile(file, plain, key, base.sha256)
      await unpackArchive(plain, where, (entry) => entry === MANIFEST_FILE || entry === MEDIA_TAR)
      fs.rmSync(plain)
    } catch (error) {
      throw new BackupIntegrityError(
        `cannot restore the uploads of ${first.name}: its chain needs ${base.fileName} (${base.kind} of ${base.createdAt}): ${(error as Error).message}`,
      )
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(where, MANIFEST_FILE), 'utf8')) as BackupManifest
    link = {
      name: base.fileName,
      manifest,
      mediaTar: fs.existsSync(path.join(where, MEDIA_TAR)) ? path.join(where, MEDIA_TAR) : undefined,
    }
    chain.push(link)
  }
  return chain
}

/**
 * Puts the upload set of `chain[0]` into `mediaDir`: each file from the newest backup in the chain
 * that stored it, then every file checked against the size and SHA-256 the set records.
 */
async function assembleUploads(chain: ChainLink[], mediaDir: string): Promise<string[]> {
  const set = chain[0]!.manifest.media.set!
  const missing = new Set(set.map((entry) => entry.path))
  for (const link of chain) {
    if (!link.mediaTar || !missing.size) continue
    const taken: string[] = []
    await unpack(link.mediaTar, mediaDir, (entry) => {
      if (!missing.has(entry)) return false
      taken.push(entry)
      return true
    })
    for (const entry of taken) missing.delete(entry)
  }
  const problems = [...missing].map((file) => `uploads: ${file} is in none of the backups of the chain`)
  for (const entry of set) {
    if (missing.has(entry.path)) continue
    const file = path.join(mediaDir, entry.path)
    if (fs.statSync(file).size !== entry.size || (await sha256File(file)) !== entry.sha256)
      problems.push(`uploads: ${entry.path} differs from the backup`)
  }
  return problems
}

/**
 * Restores an encrypted backup file into the database at `targetUrl` (created when missing) and,
 * when `mediaDir` is given, its uploads into that directory. The file (and, for an incremental
 * backup's uploads, every backup of its chain) is decrypted and authenticated completely before
 * anything touches the target. A target that already holds tables is refused unless `force`,
 * which empties it first. `locateBase` finds the chain's backups; by default beside `file`, in
 * BACKUP_DIR and in S3 (`settings`).
 */
export async function restoreBackupFile({
  file,
  key,
  targetUrl,
  force = false,
  mediaDir,
  expectedSha256,
  recorded,
  hashAll = false,
  locateBase,
  settings,
}: {
  file: string
  key: Buffer
  targetUrl: string
  force?: boolean
  mediaDir?: string
  expectedSha256?: string | null
  /** The backup row's record, when known: its checksums (from an earlier drill) are compared too. */
  recorded?: TableChecksums
  /** Checksum every table (a drill recording them), not only those a record can be compared with. */
  hashAll?: boolean
  locateBase?: BaseLocator
  settings?: BackupSettings
}): Promise<RestoreResult> {
  const started = Date.now()
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-restore-'))
  try {
    const plain = path.join(workDir, 'archive.tar')
    await decryptFile(file, plain, key, expectedSha256)
    const content = path.join(workDir, 'content')
    await unpackArchive(plain, content)
    fs.rmSync(plain)
    const manifest = JSON.parse(fs.readFileSync(path.join(content, MANIFEST_FILE), 'utf8')) as BackupManifest
    const first: ChainLink = {
      name: path.basename(file),
      manifest,
      mediaTar: fs.existsSync(path.join(content, MEDIA_TAR)) ? path.join(content, MEDIA_TAR) : undefined,
    }

    let chain = [first]
    if (mediaDir && manifest.media.mode === 'incremental') {
      const locate = locateBase ?? (settings ? backupFileLocator(settings, { dir: path.dirname(file) }) : undefined)
      if (!locate)
        throw new Error(
          `${first.name} stores only the uploads changed since ${manifest.media.base?.fileName}: say where its base backups are`,
        )
      chain = await resolveChain(first, key, locate, workDir)
    }

    await prepareTargetDatabase(targetUrl, force)
    const tables = await restoreDump(
      path.join(content, DUMP_FILE),
      targetUrl,
      mergeRecords(manifest.tables, recorded),
      {
        hashAll,
      },
    )
    const problems = compareChecksums(manifest.tables, tables)

    let mediaFiles = 0
    if (mediaDir) {
      fs.mkdirSync(mediaDir, { recursive: true })
      if (manifest.media.set) {
        problems.push(...(await assembleUploads(chain, mediaDir)))
        mediaFiles = manifest.media.set.length
      } else {
        // A backup from before upload sets were recorded holds all uploads.
        if (first.mediaTar) await unpack(first.mediaTar, mediaDir)
        mediaFiles = listFiles(mediaDir).length
        if (mediaFiles < manifest.media.files)
          problems.push(`uploads: ${mediaFiles} files restored, expected ${manifest.media.files}`)
      }
    }
    return {
      manifest,
      tables,
      problems,
      mediaFiles,
      chain: chain.map((link) => link.name),
      durationMs: Date.now() - started,
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

/**
 * pg_restore of the dump into the (empty) target, and the row counts and checksums of what it
 * restored (checksums where `expected` has one to compare with, or every table with `hashAll`).
 * Each table is counted or checksummed as soon as its data is in (pg_restore --verbose names the
 * table it starts loading; the one before is then committed and final), on one connection, while
 * pg_restore loads the next tables and builds the indexes: the check costs little more than the
 * restore itself on two cores. Without --single-transaction a failure would leave part of the
 * data, so the target is emptied again before the error is passed on. `expected` (the backup's
 * record) says how each table was hashed.
 */
export async function restoreDump(
  dumpFile: string,
  targetUrl: string,
  expected?: TableChecksums,
  { hashAll = false }: { hashAll?: boolean } = {},
): Promise<TableChecksums> {
  const { pgRestore } = await checkPgTools(targetUrl)
  const checksums = await checksumsAsRestored(targetUrl, expected, { hashAll })
  let loading: string | undefined
  try {
    await streamPgTool(
      pgRestore,
      ['--no-owner', '--no-privileges', '--exit-on-error', '--verbose', dumpFile],
      targetUrl,
      (line) => {
        if (loading) checksums.ready(loading)
        loading = /^pg_restore: processing data for table "(.+)"$/.exec(line)?.[1]
      },
    )
  } catch (error) {
    await checksums.finish().catch(() => {})
    await emptyDatabase(targetUrl).catch(() => {})
    throw error
  }
  return checksums.finish()
}

/** Creates the target database when missing; refuses (or with `force` empties) one that has tables. */
async function prepareTargetDatabase(targetUrl: string, force: boolean) {
  const name = databaseNameOf(targetUrl)
  const admin = guardClient(new pg.Client({ connectionString: databaseUrlFor(targetUrl, 'postgres') }), 'backup')
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
  const client = guardClient(new pg.Client({ connectionString: targetUrl }), 'backup')
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    )
    if (Number(rows[0]!.n) === 0) return
    if (!force)
      throw new Error(
        `database "${name}" is not empty (${rows[0]!.n} tables): refusing to overwrite it without --force`,
      )
  } finally {
    await client.end()
  }
  await emptyDatabase(targetUrl)
}

/** Drops every schema of a database and leaves an empty `public`. */
async function emptyDatabase(databaseUrl: string) {
  const client = guardClient(new pg.Client({ connectionString: databaseUrl }), 'backup')
  await client.connect()
  try {
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
  const admin = guardClient(new pg.Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') }), 'backup')
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}
