import type { TaskConfig } from 'payload'

import { runBackup } from '../operations/runBackup'
import { backupSettingsFromEnv } from '../operations/settings'
import { BACKUP_KINDS, type BackupKind } from '../types'

/** Runs one backup. Throws when any copy could not be stored, so the job retries (the backup resumes). */
export const backupTask: TaskConfig<'backup'> = {
  slug: 'backup',
  label: 'Backup',
  retries: 5,
  inputSchema: [
    { name: 'kind', type: 'select', required: true, options: [...BACKUP_KINDS] },
    // Optional explicit period; scheduled runs derive it from when the job was queued.
    { name: 'slot', type: 'date' },
  ],
  outputSchema: [
    { name: 'backupId', type: 'number' },
    // 'done' when the slot's backup was already verified.
    { name: 'skipped', type: 'text' },
  ],
  handler: async ({ input, job, req }) => {
    const kind = input.kind as BackupKind
    const queuedAt = new Date(input.slot ?? job.createdAt)
    const result = await runBackup({ req, kind, queuedAt, settings: backupSettingsFromEnv() })
    return { output: { backupId: result.backupId, skipped: result.skipped ? 'done' : undefined } }
  },
}
