import type pg from 'pg'

import type { BackupPhase } from '../types'

export type BackupProgress = { phase: BackupPhase; percent: number; bytesSent?: number; bytesTotal?: number }

/**
 * Where each phase sits on the 0–100 bar. With S3 the upload takes the last fifth; without it
 * encrypting (which also writes the local copy) runs to the end.
 */
function phaseRange(phase: BackupPhase, withUpload: boolean): [number, number] {
  switch (phase) {
    case 'dumping':
      return [0, 60]
    case 'checking':
      return [60, 65]
    case 'encrypting':
      return withUpload ? [65, 80] : [65, 99]
    case 'uploading':
      return [80, 99]
    case 'done':
      return [100, 100]
  }
}

export type ProgressReporter = {
  /** `fraction` (0–1) is how far the phase is; written at once on a phase change, else at most every `intervalMs`. */
  report: (phase: BackupPhase, fraction?: number, bytes?: { sent: number; total: number }) => void
  /** Waits for the writes queued so far. */
  flush: () => Promise<void>
}

/**
 * Writes a running backup's phase and percent to its row, with plain SQL on a connection outside
 * any transaction, so the admin list and dashboard see it while the backup runs (a Payload update
 * inside the job's transaction would only show at the end). Never more than one write per
 * `intervalMs` within a phase, and never more than one in flight; a failed write is only logged:
 * progress must not fail a backup.
 */
export function progressReporter({
  client,
  backupId,
  withUpload,
  intervalMs = 1000,
  onWrite,
  onError,
}: {
  client: pg.Client
  backupId: number
  withUpload: boolean
  intervalMs?: number
  onWrite?: (progress: BackupProgress) => void
  onError?: (error: Error) => void
}): ProgressReporter {
  let lastPhase: BackupPhase | undefined
  let lastWriteAt = 0
  let lastPercent = 0
  let queue: Promise<void> = Promise.resolve()
  let inFlight = false

  const report: ProgressReporter['report'] = (phase, fraction = 0, bytes) => {
    const changed = phase !== lastPhase
    const now = Date.now()
    if (!changed && (inFlight || now - lastWriteAt < intervalMs)) return
    const [from, to] = phaseRange(phase, withUpload)
    const percent = Math.max(lastPercent, Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction))))
    const progress: BackupProgress = { phase, percent, bytesSent: bytes?.sent, bytesTotal: bytes?.total }
    lastPhase = phase
    lastWriteAt = now
    lastPercent = percent
    inFlight = true
    queue = queue
      .then(async () => {
        await client.query(
          'UPDATE backups SET phase = $2, progress_percent = $3, bytes_sent = coalesce($4, bytes_sent), bytes_total = coalesce($5, bytes_total), updated_at = now() WHERE id = $1',
          [backupId, progress.phase, progress.percent, progress.bytesSent ?? null, progress.bytesTotal ?? null],
        )
        onWrite?.(progress)
      })
      .catch((error: Error) => onError?.(error))
      .finally(() => {
        inFlight = false
      })
  }
  return { report, flush: () => queue }
}
