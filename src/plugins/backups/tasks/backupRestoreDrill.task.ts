import type { TaskConfig } from 'payload'

import { runRestoreDrill } from '../operations/restoreDrill'
import { backupSettingsFromEnv } from '../operations/settings'

/** Weekly: restores the newest verified backup into a scratch database and compares it. */
export const backupRestoreDrillTask: TaskConfig<'backupRestoreDrill'> = {
  slug: 'backupRestoreDrill',
  label: 'Backup restore drill',
  retries: 1,
  outputSchema: [
    { name: 'backupId', type: 'number' },
    { name: 'ok', type: 'checkbox' },
    { name: 'message', type: 'text' },
  ],
  handler: async ({ req }) => {
    const result = await runRestoreDrill({ req, settings: backupSettingsFromEnv() })
    // A failed drill is recorded on the backup and fails the job, so it shows up in the jobs list.
    if (!result.ok) throw new Error(`restore drill failed: ${result.message}`)
    return { output: { backupId: result.backupId, ok: result.ok, message: result.message } }
  },
}
