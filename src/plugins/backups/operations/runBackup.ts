import fs from 'node:fs'
import path from 'node:path'

import pg from 'pg'
import type { PayloadRequest } from 'payload'

import type { Backup } from '../../../payload-types'
import type { BackupKind, TableChecksums } from '../types'
import { type BackupManifest, DUMP_FILE, MANIFEST_FILE, MEDIA_TAR, packArchive, packMedia } from './archive'
import { CHECKSUM_SESSION_SQL, tableChecksums } from './checksums'
import { encryptFile, sha256File } from './encryption'
import { checkPgTools, runPgTool } from './pgTools'
import { queueStaffAlert } from '../../../operations/alertStaff'
import { pruneBackups } from './prune'
import { uploadFile } from './s3'
import { type BackupSettings, databaseNameOf, parseEncryptionKey } from './settings'

const BACKUP_LOCK_NAMESPACE = 0x15b1 // first key of the two-key advisory lock: "backup slot"

const wibDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' })

/**
 * The period a backup belongs to: its WIB day (daily, weekly), WIB month (monthly), or the moment
 * it was asked for (manual). One backup exists per (kind, slot).
 */
export function backupSlot(kind: BackupKind, queuedAt: Date): Date {
  if (kind === 'manual') return new Date(queuedAt)
  const [y, m, d] = wibDay.format(queuedAt).split('-')
  return new Date(`${y}-${m}-${kind === 'monthly' ? '01' : d}T00:00:00+07:00`)
}

export type RunBackupResult = { backupId?: number; skipped: boolean; status?: Backup['status'] }

/**
 * Makes one backup: pg_dump -Fc of a snapshot (whose row counts and checksums are recorded from
 * the same snapshot), plus the uploads, checked with pg_restore --list, encrypted (AES-256-GCM),
 * hashed, written to BACKUP_DIR and uploaded to S3. Then prunes old backups.
 *
 * Runs once per (kind, slot): a session advisory lock keeps two workers off the same slot at the
 * same time, and a finished backup for the slot makes later calls return `skipped`. A failed
 * upload leaves the verified local copy and the error on the row and throws, so the job retries;
 * the retry reuses the local file and only repeats the upload.
 */
export async function runBackup({ req, kind, queuedAt = new Date(), settings }: { req: PayloadRequest; kind: BackupKind; queuedAt?: Date; settings: BackupSettings }): Promise<RunBackupResult> {
  const { payload } = req
  const key = parseEncryptionKey(settings.encryptionKey)
  const tools = await checkPgTools(settings.databaseUrl)
  const slot = backupSlot(kind, queuedAt)

  const lockClient = new pg.Client({ connectionString: settings.databaseUrl, application_name: 'ispops-backup' })
  await lockClient.connect()
  try {
    const { rows } = await lockClient.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [BACKUP_LOCK_NAMESPACE, `${kind}:${slot.toISOString()}`])
    if (!rows[0]!.locked) return { skipped: true }

    const { docs } = await payload.find({ collection: 'backups', where: { and: [{ kind: { equals: kind } }, { slot: { equals: slot.toISOString() } }] }, limit: 1, overrideAccess: true, req })
    let backup = docs[0]
    if (backup?.status === 'verified') return { backupId: backup.id, skipped: true, status: backup.status }
    backup ??= await payload.create({ collection: 'backups', data: { kind, slot: slot.toISOString(), status: 'running', startedAt: new Date().toISOString() }, overrideAccess: true, req })

    const update = (data: Partial<Backup>) => payload.update({ collection: 'backups', id: backup!.id, data: data as never, overrideAccess: true, req })
    try {
      fs.mkdirSync(settings.backupDir, { recursive: true })
      // A retry after a failed upload keeps the local copy it already verified.
      const reusable = backup.storage?.localPath && backup.sha256 && fs.existsSync(backup.storage.localPath) && (await sha256File(backup.storage.localPath)) === backup.sha256
      if (!reusable) {
        // A copy left by an attempt that died half-way is not trusted: start over.
        if (backup.storage?.localPath) fs.rmSync(backup.storage.localPath, { force: true })
        await update({ status: 'running', error: null, startedAt: new Date().toISOString() })
        const made = await makeBackupFile({ settings, key, kind, slot, serverMajor: tools.serverMajor })
        backup = await update({
          fileName: path.basename(made.file),
          sizeBytes: made.sizeBytes,
          sha256: made.sha256,
          tables: made.tables,
          mediaFiles: made.mediaFiles,
          storage: { localPath: made.file },
        })
      }
      if (settings.s3) {
        const s3Key = `${settings.s3.prefix}${backup.fileName}`
        await uploadFile(settings.s3, s3Key, backup.storage!.localPath!)
        backup = await update({ storage: { ...backup.storage, s3Bucket: settings.s3.bucket, s3Key } })
      }
      backup = await update({ status: 'verified', error: null, finishedAt: new Date().toISOString() })
    } catch (error) {
      await update({ status: 'failed', error: (error as Error).message.slice(0, 4000), finishedAt: new Date().toISOString() }).catch(() => {})
      // Once per backup, however many retries fail after it.
      await queueStaffAlert(payload, {
        key: `backup-failed:${backup.id}`,
        subject: `Pencadangan ${kind} gagal`,
        message: `Pencadangan ${kind} untuk periode ${slot.toISOString()} gagal: ${(error as Error).message.slice(0, 2000)}\n\nPekerjaan ini akan dicoba lagi otomatis. Lihat Sistem → Cadangan di panel admin.`,
      }).catch((alertError) => payload.logger.error({ err: alertError }, 'could not queue the backup failure alert'))
      throw error
    }
    await pruneBackups({ req, settings }).catch((error) => payload.logger.error({ err: error }, 'pruning old backups failed'))
    return { backupId: backup.id, skipped: false, status: backup.status }
  } finally {
    await lockClient.end().catch(() => {})
  }
}

