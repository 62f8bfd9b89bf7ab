/**
 * When scheduled work is queued. Expressions are node-cron's (five fields, or six with seconds
 * first), evaluated in Asia/Jakarta: "0 3 * * *" is 03:00 WIB every day.
 */
export type Schedule = {
  /** Unique name; with the time slot it keys the once-per-slot marker. */
  name: string
  cron: string
  task:
    | 'pruneJobHistory'
    | 'workerProbe'
    | 'backup'
    | 'backupRestoreDrill'
    | 'generateInvoices'
    | 'suspendOverdue'
    | 'applyNetworkActions'
    | 'checkRouterState'
    | 'sendPaymentReminders'
    | 'snapshotMrr'
  input?: Record<string, unknown>
  queue?: string
}

export const SCHEDULES: Schedule[] = [
  { name: 'prune-job-history', cron: '0 3 * * *', task: 'pruneJobHistory' },
  // Backups (src/plugins/backups): daily at 02:00 WIB except Sunday, when the weekly one runs;
  // the monthly archive at 04:00 on the 1st; the restore drill on Sundays at 05:00.
  { name: 'backup-daily', cron: '0 2 * * 1-6', task: 'backup', input: { kind: 'daily' } },
  { name: 'backup-weekly', cron: '0 2 * * 0', task: 'backup', input: { kind: 'weekly' } },
  { name: 'backup-monthly', cron: '0 4 1 * *', task: 'backup', input: { kind: 'monthly' } },
  { name: 'backup-restore-drill', cron: '0 5 * * 0', task: 'backupRestoreDrill' },
  // Billing (src/plugins/billing): invoices at 00:10 WIB for customers whose billing day has come;
  // isolir of customers past the grace period at 01:00; anything the routers still owe every five
  // minutes; the router-vs-database check at 06:00; payment reminders (H-3, H-1, H+1) at 09:00.
  { name: 'generate-invoices', cron: '10 0 * * *', task: 'generateInvoices' },
  { name: 'suspend-overdue', cron: '0 1 * * *', task: 'suspendOverdue' },
  { name: 'apply-network-actions', cron: '*/5 * * * *', task: 'applyNetworkActions' },
  { name: 'check-router-state', cron: '0 6 * * *', task: 'checkRouterState' },
  { name: 'payment-reminders', cron: '0 9 * * *', task: 'sendPaymentReminders' },
  // Analytics (src/plugins/analytics): the day's MRR snapshot at 23:50 WIB, once per customer per day.
  { name: 'snapshot-mrr', cron: '50 23 * * *', task: 'snapshotMrr' },
]
