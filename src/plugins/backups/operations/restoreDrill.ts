import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { PayloadRequest } from 'payload'

import type { TableChecksums } from '../types'
import { compareChecksums, hasChecksums } from './checksums'
import { dropDatabase, fetchBackupFile, restoreBackupFile } from './restore'
import { type BackupSettings, databaseNameOf, databaseUrlFor, parseEncryptionKey } from './settings'

export type DrillResult = { backupId?: number; ok: boolean; message: string }

/**
 * The restore drill, i.e. the disaster-recovery plan run for real: fetch the newest verified
 * backup (local copy or S3), check its SHA-256, decrypt, restore into a scratch database and a
 * scratch uploads directory (a daily's uploads assembled from its chain of backups, each checked), compare row counts and checksums with those recorded at backup time,
 * record the result on the backup, and drop the scratch database.
 *
 * A backup records row counts only (taken from its dump's snapshot; hashing every row while
 * pg_dump runs would slow the backup). Its first drill therefore compares the row counts, after the
 * file's SHA-256, its authentication tag, pg_restore and every upload's SHA-256 have passed, and
 * then records the full checksums of the restored tables on the backup: every later restore or
 * drill of that backup compares checksums as well. A backup recorded with checksums (older ones,
 * or drilled once) is compared by both.
 */
export async function runRestoreDrill({
  req,
  settings,
}: {
  req: PayloadRequest
  settings: BackupSettings
}): Promise<DrillResult> {
  const { payload } = req
  const { docs } = await payload.find({
    collection: 'backups',
    where: { status: { equals: 'verified' } },
    sort: '-startedAt',
    limit: 1,
    overrideAccess: true,
    req,
  })
  const backup = docs[0]
  if (!backup) return { ok: false, message: 'no verified backup to drill' }

  const started = Date.now()
  const scratch = `${databaseNameOf(settings.databaseUrl)}_drill_${Date.now()}`.slice(0, 63)
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-drill-'))
  let result: DrillResult
  let checksums: TableChecksums | undefined
  try {
    const key = parseEncryptionKey(settings.encryptionKey)
    const file = await fetchBackupFile(backup, settings, workDir)
    const restored = await restoreBackupFile({
      file,
      key,
      targetUrl: databaseUrlFor(settings.databaseUrl, scratch),
      mediaDir: path.join(workDir, 'media'),
      // Compared with the checksums an earlier drill recorded; the first drill computes them all to record them.
      recorded: (backup.tables ?? undefined) as TableChecksums | undefined,
      hashAll: !hasChecksums((backup.tables ?? {}) as TableChecksums),
      settings,
    })
    // The row's record too (the archive's manifest is checked inside the restore): both must hold.
    if (backup.tables)
      restored.problems.push(
        ...compareChecksums(backup.tables as TableChecksums, restored.tables).map(
          (p) => `(recorded on the backup) ${p}`,
        ),
      )
    if (!restored.problems.length && !hasChecksums((backup.tables ?? {}) as TableChecksums)) checksums = restored.tables
    const tableCount = Object.keys(restored.tables).length
    const rowCount = Object.values(restored.tables).reduce((sum, t) => sum + t.rows, 0)
    result = restored.problems.length
      ? {
          backupId: backup.id,
          ok: false,
          message: `restored, but differs: ${restored.problems.slice(0, 20).join('; ')}`,
        }
      : {
          backupId: backup.id,
          ok: true,
          message: `${tableCount} tables, ${rowCount} rows and ${restored.mediaFiles} uploads restored identical${checksums ? ' (row counts compared; checksums now recorded)' : ''}${restored.chain.length > 1 ? ` (uploads from ${restored.chain.length} backups: ${restored.chain.join(' ← ')})` : ''}`,
        }
  } catch (error) {
    result = { backupId: backup.id, ok: false, message: (error as Error).message }
  } finally {
    await dropDatabase(settings.databaseUrl, scratch).catch((error) =>
      payload.logger.error({ err: error, scratch }, 'could not drop the drill database'),
    )
    fs.rmSync(workDir, { recursive: true, force: true })
  }
  await payload.update({
    collection: 'backups',
    id: backup.id,
    data: {
      ...(checksums ? { tables: checksums } : {}),
      lastDrill: {
        at: new Date().toISOString(),
        ok: result.ok,
        durationMs: Date.now() - started,
        message: result.message.slice(0, 4000),
      },
    },
    overrideAccess: true,
    req,
  })
  return result
}