/** Dump, pack, check, encrypt: returns the encrypted file in BACKUP_DIR and what it holds. */
async function makeBackupFile({ settings, key, kind, slot, serverMajor }: { settings: BackupSettings; key: Buffer; kind: BackupKind; slot: Date; serverMajor: number }) {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  const name = `ispops-${kind}-${stamp}-${Math.random().toString(36).slice(2, 8)}`
  const workDir = fs.mkdtempSync(path.join(settings.backupDir, `.work-${name}-`))
  try {
    const dumpPath = path.join(workDir, DUMP_FILE)
    // The checksums and the dump read the same snapshot, so they describe exactly the same rows.
    const snapshotClient = new pg.Client({ connectionString: settings.databaseUrl, application_name: 'ispops-backup-snapshot' })
    await snapshotClient.connect()
    let tables: TableChecksums
    try {
      await snapshotClient.query(CHECKSUM_SESSION_SQL)
      await snapshotClient.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const snapshot = (await snapshotClient.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id
      // pg_dump (its own process and connection) and the checksums run side by side.
      ;[, tables] = await Promise.all([
        runPgTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${dumpPath}`], settings.databaseUrl),
        tableChecksums(snapshotClient),
      ])
      await snapshotClient.query('COMMIT')
    } finally {
      await snapshotClient.end().catch(() => {})
    }
    // Reads the whole table of contents: a dump pg_restore cannot read is never stored.
    await runPgTool('pg_restore', ['--list', dumpPath])
    const media = await packMedia(settings.mediaDir, path.join(workDir, MEDIA_TAR))
    const manifest: BackupManifest = { format: 1, kind, slot: slot.toISOString(), createdAt: new Date().toISOString(), database: databaseNameOf(settings.databaseUrl), serverMajor, tables, media }
    fs.writeFileSync(path.join(workDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2))
    const plain = path.join(workDir, 'archive.tar')
    await packArchive(workDir, plain)
    const file = path.join(settings.backupDir, `${name}.tar.enc`)
    const { sha256, sizeBytes } = await encryptFile(plain, `${file}.partial`, key).catch((error) => {
      fs.rmSync(`${file}.partial`, { force: true })
      throw error
    })
    fs.renameSync(`${file}.partial`, file)
    return { file, sha256, sizeBytes, tables, mediaFiles: media.files }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}
