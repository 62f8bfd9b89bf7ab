/**
 * When scheduled work is queued. Expressions are node-cron's (five fields, or six with seconds
 * first), evaluated in Asia/Jakarta: "0 3 * * *" is 03:00 WIB every day.
 */
export type Schedule = {
  /** Unique name; with the time slot it keys the once-per-slot marker. */
  name: string
  cron: string
  task: 'pruneJobHistory' | 'workerProbe'
  input?: Record<string, unknown>
  queue?: string
}

export const SCHEDULES: Schedule[] = [{ name: 'prune-job-history', cron: '0 3 * * *', task: 'pruneJobHistory' }]
