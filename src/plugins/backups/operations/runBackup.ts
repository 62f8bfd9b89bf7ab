import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'

import pg from 'pg'
import type { PayloadRequest } from 'payload'

import { wibIsoDay } from '../../../lib/wib'
import type { Backup } from '../../../payload-types'
import type { BackupKind, MediaEntry, TableChecksums } from '../types'
import * as tar from 'tar'

import {
  type BackupManifest,
  type BaseRef,
  changedUploads,
  DUMP_FILE,
  MANIFEST_FILE,
  MEDIA_TAR,
  packMedia,
  scanMedia,
} from './archive'
import { CHECKSUM_SESSION_SQL, tableChecksums } from './checksums'
import { encryptStream, sha256File } from './encryption'
import { checkPgTools, type PgTools, runPgTool } from './pgTools'
import { queueStaffAlert } from '../../../operations/alertStaff'
import { pruneBackups } from './prune'
import { type BackupProgress, type ProgressReporter, progressReporter } from './progress'
import { uploadFile } from './s3'
import { type BackupSettings, databaseNameOf, parseEncryptionKey } from './settings'
import { guardClient } from '../../../db/health'

const BACKUP_LOCK_NAMESPACE = 0x15b1 // first key of the two-key advisory lock: "backup slot"

/**
 * The period a backup belongs to: its WIB day (daily, weekly), WIB month (monthly), or the moment
 * it was asked for (manual). One backup exists per (kind, slot).
 */
export function backupSlot(kind: BackupKind, queuedAt: Date): Date {
  if (kind === 'manual') return new Date(queuedAt)
  const [y, m, d] = wibIsoDay(queuedAt).split('-')
  return new Date(`${y}-${m}-${kind === 'monthly' ? '01' : d}T00:00:00+07:00`)
}

export type RunBackupResult = { backupId?: number; skipped: boolean; status?: Backup['status'] }

/** The backup a new one compares its uploads with: the newest verified backup of any kind. */
type PreviousBackup = Pick<Backup, 'id' | 'kind' | 'fileName' | 'sha256' | 'sizeBytes' | 'startedAt' | 'mediaIndex'>

/**
 * Makes one backup: pg_dump -Fc of a snapshot, whose row counts and checksums are recorded from
 * the same snapshot, plus the uploads (a daily only those changed since the newest verified
 * backup, its base; the others all), checked with pg_restore --list, encrypted (AES-256-GCM) and
 * hashed in one pass, written to BACKUP_DIR and uploaded to S3. Then prunes old backups. The row
 * shows the phase and percent while it runs.
 *
 * Runs once per (kind, slot): a session advisory lock keeps two workers off the same slot at the
 * same time, and a finished backup for the slot makes later calls return `skipped`. A failed
 * upload leaves the verified local copy and the error on the row and throws, so the job retries;
 * the retry reuses the local file and only repeats the upload.
 */
