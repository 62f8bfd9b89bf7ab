import crypto from 'node:crypto'
import fs from 'node:fs'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * Encrypted backup file layout: MAGIC (8) | key check (8) | IV (12) | AES-256-GCM ciphertext | tag (16).
 * The key check (an HMAC of a constant under the key, not the key) tells a wrong key apart from a
 * damaged file; the header is authenticated as AAD, the tag covers every byte of the ciphertext,
 * so truncation or a flipped bit fails before the content is used.
 */
const MAGIC = Buffer.from('ISPBAK01')
const HEADER_BYTES = 8 + 8 + 12
const TAG_BYTES = 16

export class BackupIntegrityError extends Error {}

function keyCheck(key: Buffer): Buffer {
  return crypto.createHmac('sha256', key).update('ispops-backup-key-check').digest().subarray(0, 8)
}

/**
 * Encrypts a stream into `target` in one pass (nothing plain is written to disk); returns the
 * SHA-256 and size of the encrypted file. `onPlainBytes` hears how many plain bytes went through
 * so far (for progress).
 */
export async function encryptStream(
  source: Readable,
  target: string,
  key: Buffer,
  onPlainBytes?: (bytes: number) => void,
): Promise<{ sha256: string; sizeBytes: number }> {
  const iv = crypto.randomBytes(12)
  const header = Buffer.concat([MAGIC, keyCheck(key), iv])
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(header)
  const hash = crypto.createHash('sha256').update(header)
  let sizeBytes = header.length
  let plainBytes = 0
  const out = fs.createWriteStream(target)
  out.write(header)
  const counting = new Transform({
    transform(chunk: Buffer, _enc, done) {
      plainBytes += chunk.length
      onPlainBytes?.(plainBytes)
      done(null, chunk)
    },
  })
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      sizeBytes += chunk.length
      done(null, chunk)
    },
    flush(done) {
      const tag = cipher.getAuthTag()
      hash.update(tag)
      sizeBytes += tag.length
      done(null, tag)
    },
  })
  await pipeline(source, counting, cipher, hashing, out)
  return { sha256: hash.digest('hex'), sizeBytes }
}

/** Encrypts the file `source` into `target`; returns the SHA-256 and size of the encrypted file. */
export async function encryptFile(
  source: string,
  target: string,
  key: Buffer,
): Promise<{ sha256: string; sizeBytes: number }> {
  return encryptStream(fs.createReadStream(source), target, key)
}

/** SHA-256 of a file, hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  await pipeline(fs.createReadStream(file), hash)
  return hash.digest('hex')
}

/**
 * Decrypts `source` into `target`. Throws a BackupIntegrityError when the file is not a backup,
 * the key is not the one it was made with, or the content was changed or cut short; `target` is
 * removed then, so nothing half-decrypted is ever used. With `expectedSha256` the file's SHA-256
 * is checked in the same pass (a mismatch says so, before the content is used).
 */
export async function decryptFile(
  source: string,
  target: string,
  key: Buffer,
  expectedSha256?: string | null,
): Promise<void> {
  const { size } = fs.statSync(source)
  if (size < HEADER_BYTES + TAG_BYTES)
    throw new BackupIntegrityError(`${source} is too short to be a backup (truncated?)`)
  const fd = fs.openSync(source, 'r')
  const header = Buffer.alloc(HEADER_BYTES)
  const tag = Buffer.alloc(TAG_BYTES)
  try {
    fs.readSync(fd, header, 0, HEADER_BYTES, 0)
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES)
  } finally {
    fs.closeSync(fd)
  }
  if (!header.subarray(0, 8).equals(MAGIC)) throw new BackupIntegrityError(`${source} is not an ISP Ops backup file`)
  if (!crypto.timingSafeEqual(header.subarray(8, 16), keyCheck(key)))
    throw new BackupIntegrityError(
      'wrong encryption key: BACKUP_ENCRYPTION_KEY is not the key this backup was made with',
    )
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, header.subarray(16, 28))
  decipher.setAAD(header)
  decipher.setAuthTag(tag)
  const hash = crypto.createHash('sha256').update(header)
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      done(null, chunk)
    },
  })
  const checkSha256 = () => {
    if (!expectedSha256) return
    const actual = hash.update(tag).digest('hex')
    if (actual !== expectedSha256)
      throw new BackupIntegrityError(
        `${source} is damaged: SHA-256 ${actual} differs from the ${expectedSha256} recorded at backup time`,
      )
  }
  try {
    await pipeline(
      fs.createReadStream(source, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }),
      hashing,
      decipher,
      fs.createWriteStream(target),
    )
    checkSha256()
  } catch (error) {
    fs.rmSync(target, { force: true })
    // The whole ciphertext was hashed by the time GCM refuses it: the recorded hash names the cause first.
    if (!(error instanceof BackupIntegrityError) && /unable to authenticate|auth/i.test((error as Error).message))
      checkSha256()
    if (/unable to authenticate|auth/i.test((error as Error).message))
      throw new BackupIntegrityError(
        `${source} is damaged: its content does not match its authentication tag (truncated or altered)`,
      )
    throw error
  }
}
