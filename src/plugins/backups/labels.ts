import type { BackupKind, BackupPhase } from './types'

/** How the dashboard names a backup's phase and kind, in Indonesian. */
export const BACKUP_PHASE_LABELS: Record<BackupPhase, string> = {
  dumping: 'membuat dump basis data',
  checking: 'memeriksa dump',
  encrypting: 'mengenkripsi',
  uploading: 'mengunggah',
  done: 'selesai',
}
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  daily: 'harian',
  weekly: 'mingguan',
  monthly: 'bulanan',
  manual: 'manual',
}
