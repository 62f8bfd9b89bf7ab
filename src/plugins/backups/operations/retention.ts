import type { BackupKind, BackupStatus } from '../types'

export type RetentionPolicy = {
  /** Dailies, weeklies and manual backups older than this many days go. */
  days: number
  /** Monthlies older than this many calendar months go. */
  months: number
}

/** `base`: the backup an incremental backup's uploads build on (restoring it needs that one too). */
export type RetentionCandidate = {
  id: number
  kind: BackupKind
  status: BackupStatus
  startedAt: string | Date
  base?: number | null
}

/**
 * The backups to delete at `now`: dailies, weeklies and manual ones past `days`, monthlies past
 * `months`, and never a running one nor the newest verified backup of any kind (so a stalled
 * schedule never leaves the system with nothing to restore). Nor a backup that a kept one builds
 * on, however old: the uploads of a kept daily are restored from its whole chain.
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

  const expired = new Set(
    backups
      .filter((backup) => {
        if (keep.has(backup.id) || backup.status === 'running') return false
        const cutoff = backup.kind === 'monthly' ? monthCutoff : dayCutoff
        return new Date(backup.startedAt) < cutoff
      })
      .map((backup) => backup.id),
  )
  // Walk each kept backup's chain down to its full backup; whatever it passes stays.
  const byId = new Map(backups.map((backup) => [backup.id, backup]))
  for (const backup of backups) {
    if (expired.has(backup.id)) continue
    for (let base = backup.base; base != null && byId.has(base); base = byId.get(base)!.base) {
      if (!expired.delete(base)) break // already kept, and so is the rest of its chain
    }
  }
  return backups.filter((backup) => expired.has(backup.id)).map((backup) => backup.id)
}
