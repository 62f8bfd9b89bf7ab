import fs from 'node:fs'
import path from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { Readable, type Writable } from 'node:stream'

import pg from 'pg'
import type { PayloadRequest } from 'payload'

import { wibIsoDay } from '../../../lib/wib'
import type { Backup } from '../../../payload-types'
import type { BackupKind, MediaEntry, TableChecksums } from '../types'

import {
  ARCHIVE_MAGIC,
  type BackupManifest,
  type BaseRef,
  changedUploads,
  frameHeader,
  MEDIA_TAR,
  packMedia,
  scanMedia,
} from './archive'
import { tableCounts } from './checksums'
import { encryptStream, sha256File } from './encryption'
import { checkPgTools, type PgTools, startPgTool } from './pgTools'
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
 * Dump, check, encrypt in one pass. pg_dump writes to a pipe; each piece of the dump goes at once
 * to `pg_restore --list` on its stdin (a dump whose table of contents pg_restore cannot read is
 * never stored) and, framed (see ARCHIVE_MAGIC), through AES-256-GCM and SHA-256 into the file;
 * nothing plain is written to disk but the uploads tar. The row counts are read from the snapshot
 * pg_dump dumps, on the connection that exported it, and the uploads are scanned and packed,
 * while pg_dump runs. The uploads tar and the manifest (with the counts) follow the dump.
 */
export async function makeBackupFile({
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
  const file = path.join(settings.backupDir, `${name}.bak.enc`)
  const snapshotClient = guardClient(
    new pg.Client({ connectionString: settings.databaseUrl, application_name: 'ispops-backup-snapshot' }),
    'backup',
  )
  const children: { kill: () => void }[] = []
  let media: Promise<{ uploads: MediaEntry[]; packed: { files: number; bytes: number } }> | undefined
  try {
    await snapshotClient.connect()
    await snapshotClient.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await snapshotClient.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id

    const dump = startPgTool(tools.pgDump, ['--format=custom', `--snapshot=${snapshot}`], {
      databaseUrl: settings.databaseUrl,
    })
    children.push(dump)
    const list = startPgTool(tools.pgRestore, ['--list'], { stdin: true })
    children.push(list)
    list.child.stdout.resume() // the listing itself is not needed, only that it succeeds
    const listInput = list.child.stdin!
    listInput.on('error', () => {}) // it may stop reading once it has the table of contents
    let listing = true
    void list.done.finally(() => (listing = false)).catch(() => {})

    const counts = tableCounts(snapshotClient)
    counts.catch(() => {}) // awaited below; not an unhandled rejection meanwhile
    // The uploads are listed, hashed where changed and packed while pg_dump runs.
    media = (async () => {
      const uploads = await scanMedia(settings.mediaDir, (previous?.mediaIndex as MediaEntry[] | null) ?? [])
      const stored = base ? changedUploads(uploads, base.mediaIndex as MediaEntry[]) : uploads
      return { uploads, packed: await packMedia(settings.mediaDir, path.join(workDir, MEDIA_TAR), stored) }
    })()
    media.catch(() => {})

    // The previous backup's size stands in for the dump's (the bar stops short of the end when it is off).
    progress.report('dumping', 0)
    const expected = previous?.sizeBytes ?? 0
    let tables: TableChecksums | undefined
    let uploads: MediaEntry[] = []
    let packed = { files: 0, bytes: 0 }

    async function* archive(): AsyncGenerator<Buffer> {
      yield ARCHIVE_MAGIC
      let dumped = 0
      for await (const chunk of dump.child.stdout as AsyncIterable<Buffer>) {
        dumped += chunk.length
        if (expected) progress.report('dumping', Math.min(0.95, dumped / expected))
        if (listing && !listInput.write(chunk)) await drainedOrClosed(listInput, list.child)
        yield Buffer.concat([frameHeader('D', chunk.length), chunk])
      }
      listInput.end()
      await dump.done
      progress.report('checking')
      await list.done
      progress.report('encrypting')
      ;({ uploads, packed } = await media!)
      if (packed.files)
        for await (const chunk of fs.createReadStream(path.join(workDir, MEDIA_TAR)) as AsyncIterable<Buffer>)
          yield Buffer.concat([frameHeader('M', chunk.length), chunk])
      tables = await counts
      await snapshotClient.query('COMMIT')
      const baseRef: BaseRef | undefined = base
        ? { fileName: base.fileName!, sha256: base.sha256!, kind: base.kind, createdAt: base.startedAt }
        : undefined
      const manifest: BackupManifest = {
        format: 3,
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
      const json = Buffer.from(JSON.stringify(manifest, null, 2))
      yield Buffer.concat([frameHeader('J', json.length), json, frameHeader('E', 0)])
    }

    const { sha256, sizeBytes } = await encryptStream(Readable.from(archive()), `${file}.partial`, key)
    fs.renameSync(`${file}.partial`, file)
    return { file, sha256, sizeBytes, tables: tables!, mediaFiles: packed.files, mediaIndex: uploads }
  } catch (error) {
    fs.rmSync(`${file}.partial`, { force: true })
    throw error
  } finally {
    for (const child of children) child.kill()
    await media?.catch(() => {}) // done with workDir before it is removed
    await snapshotClient.end().catch(() => {})
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

/** Waits until `input` takes more, or the program reading it has ended. */
function drainedOrClosed(input: Writable, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      input.off('drain', done)
      child.off('close', done)
      resolve()
    }
    input.once('drain', done)
    child.once('close', done)
  })
}
