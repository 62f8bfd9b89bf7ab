import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The one place that decides the app's secrets.
 *
 * - `PAYLOAD_SECRET` signs sessions and invoice links and seals stored router passwords.
 * - `BACKUP_ENCRYPTION_KEY` encrypts backups.
 *
 * On a single machine (the embedded database) and in development, a secret that is not set is
 * generated once and kept in the data folder (`.data/secret`, `.data/backup-key`, mode 0600), so
 * sessions, signed links and sealed passwords survive a restart and every process on the machine
 * (web, worker, seed) uses the same one. A production install on its own PostgreSQL has several
 * processes on several machines: there a missing or short `PAYLOAD_SECRET` stops the process at
 * start with a clear message, and a missing backup key is reported at start and on the dashboard.
 */
export const MIN_SECRET_LENGTH = 32

/** Where the app keeps its local state (DATA_DIR, default `.data` in the project folder). */
export const dataDir = (): string => path.resolve(process.env.DATA_DIR || '.data')

export class SecretConfigError extends Error {
  override name = 'SecretConfigError'
}

/** Reads a kept secret, or makes and keeps one (readable by this user only). */
function keptSecret(file: string, make: () => string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const value = make()
  try {
    // `wx`: when two processes start together, the first one's secret wins and both use it.
    fs.writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' })
    return value
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return fs.readFileSync(file, 'utf8').trim()
  }
}

export type SecretsReport = { generated: ('PAYLOAD_SECRET' | 'BACKUP_ENCRYPTION_KEY')[]; warnings: string[] }

/**
 * Makes sure the secrets are in `process.env` before the config is loaded. `keep` is true where a
 * generated secret may be kept in the data folder (the embedded database, or not production).
 * Throws a SecretConfigError when production runs without a usable PAYLOAD_SECRET.
 */
export function ensureSecrets({ keep }: { keep: boolean }): SecretsReport {
  const report: SecretsReport = { generated: [], warnings: [] }
  const secret = process.env.PAYLOAD_SECRET?.trim()
  if (!secret) {
    if (!keep)
      throw new SecretConfigError(
        'PAYLOAD_SECRET is not set. It signs sessions and invoice links and seals router passwords: set a random ' +
          `value of at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 48\`), the same in every web ` +
          'and worker process, and keep it.',
      )
    process.env.PAYLOAD_SECRET = keptSecret(path.join(dataDir(), 'secret'), () =>
      crypto.randomBytes(48).toString('base64url'),
    )
    report.generated.push('PAYLOAD_SECRET')
  } else if (secret.length < MIN_SECRET_LENGTH) {
    const message = `PAYLOAD_SECRET is ${secret.length} characters long; use at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -base64 48\`).`
    if (!keep) throw new SecretConfigError(message)
    report.warnings.push(message)
  }
  if (!process.env.BACKUP_ENCRYPTION_KEY?.trim()) {
    if (keep) {
      process.env.BACKUP_ENCRYPTION_KEY = keptSecret(path.join(dataDir(), 'backup-key'), () =>
        crypto.randomBytes(32).toString('hex'),
      )
      report.generated.push('BACKUP_ENCRYPTION_KEY')
    } else {
      report.warnings.push(
        'BACKUP_ENCRYPTION_KEY is not set: backups will fail until it is (32 random bytes as 64 hex characters, ' +
          'e.g. `openssl rand -hex 32`; keep a copy away from the backups).',
      )
    }
  }
  return report
}

/** PAYLOAD_SECRET as the config uses it. `next build` loads the config without one; nothing it builds is signed. */
export function payloadSecret(): string {
  const secret = process.env.PAYLOAD_SECRET
  if (secret) return secret
  if (process.env.NEXT_PHASE === 'phase-production-build') return 'next-build-has-no-secret'
  throw new SecretConfigError('PAYLOAD_SECRET is not set (the process did not start through src/boot.ts)')
}

/** A key for one purpose, derived from PAYLOAD_SECRET, so one secret serves several uses independently. */
export function derivedKey(purpose: string): Buffer {
  return crypto.createHmac('sha256', payloadSecret()).update(purpose).digest()
}
