/**
 * npm run restore -- <backup id | file | s3:KEY | s3:latest> --database <name> [--force] [--media-dir DIR]
 *
 * Restores a backup into the named database on the server of DATABASE_URL (created when missing;
 * a database with tables is refused unless --force) and, with --media-dir, its uploads into DIR.
 * A backup id is looked up in the DATABASE_URL database; a file or S3 key works without one
 * (a lost server). BACKUP_ENCRYPTION_KEY and, for S3, the BACKUP_S3_* settings come from the
 * environment or .env.
 */
import '../../../env'

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { backupFileLocator, type BaseLocator, fetchBackupFile, restoreBackupFile } from '../operations/restore'
import { downloadFile, newestBackupKey } from '../operations/s3'
import { type BackupSettings, backupSettingsFromEnv, databaseUrlFor, parseEncryptionKey } from '../operations/settings'
import type { TableChecksums } from '../types'
import { compareChecksums, hasChecksums } from '../operations/checksums'
import { checkPgTools } from '../operations/pgTools'

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      force: { type: 'boolean', default: false },
      'media-dir': { type: 'string' },
    },
  })
  const source = positionals[0]
  if (!source || !values.database) {
    console.error(
      'usage: npm run restore -- <backup id | file | s3:KEY | s3:latest> --database <name> [--force] [--media-dir DIR]',
    )
    return 2
  }
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set: point it at the PostgreSQL server to restore into (any database on it)')
    return 2
  }
  const settings: BackupSettings = backupSettingsFromEnv()
  const key = parseEncryptionKey(settings.encryptionKey)
  await checkPgTools(settings.databaseUrl)
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ispops-restore-cli-'))
  try {
    let file: string
    let expectedSha256: string | null | undefined
    // The backup row's record: with checksums once the backup's first drill recorded them.
    let recorded: TableChecksums | undefined
    // Where an incremental backup's base backups are looked for: beside it, in BACKUP_DIR, in S3.
    let locateBase: BaseLocator | undefined
    if (/^\d+$/.test(source)) {
      const { bootPayload, shutdownPayload } = await import('../../../boot')
      const { payload, database } = await bootPayload({ migrate: false })
      try {
        const backup = await payload.findByID({ collection: 'backups', id: Number(source), overrideAccess: true })
        file = await fetchBackupFile(backup, settings, workDir)
        expectedSha256 = backup.sha256
        recorded = (backup.tables ?? undefined) as TableChecksums | undefined
      } finally {
        await shutdownPayload(payload, database)
      }
    } else if (source.startsWith('s3:')) {
      if (!settings.s3) throw new Error('BACKUP_S3_BUCKET is not set: cannot fetch from S3')
      // s3:latest is the newest backup object: only verified backups are ever uploaded.
      const key = source === 's3:latest' ? await newestBackupKey(settings.s3) : source.slice(3)
      console.log(`fetching s3://${settings.s3.bucket}/${key}`)
      file = path.join(workDir, path.basename(key))
      await downloadFile(settings.s3, key, file)
      locateBase = backupFileLocator(settings, {
        dir: settings.backupDir,
        s3Prefix: key.slice(0, key.lastIndexOf('/') + 1),
      })
    } else {
      file = path.resolve(source)
      if (!fs.existsSync(file)) throw new Error(`no such backup file: ${file}`)
    }
    const result = await restoreBackupFile({
      file,
      key,
      targetUrl: databaseUrlFor(settings.databaseUrl, values.database),
      force: values.force,
      mediaDir: values['media-dir'] ? path.resolve(values['media-dir']) : undefined,
      expectedSha256,
      recorded,
      locateBase,
      settings,
    })
    if (recorded)
      result.problems.push(
        ...compareChecksums(recorded, result.tables).map((problem) => `(recorded on the backup) ${problem}`),
      )
    const rows = Object.values(result.tables).reduce((sum, t) => sum + t.rows, 0)
    console.log(
      `restored ${result.manifest.kind} backup of ${result.manifest.createdAt} into "${values.database}": ${Object.keys(result.tables).length} tables, ${rows} rows, ${result.mediaFiles} uploads, ${result.durationMs} ms`,
    )
    if (result.chain.length > 1)
      console.log(`uploads assembled from ${result.chain.length} backups: ${result.chain.join(' ← ')}`)
    if (result.problems.length) {
      console.error(`restored data differs from the backup:\n  ${result.problems.join('\n  ')}`)
      return 1
    }
    // A backup records row counts; checksums once its first drill recorded them (or older backups).
    console.log(
      hasChecksums(result.manifest.tables) || (recorded && hasChecksums(recorded))
        ? 'row counts and checksums match the backup'
        : 'row counts match the backup (it recorded no checksums)',
    )
    return 0
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`restore failed: ${(error as Error).message}`)
    process.exit(1)
  },
)
