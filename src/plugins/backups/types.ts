/** Options of the backups plugin. Settings that differ per machine (keys, buckets) come from the environment. */
export type BackupsPluginOptions = {
  /**
   * When false, the collection and tasks stay registered (so the schema and migrations do not
   * change) but the tasks do nothing. Default true.
   */
  enabled?: boolean
  /**
   * Check at start that pg_dump and pg_restore are installed and match the server's major
   * version, logging an error when not (each backup checks again and fails). Default true.
   */
  checkToolsAtStart?: boolean
}

export const BACKUP_KINDS = ['daily', 'weekly', 'monthly', 'manual'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

export const BACKUP_STATUSES = ['running', 'verified', 'failed'] as const
export type BackupStatus = (typeof BACKUP_STATUSES)[number]

/**
 * How a table's rows were hashed: `record` hashes each row's column values with their types' own
 * hash functions (`hash_record_extended`, 2–3× cheaper than printing the row); `text` hashes the
 * row's text, for tables with a column type that has no hash function (`json`, `xml`, `point`, …)
 * and for backups made before record hashing (they carry no `hash`).
 */
export type ChecksumHash = 'record' | 'text'

/**
 * Row count and order-independent checksum of one table. A backup records the count (from its
 * dump's snapshot); its first restore drill adds the checksum of what it restored. Backups made
 * before that recorded the checksum at backup time.
 */
export type TableChecksum = { rows: number; checksum?: string; hash?: ChecksumHash }
export type TableChecksums = Record<string, TableChecksum>

/** What a running backup is doing; `done` once it is verified and stored everywhere. */
export const BACKUP_PHASES = ['dumping', 'checking', 'encrypting', 'uploading', 'done'] as const
export type BackupPhase = (typeof BACKUP_PHASES)[number]

/** How a backup holds the uploads: all of them, or only those changed since its base backup. */
export const MEDIA_MODES = ['full', 'incremental'] as const
export type MediaMode = (typeof MEDIA_MODES)[number]

/** One upload as a backup recorded it. `mtimeMs` lets the next backup skip re-hashing unchanged files. */
export type MediaEntry = { path: string; size: number; sha256: string; mtimeMs?: number }
