import crypto from 'node:crypto'

import { derivedKey } from './secrets'

/**
 * Secrets the app must read back in plain (a router's API password) are stored sealed:
 * `enc:v1:` + base64(IV ‖ AES-256-GCM ciphertext ‖ tag), with a key derived from PAYLOAD_SECRET,
 * so a copy of the database alone does not give them away. A new PAYLOAD_SECRET makes the sealed
 * values unreadable: they must be entered again.
 */
const PREFIX = 'enc:v1:'

const key = (): Buffer => derivedKey('ispops sealed field v1')

export const isSealed = (value: string): boolean => value.startsWith(PREFIX)

export function seal(plain: string): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')
}

/** The plain value of a sealed one; throws when it was sealed with another key or was changed. */
export function unseal(sealed: string): string {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64')
  if (!isSealed(sealed) || raw.length < 28) throw new Error('not a sealed value')
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(raw.length - 16))
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8')
}
