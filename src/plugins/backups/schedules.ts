import type { Schedule } from '../wiring'

/**
 * Daily backup at 02:00 WIB except Sunday, when the weekly one runs; the monthly archive at 04:00 on
 * the 1st; the restore drill on Sundays at 05:00.
 */
export const BACKUP_SCHEDULES: Schedule[] = [
  { name: 'backup-daily', cron: '0 2 * * 1-6', task: 'backup', input: { kind: 'daily' } },
  { name: 'backup-weekly', cron: '0 2 * * 0', task: 'backup', input: { kind: 'weekly' } },
  { name: 'backup-monthly', cron: '0 4 1 * *', task: 'backup', input: { kind: 'monthly' } },
  { name: 'backup-restore-drill', cron: '0 5 * * 0', task: 'backupRestoreDrill' },
]
