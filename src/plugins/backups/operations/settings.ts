import path from 'node:path'

/** Where backups go and how they are protected. Built from the environment at run time. */
export type BackupSettings = {
  /** The database to back up (DATABASE_URL). */
  databaseUrl: string
  /** Local copies (BACKUP_DIR, default `.data/backups`). */
  backupDir: string
  /** Uploaded files (MEDIA_DIR, default `media`). */
  mediaDir: string
  /** BACKUP_ENCRYPTION_KEY as given (64 hex characters or base64 of 32 bytes); parsed when used. */
  encryptionKey: string | undefined
  /** S3-compatible storage, when BACKUP_S3_BUCKET is set. */
  s3?: S3Settings
  /** Dailies and weeklies are kept this many days (BACKUP_RETENTION_DAYS, default 90). */
  retentionDays: number
  /** Monthlies are kept this many months (BACKUP_RETENTION_MONTHS, default 12). */
  retentionMonths: number
}

export type S3Settings = {
  /** Non-AWS endpoint (MinIO, s3rver, …): requests then use path-style addressing. */
  endpoint?: string
  bucket: string
  region: string
  accessKeyId?: string
  secretAccessKey?: string
  /** Key prefix inside the bucket (BACKUP_S3_PREFIX, default `backups/`). */
  prefix: string
}

export function backupSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): BackupSettings {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set: nothing to back up')
  return {
    databaseUrl: env.DATABASE_URL,
    backupDir: path.resolve(env.BACKUP_DIR || path.join(env.DATA_DIR || '.data', 'backups')),
    mediaDir: path.resolve(env.MEDIA_DIR || 'media'),
    encryptionKey: env.BACKUP_ENCRYPTION_KEY || undefined,
    s3: env.BACKUP_S3_BUCKET
      ? {
          endpoint: env.BACKUP_S3_ENDPOINT || undefined,
          bucket: env.BACKUP_S3_BUCKET,
          region: env.BACKUP_S3_REGION || 'us-east-1',
          accessKeyId: env.BACKUP_S3_ACCESS_KEY_ID || undefined,
          secretAccessKey: env.BACKUP_S3_SECRET_ACCESS_KEY || undefined,
          prefix: env.BACKUP_S3_PREFIX ?? 'backups/',
        }
      : undefined,
    retentionDays: Number(env.BACKUP_RETENTION_DAYS || 90),
    retentionMonths: Number(env.BACKUP_RETENTION_MONTHS || 12),
  }
}

/** The 32-byte AES key from BACKUP_ENCRYPTION_KEY (64 hex characters, or base64). */
export function parseEncryptionKey(value: string | undefined): Buffer {
  if (!value)
    throw new Error(
      'BACKUP_ENCRYPTION_KEY is not set: backups are encrypted with it (32 bytes, as 64 hex characters or base64)',
    )
  const trimmed = value.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (key.length !== 32)
    throw new Error(`BACKUP_ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64), got ${key.length} bytes`)
  return key
}

/** The same URL pointing at another database on the same server. */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(database)}`
  return u.toString()
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
}
