import type { Config, Plugin } from 'payload'

import { Backups } from './collections/Backups'
import { checkPgTools } from './operations/pgTools'
import { backupTask } from './tasks/backup.task'
import { backupRestoreDrillTask } from './tasks/backupRestoreDrill.task'
import type { BackupsPluginOptions } from './types'
import { BACKUP_SCHEDULES } from './schedules'
import { switchable, withWiring } from '../wiring'

/**
 * Backups: the `backups` collection, the backup task (dump, check, hash, encrypt, store locally
 * and in S3-compatible storage, prune) and the weekly restore drill task. Schedules are in
 * `./schedules.ts`; restores run from `npm run restore`.
 */
export const backupsPlugin =
  (options: BackupsPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    const extended: Config = {
      ...config,
      collections: [...(config.collections ?? []), Backups],
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          // Backup age warning and "back up now" on the dashboard (admins only).
          beforeDashboard: [
            ...(config.admin?.components?.beforeDashboard ?? []),
            '/src/plugins/backups/components/BackupStatus#BackupStatus',
          ],
        },
      },
      jobs: {
        ...config.jobs,
        tasks: [
          ...(config.jobs?.tasks ?? []),
          ...[backupTask, backupRestoreDrillTask].map((task) => switchable(task, enabled)),
        ],
      },
      onInit: async (payload) => {
        await config.onInit?.(payload)
        // A missing or mismatched pg_dump is reported when a process starts, not at 02:00. Only
        // logged: the app itself runs without it (the embedded database ships no pg_dump).
        const databaseUrl = process.env.DATABASE_URL
        if (enabled && databaseUrl && options.checkToolsAtStart !== false)
          void checkPgTools(databaseUrl).catch((error: Error) =>
            payload.logger.error(`backups will fail: ${error.message}`),
          )
      },
    }
    return withWiring(extended, { schedules: BACKUP_SCHEDULES })
  }

export type { BackupsPluginOptions } from './types'
