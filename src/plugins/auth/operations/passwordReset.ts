import { APIError, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'

import { clientAddress } from './clientAddress'
import { SIGN_IN_RULES } from './signIn'
import { countAttempt, forgetAccounts, forgiveAttempt, type ThrottleKey } from './throttle'

export type PasswordResetRequest = { collection: string; email?: string; username?: string }

/** The keys a reset request or a reset-token check counts on. */
function resetKeys(req: PayloadRequest, account?: string): ThrottleKey[] {
  const address = clientAddress(req)
  return [
    ...(address ? [{ key: `address:${address}`, rule: SIGN_IN_RULES.address() }] : []),
    ...(account ? [{ key: `reset:${account}`, rule: SIGN_IN_RULES.resetRequests, account }] : []),
  ]
}

/**
 * Whether a login can be an email address at all (one `@`, a dotted domain, no spaces). A login that
 * cannot be one names no account: it is answered and counted like an unknown account, but no job is
 * queued for it.
 */
export const couldBeEmail = (value: string): boolean =>
  value.length <= 254 && /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(value)

const clean = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim().toLowerCase().slice(0, 320) : undefined

/**
 * "Forgot password" from any path: counts the request, queues the reset email for a worker and
 * returns, doing the same thing whether or not an account has that email or username (a login that
 * cannot be an email address is counted and answered alike, but queues nothing). The worker
 * makes the reset token and sends the email (Payload's own forgot-password, `sendPasswordReset`), so
 * neither the answer nor its timing tells whether the account exists.
 */
export async function requestPasswordReset({
  req,
  collection,
  data,
}: {
  req: PayloadRequest
  collection: string
  data: unknown
}): Promise<void> {
  const config = req.payload.collections[collection as 'users']?.config
  if (!config?.auth) throw new APIError('Koleksi ini tidak memakai akun / not an auth collection', 400)
  const { email, username } = (data ?? {}) as { email?: unknown; username?: unknown }
  const request: PasswordResetRequest = { collection }
  if (config.auth.loginWithUsername && clean(username)) request.username = clean(username)
  else if (clean(email)) request.email = clean(email)
  else {
    throw new APIError(
      config.auth.loginWithUsername
        ? 'Isi nomor pelanggan atau email / username or email is required'
        : 'Isi email / email is required',
      400,
      undefined,
      true,
    )
  }
  await countPasswordResetRequest(req, `${collection}:${request.username ?? request.email}`)
  if (request.email !== undefined && !couldBeEmail(request.email)) return
  await req.payload.jobs.queue({ task: 'sendPasswordReset', input: request, req })
}

/** Counts a reset request on the client's address and on the account it names (429 while waiting). */
export async function countPasswordResetRequest(req: PayloadRequest, account: string): Promise<void> {
  await countAttempt(req.payload, resetKeys(req, account), req)
}

/**
 * Before a reset token is checked: counted on the client's address like a password, then refused in
 * Indonesian when no account holds it unexpired (Payload's own refusal is in English only).
 */
export async function beginResetTokenAttempt(
  req: PayloadRequest,
  collection: SanitizedCollectionConfig,
  token: unknown,
): Promise<void> {
  await countAttempt(req.payload, resetKeys(req), req)
  const found =
    typeof token === 'string' && token !== ''
      ? await req.payload.db.findOne({
          collection: collection.slug,
          where: {
            and: [
              { resetPasswordToken: { equals: token } },
              { resetPasswordExpiration: { greater_than: new Date().toISOString() } },
            ],
          },
          select: { id: true },
          req,
        })
      : null
  if (!found) {
    throw new APIError(
      'Tautan atur ulang kata sandi tidak berlaku atau sudah kedaluwarsa. Minta tautan baru. / The reset link is invalid or has expired.',
      403,
      undefined,
      true,
    )
  }
}

/**
 * A reset token was right: the attempt is taken back, and the account's waits are lifted, since
 * whoever reset it reads the account's mailbox.
 */
export async function resetTokenAccepted(req: PayloadRequest, accounts: string[]): Promise<void> {
  await forgiveAttempt(req.payload, resetKeys(req))
  await forgetAccounts(req.payload, accounts)
}