export async function runBackup({
  req,
  kind,
  queuedAt = new Date(),
  settings,
  progressIntervalMs = 1000,
  onProgress,
}: {
  req: PayloadRequest
  kind: BackupKind
  queuedAt?: Date
  settings: BackupSettings
  /** Least time between two progress writes within one phase (a phase change is written at once). */
  progressIntervalMs?: number
  /** Hears each progress write, after it reached the row. */
  onProgress?: (progress: BackupProgress) => void
}): Promise<RunBackupResult> {
  const { payload } = req
  const slot = backupSlot(kind, queuedAt)

  const lockClient = guardClient(
    new pg.Client({ connectionString: settings.databaseUrl, application_name: 'ispops-backup' }),
    'backup',
  )
  await lockClient.connect()
  try {
    const { rows } = await lockClient.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
      [BACKUP_LOCK_NAMESPACE, `${kind}:${slot.toISOString()}`],
    )
    if (!rows[0]!.locked) return { skipped: true }

    const { docs } = await payload.find({
      collection: 'backups',
      where: { and: [{ kind: { equals: kind } }, { slot: { equals: slot.toISOString() } }] },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    let backup = docs[0]
    if (backup?.status === 'verified') return { backupId: backup.id, skipped: true, status: backup.status }
    const fresh = !backup
    backup ??= await payload.create({
      collection: 'backups',
      data: {
        kind,
        slot: slot.toISOString(),
        status: 'running',
        startedAt: new Date().toISOString(),
        phase: 'dumping',
        progressPercent: 0,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })

    // The row is written through the database adapter: the collection has no hooks, and Payload's
    // update operation merges a new `tables` object into the stored null key by key, each key a
    // caught exception inside deepmerge: ~120 ms of a 3 s backup, against ~5 ms here.
    const update = async (data: Partial<Backup>) =>
      (await payload.db.updateOne({
        collection: 'backups',
        id: backup!.id,
        data: { ...data, updatedAt: new Date().toISOString() },
        req,
      })) as unknown as Backup
    const progress = progressReporter({
      client: lockClient,
      backupId: backup.id,
      withUpload: Boolean(settings.s3),
      intervalMs: progressIntervalMs,
      onWrite: onProgress,
      onError: (error) => payload.logger.warn({ err: error }, 'could not record backup progress'),
    })
    // What the last write (marking the backup verified) also records, when nothing was written between.
    let pending: Partial<Backup> = {}
    try {
      // Settings and tools are checked with the row in place, so a backup that cannot run shows
      // why on the backups list and the dashboard, and alerts the admins, like any other failure.
      const key = parseEncryptionKey(settings.encryptionKey)
      const tools = await checkPgTools(lockClient)
      fs.mkdirSync(settings.backupDir, { recursive: true })
      // A retry after a failed upload keeps the local copy it already verified.
      const reusable =
        backup.storage?.localPath &&
        backup.sha256 &&
        fs.existsSync(backup.storage.localPath) &&
        (await sha256File(backup.storage.localPath)) === backup.sha256
      if (!reusable) {
        // A copy left by an attempt that died half-way is not trusted: start over.
        if (backup.storage?.localPath) fs.rmSync(backup.storage.localPath, { force: true })
        if (!fresh)
          await update({
            status: 'running',
            error: null,
            startedAt: new Date().toISOString(),
            phase: 'dumping',
            progressPercent: 0,
            bytesSent: null,
            bytesTotal: null,
          })
        const previous = await newestVerifiedBackup(req)
        // Dailies store only the uploads changed since the newest verified backup (of any kind);
        // a backup made before upload sets were recorded cannot be a base, so the daily is full then.
        const base = kind === 'daily' && previous?.mediaIndex ? previous : undefined
        const made = await makeBackupFile({ settings, key, kind, slot, tools, previous, base, progress })
        const fileInfo: Partial<Backup> = {
          fileName: path.basename(made.file),
          sizeBytes: made.sizeBytes,
          sha256: made.sha256,
          tables: made.tables,
          mediaFiles: made.mediaFiles,
          mediaMode: base ? 'incremental' : 'full',
          base: base?.id ?? null,
          mediaIndex: made.mediaIndex,
          storage: { localPath: made.file },
        }
        await progress.flush()
        // Without S3 the file is all there is to store: one write records it and marks it verified.
        if (settings.s3) backup = await update(fileInfo)
        else pending = fileInfo
      }
      if (settings.s3) {
        const s3Key = `${settings.s3.prefix}${backup.fileName}`
        const total = backup.sizeBytes ?? fs.statSync(backup.storage!.localPath!).size
        progress.report('uploading', 0, { sent: 0, total })
        await uploadFile(settings.s3, s3Key, backup.storage!.localPath!, (sent, size) =>
          progress.report('uploading', sent / size, { sent, total: size }),
        )
        await progress.flush()
        pending = {
          storage: { ...backup.storage, s3Bucket: settings.s3.bucket, s3Key },
          bytesSent: total,
          bytesTotal: total,
        }
      }
      await progress.flush()
      backup = await update({
        ...pending,
        status: 'verified',
        error: null,
        finishedAt: new Date().toISOString(),
        phase: 'done',
        progressPercent: 100,
      })
      onProgress?.({
        phase: 'done',
        percent: 100,
        bytesSent: backup.bytesSent ?? undefined,
        bytesTotal: backup.bytesTotal ?? undefined,
      })
    } catch (error) {
      await progress.flush()
      await update({
        status: 'failed',
        error: (error as Error).message.slice(0, 4000),
        finishedAt: new Date().toISOString(),
      }).catch(() => {})
      // Once per backup, however many retries fail after it.
      await queueStaffAlert(payload, {
        key: `backup-failed:${backup.id}`,
        subject: `Pencadangan ${kind} gagal`,
        message: `Pencadangan ${kind} untuk periode ${slot.toISOString()} gagal: ${(error as Error).message.slice(0, 2000)}\n\nPekerjaan ini akan dicoba lagi otomatis. Lihat Sistem → Cadangan di panel admin.`,
      }).catch((alertError) => payload.logger.error({ err: alertError }, 'could not queue the backup failure alert'))
      throw error
    }
    await pruneBackups({ req, settings }).catch((error) =>
      payload.logger.error({ err: error }, 'pruning old backups failed'),
    )
    return { backupId: backup.id, skipped: false, status: backup.status }
  } finally {
    await lockClient.end().catch(() => {})
  }
}

async function newestVerifiedBackup(req: PayloadRequest): Promise<PreviousBackup | undefined> {
  const { docs } = await req.payload.find({
    collection: 'backups',
    where: { status: { equals: 'verified' } },
    sort: '-startedAt',
    limit: 1,
    depth: 0,
    select: { kind: true, fileName: true, sha256: true, sizeBytes: true, startedAt: true, mediaIndex: true },
    overrideAccess: true,
    req,
  })
  return docs[0] as PreviousBackup | undefined
}

/**
 * Dump, check, pack, encrypt. The checksums read the snapshot pg_dump dumps, on the connection that
 * exported it, while pg_dump runs (measured on 2 cores: this costs pg_dump less than computing them
 * after it, even on two connections); the uploads are scanned and packed meanwhile too. The
 * archive is packed, encrypted and hashed in one pass; the manifest holding the checksums goes last
 * into it.
 */
async function makeBackupFile({
  settings,
  key,
  kind,
  slot,
  tools,
  previous,
  base,
  progress,
}: {
  settings: BackupSettings
  key: Buffer
  kind: BackupKind
  slot: Date
  tools: PgTools
  previous?: PreviousBackup
  base?: PreviousBackup
  progress: ProgressReporter
}) {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const name = `ispops-${kind}-${stamp}-${Math.random().toString(36).slice(2, 8)}`
  const workDir = fs.mkdtempSync(path.join(settings.backupDir, `.work-${name}-`))
  const file = path.join(settings.backupDir, `${name}.tar.enc`)
  const snapshotClient = guardClient(
    new pg.Client({ connectionString: settings.databaseUrl, application_name: 'ispops-backup-snapshot' }),
    'backup',
  )
  try {
    const dumpPath = path.join(workDir, DUMP_FILE)
    await snapshotClient.connect()
    await snapshotClient.query(CHECKSUM_SESSION_SQL)
    await snapshotClient.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await snapshotClient.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id

    // The previous backup's size stands in for the dump's (the bar stops short of the end when it is off).
    progress.report('dumping', 0)
    const expected = previous?.sizeBytes ?? 0
    const ticker = setInterval(() => {
      if (!expected || !fs.existsSync(dumpPath)) return
      progress.report('dumping', Math.min(0.95, fs.statSync(dumpPath).size / expected))
    }, 250)
    const checksums = tableChecksums(snapshotClient)
    checksums.catch(() => {}) // awaited below; not an unhandled rejection meanwhile
    // The uploads are listed, hashed where changed and packed while pg_dump runs.
    const media = (async () => {
      const uploads = await scanMedia(settings.mediaDir, (previous?.mediaIndex as MediaEntry[] | null) ?? [])
      const stored = base ? changedUploads(uploads, base.mediaIndex as MediaEntry[]) : uploads
      return { uploads, packed: await packMedia(settings.mediaDir, path.join(workDir, MEDIA_TAR), stored) }
    })()
    media.catch(() => {})
    try {
      await runPgTool(
        tools.pgDump,
        ['--format=custom', `--snapshot=${snapshot}`, `--file=${dumpPath}`],
        settings.databaseUrl,
      )
    } catch (error) {
      await media.catch(() => {}) // done with workDir before it is removed
      throw error
    } finally {
      clearInterval(ticker)
    }

    progress.report('checking')
    // Encrypting starts beside the check; the `.partial` file is only kept if the check passes.
    const pack = new tar.Pack({ cwd: workDir, portable: true })
    pack.add(DUMP_FILE)
    let plainBytes = fs.statSync(dumpPath).size + 4096
    const encrypted = encryptStream(pack as unknown as Readable, `${file}.partial`, key, (bytes) =>
      progress.report('encrypting', bytes / plainBytes),
    )
    encrypted.catch(() => {})
    let tables: TableChecksums
    let uploads: MediaEntry[]
    let packed: { files: number; bytes: number }
    try {
      // Reads the table of contents: a dump pg_restore cannot read is never stored.
      await runPgTool(tools.pgRestore, ['--list', dumpPath])
      progress.report('encrypting')
      ;({ uploads, packed } = await media)
      if (packed.files) {
        plainBytes += fs.statSync(path.join(workDir, MEDIA_TAR)).size + 512
        pack.add(MEDIA_TAR)
      }
      tables = await checksums
    } catch (error) {
      pack.destroy(error as Error)
      await encrypted.catch(() => {})
      throw error
    }
    await snapshotClient.query('COMMIT')
    const baseRef: BaseRef | undefined = base
      ? { fileName: base.fileName!, sha256: base.sha256!, kind: base.kind, createdAt: base.startedAt }
      : undefined
    const manifest: BackupManifest = {
      format: 2,
      kind,
      slot: slot.toISOString(),
      createdAt: new Date().toISOString(),
      database: databaseNameOf(settings.databaseUrl),
      serverMajor: tools.serverMajor,
      tables,
      media: {
        files: packed.files,
        bytes: packed.bytes,
        mode: base ? 'incremental' : 'full',
        base: baseRef,
        set: uploads.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
      },
    }
    fs.writeFileSync(path.join(workDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2))
    pack.add(MANIFEST_FILE)
    pack.end()
    const { sha256, sizeBytes } = await encrypted
    fs.renameSync(`${file}.partial`, file)
    return { file, sha256, sizeBytes, tables, mediaFiles: packed.files, mediaIndex: uploads }
  } catch (error) {
    fs.rmSync(`${file}.partial`, { force: true })
    throw error
  } finally {
    await snapshotClient.end().catch(() => {})
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}
