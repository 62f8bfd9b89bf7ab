import fs from 'node:fs'

import type { PayloadRequest } from 'payload'

import { backupsToPrune } from './retention'
import { deleteObject } from './s3'
import type { BackupSettings } from './settings'

/** Applies the retention policy: removes the local file, the S3 object and the row of each expired backup. */
export async function pruneBackups({
  req,
  settings,
  now = new Date(),
}: {
  req: PayloadRequest
  settings: BackupSettings
  now?: Date
}): Promise<number[]> {
  const { payload } = req
  // Only what retention needs: the checksums and upload sets of every backup are large.
  const { docs } = await payload.find({
    collection: 'backups',
    limit: 0,
    pagination: false,
    depth: 0,
    select: { kind: true, status: true, startedAt: true, base: true, storage: true },
    overrideAccess: true,
    req,
  })
  const ids = backupsToPrune(
    docs.map((doc) => ({ ...doc, base: typeof doc.base === 'object' ? doc.base?.id : doc.base })),
    now,
    { days: settings.retentionDays, months: settings.retentionMonths },
  )
  for (const backup of docs.filter((doc) => ids.includes(doc.id))) {
    if (backup.storage?.s3Key && settings.s3 && backup.storage.s3Bucket === settings.s3.bucket)
      await deleteObject(settings.s3, backup.storage.s3Key)
    if (backup.storage?.localPath) fs.rmSync(backup.storage.localPath, { force: true })
    await payload.delete({ collection: 'backups', id: backup.id, overrideAccess: true, req })
  }
  return ids
}
