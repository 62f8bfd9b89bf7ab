import crypto from 'node:crypto'

/**
 * Salt and hash in the format Payload 3.90 verifies (`pbkdf2-sha256-v1:` + PBKDF2-SHA256, 600k
 * iterations, 32-byte key). Bulk-generated accounts share one so that generating 100k customers
 * does not spend 100k × 0.3 s hashing; every generated account gets the same demo password.
 */
export function payloadPasswordHash(password: string): { salt: string; hash: string } {
  const salt = crypto.randomBytes(32).toString('hex')
  const hash = crypto.pbkdf2Sync(password, salt, 600_000, 32, 'sha256').toString('hex')
  return { salt, hash: `pbkdf2-sha256-v1:${hash}` }
}
