import type { BackupKind, BackupStatus } from '../types'

export type RetentionPolicy = {
  /** Dailies, weeklies and manual backups older than this many days go. */
  days: number
  /** Monthlies older than this many calendar months go. */
  months: number
}

export type RetentionCandidate = { id: number; kind: BackupKind; status: BackupStatus; startedAt: string | Date }

/**
 * The backups to delete at `now`: dailies, weeklies and manual ones past `days`, monthlies past
 * `months`, and never a running one nor the newest verified backup of any kind (so a stalled
 * schedule never leaves the system with nothing to restore).
 */
export function backupsToPrune(backups: RetentionCandidate[], now: Date, policy: RetentionPolicy): number[] {
  const keep = new Set<number>()
  const newestVerified = new Map<BackupKind, RetentionCandidate>()
  for (const backup of backups) {
    if (backup.status !== 'verified') continue
    const current = newestVerified.get(backup.kind)
    if (!current || new Date(backup.startedAt) > new Date(current.startedAt)) newestVerified.set(backup.kind, backup)
  }
  for (const backup of newestVerified.values()) keep.add(backup.id)

  const dayCutoff = new Date(now.getTime() - policy.days * 24 * 60 * 60 * 1000)
  const monthCutoff = new Date(now)
  monthCutoff.setUTCMonth(monthCutoff.getUTCMonth() - policy.months)

  return backups
    .filter((backup) => {
      if (keep.has(backup.id) || backup.status === 'running') return false
      const cutoff = backup.kind === 'monthly' ? monthCutoff : dayCutoff
      return new Date(backup.startedAt) < cutoff
    })
    .map((backup) => backup.id)
}
