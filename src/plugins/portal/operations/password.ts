import crypto from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { isCustomer } from '../../../access/roles'
import { EndpointError } from '../../../lib/endpointKit'
import { clientAddress } from '../../auth/operations/clientAddress'
import { countAttempt, type ThrottleKey, type ThrottleRule } from '../../auth/operations/throttle'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

/** How often a signed-in customer may try their current password (see "Portal" in the README). */
export const PASSWORD_CHANGE_RULES = {
  /** Tries for one customer, from anywhere. */
  perCustomer: { free: 5, firstWaitMs: 5 * MINUTE, maxWaitMs: HOUR, forgetAfterMs: 24 * HOUR },
  /** Tries from one client address, for any customer. */
  perAddress: { free: 20, firstWaitMs: 5 * MINUTE, maxWaitMs: HOUR, forgetAfterMs: 24 * HOUR },
} satisfies Record<string, ThrottleRule>

export const WRONG_CURRENT_PASSWORD = 'Kata sandi lama salah.'

const pbkdf2 = (password: string, salt: string, iterations: number, keyLength: number) =>
  new Promise<Buffer>((resolve, reject) =>
    crypto.pbkdf2(password, salt, iterations, keyLength, 'sha256', (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )

/** Checks a password against Payload's stored salt and hash (the current and the legacy PBKDF2 forms). */
export async function passwordMatches(password: string, salt: unknown, hash: unknown): Promise<boolean> {
  if (typeof salt !== 'string' || typeof hash !== 'string') return false
  const prefix = 'pbkdf2-sha256-v1:'
  const [hex, iterations, keyLength] = hash.startsWith(prefix)
    ? [hash.slice(prefix.length), 600_000, 32]
    : [hash, 25_000, 512]
  const stored = Buffer.from(hex, 'hex')
  const given = await pbkdf2(password, salt, iterations, keyLength)
  return stored.length === given.length && crypto.timingSafeEqual(stored, given)
}

/**
 * A signed-in customer's new password, given their current one. Each try is counted (per customer
 * and per client address) before the current password is checked; a wrong one answers 400 and
 * changes nothing.
 */
export async function changeCustomerPassword({
  req,
  currentPassword,
  newPassword,
}: {
  req: PayloadRequest
  currentPassword: unknown
  newPassword: unknown
}): Promise<void> {
  const user = req.user
  if (!user || !isCustomer(user)) throw new EndpointError(401, 'Silakan masuk dulu sebagai pelanggan.')
  if (typeof currentPassword !== 'string' || currentPassword.length === 0 || currentPassword.length > 256)
    throw new EndpointError(400, 'Masukkan kata sandi lama.')
  if (typeof newPassword !== 'string' || newPassword.length < 8 || newPassword.length > 256)
    throw new EndpointError(400, 'Kata sandi baru minimal 8 karakter.')
  if (newPassword === currentPassword) throw new EndpointError(400, 'Kata sandi baru harus berbeda dari yang lama.')
  const address = clientAddress(req)
  const keys: ThrottleKey[] = [
    { key: `portal-password:customer:${user.id}`, rule: PASSWORD_CHANGE_RULES.perCustomer },
    ...(address ? [{ key: `portal-password:address:${address}`, rule: PASSWORD_CHANGE_RULES.perAddress }] : []),
  ]
  await countAttempt(req.payload, keys, req)
  const account = (await req.payload.db.findOne({
    collection: 'customers',
    where: { id: { equals: user.id } },
    req,
  })) as { salt?: unknown; hash?: unknown } | null
  if (!account || !(await passwordMatches(currentPassword, account.salt, account.hash)))
    throw new EndpointError(400, WRONG_CURRENT_PASSWORD)
  await req.payload.update({
    collection: 'customers',
    id: user.id,
    data: { password: newPassword },
    overrideAccess: false,
    user,
    depth: 0,
    req,
    context: { customerPasswordProven: true },
  })
}
