import crypto from 'node:crypto'

import {
  AuthenticationError,
  getLoginOptions,
  type PayloadRequest,
  type SanitizedCollectionConfig,
  type Where,
} from 'payload'

import { isConnectionError, markDatabaseDown, whenDatabaseIsBack } from '../../../db/health'
import { clientAddress } from './clientAddress'
import {
  countAttempt,
  forgetAccounts,
  forgetKeys,
  forgiveAttempt,
  isRemembered,
  rememberKey,
  type ThrottleKey,
  type ThrottleRule,
} from './throttle'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * How sign-in guessing is slowed down (see "Sign-in protection" in the README). Nothing here locks
 * an account: each rule only makes the next attempt of whoever guessed wait.
 */
export const SIGN_IN_RULES = {
  /** Every password, reset token and reset request from one client address, whatever account. */
  address: (): ThrottleRule => ({
    free: Number(process.env.AUTH_RATE_LIMIT ?? 20),
    firstWaitMs: MINUTE,
    maxWaitMs: 15 * MINUTE,
    forgetAfterMs: HOUR,
  }),
  /** One account guessed from one address: what stops a single guesser. */
  accountFromAddress: { free: 5, firstWaitMs: MINUTE, maxWaitMs: 15 * MINUTE, forgetAfterMs: DAY },
  /**
   * One account guessed from addresses that never signed in to it: what stops many guessers
   * together. Addresses the account signed in from in the last 30 days are not held by it.
   */
  account: { free: 20, firstWaitMs: MINUTE, maxWaitMs: 15 * MINUTE, forgetAfterMs: DAY },
  /** Password-reset emails asked for one account. */
  resetRequests: { free: 3, firstWaitMs: 5 * MINUTE, maxWaitMs: HOUR, forgetAfterMs: DAY },
} satisfies Record<string, ThrottleRule | (() => ThrottleRule)>

/** How long an address that signed in to an account stays exempt from that account's shared limit. */
export const TRUSTED_ADDRESS_MS = 30 * DAY

/**
 * The login name an attempt names, normalised as Payload's login does (trimmed, lower case): the
 * username when the collection signs in by username and one was given, else the email. Undefined
 * when none was given (Payload then answers the missing field itself).
 */
export function loginName(collection: SanitizedCollectionConfig, data: unknown): string | undefined {
  const { email, username } = (data ?? {}) as { email?: unknown; username?: unknown }
  const clean = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim().toLowerCase().slice(0, 320) : undefined
  return (collection.auth.loginWithUsername ? clean(username) : undefined) ?? clean(email)
}

/** The rows an account is looked up by, as Payload's login looks it up (the name typed as either). */
function accountWhere(collection: SanitizedCollectionConfig, login: string): Where {
  const { canLoginWithEmail, canLoginWithUsername } = getLoginOptions(collection.auth.loginWithUsername)
  return {
    or: [
      ...(canLoginWithUsername ? [{ username: { equals: login } }] : []),
      ...(canLoginWithEmail ? [{ email: { equals: login } }] : []),
    ],
  }
}

const accountId = (collection: string, login: string) => `${collection}:${login}`

/** The throttle keys one sign-in attempt counts on. */
async function signInKeys(req: PayloadRequest, collection: string, login: string): Promise<ThrottleKey[]> {
  const account = accountId(collection, login)
  const address = clientAddress(req)
  // Work without a client (scripts, jobs) is throttled per account only.
  if (!address) return [{ key: `account:${account}`, rule: SIGN_IN_RULES.account, account }]
  const trusted = await isRemembered(req.payload, `trusted:${account}@${address}`)
  return [
    { key: `address:${address}`, rule: SIGN_IN_RULES.address() },
    { key: `account-address:${account}@${address}`, rule: SIGN_IN_RULES.accountFromAddress, account },
    ...(trusted ? [] : [{ key: `account:${account}`, rule: SIGN_IN_RULES.account, account }]),
  ]
}

/**
 * Before a password is checked: refuses the attempt (429) while one of its keys waits, else counts
 * it. The keys depend only on the address and the login name typed, never on whether that account
 * exists, so a refusal says nothing about accounts.
 */
export async function beginSignInAttempt({
  req,
  collection,
  login,
}: {
  req: PayloadRequest
  collection: string
  login: string
}): Promise<void> {
  const keys = await signInKeys(req, collection, login)
  await countAttempt(req.payload, keys, req)
  req.context.signInAttemptKeys = keys
}

/**
 * A sign-in cut short by the database going away was never checked: its count is taken back, now
 * or, if the database is still away, as soon as it is back (staff would otherwise find themselves
 * throttled after an outage for attempts that never reached their password).
 */
export function signInInterrupted(req: PayloadRequest, error: unknown): void {
  const keys = req.context.signInAttemptKeys
  if (!keys || !isConnectionError(error)) return
  delete req.context.signInAttemptKeys
  const { payload } = req
  const forgive = async (): Promise<void> => {
    try {
      await forgiveAttempt(payload, keys)
    } catch (failure) {
      if (!isConnectionError(failure)) throw failure
      markDatabaseDown(failure)
      whenDatabaseIsBack(forgive)
    }
  }
  whenDatabaseIsBack(forgive)
}

/**
 * After the right password: the attempt is taken back, this address's guesses at the account are
 * forgotten, and the address is remembered as one the account signs in from.
 */
export async function signInSucceeded({
  req,
  collection,
  login,
}: {
  req: PayloadRequest
  collection: string
  login: string
}): Promise<void> {
  delete req.context.signInAttemptKeys
  const keys = await signInKeys(req, collection, login)
  await forgiveAttempt(
    req.payload,
    keys.filter((k) => !k.key.startsWith('account-address:')),
  )
  const address = clientAddress(req)
  if (!address) return
  const account = accountId(collection, login)
  await forgetKeys(req.payload, [`account-address:${account}@${address}`])
  // Not tied to the account's waits: lifting them (unlock, a reset) keeps the addresses it uses.
  await rememberKey(req.payload, `trusted:${account}@${address}`, TRUSTED_ADDRESS_MS)
}

// PBKDF2-SHA256 with Payload 3.90's parameters for new passwords (600,000 iterations, 32 bytes):
// checking a password against an account that does not exist costs what checking a real one does.
const PASSWORD_HASH_ITERATIONS = 600_000
const PASSWORD_HASH_BYTES = 32
const dummySalt = crypto.randomBytes(32).toString('hex')
const dummyHash = crypto.randomBytes(PASSWORD_HASH_BYTES)

/** Hashes the password as a real check would, and finds it wrong. */
export async function checkPasswordOfNobody(password: string): Promise<false> {
  const hash = await new Promise<Buffer>((resolve, reject) =>
    crypto.pbkdf2(password, dummySalt, PASSWORD_HASH_ITERATIONS, PASSWORD_HASH_BYTES, 'sha256', (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
  crypto.timingSafeEqual(hash, dummyHash)
  return false
}

/**
 * For a login name no account has: does the work a wrong password costs and fails the same way, so
 * neither the answer nor its timing tells whether the account exists. Resolves when the account
 * exists (its password is then checked by Payload).
 */
export async function failLikeWrongPasswordUnlessAccountExists({
  req,
  collection,
  login,
  password,
}: {
  req: PayloadRequest
  collection: SanitizedCollectionConfig
  login: string
  password: string
}): Promise<void> {
  const found = await req.payload.db.findOne({
    collection: collection.slug,
    where: accountWhere(collection, login),
    // Only the id: no join of the account's tickets, invoices and history is computed.
    select: { id: true },
    req,
  })
  if (found) return
  await checkPasswordOfNobody(password)
  // The very error Payload throws for a wrong password.
  throw new AuthenticationError(req.t)
}

/** The login names of an account (username and email), for lifting its waits. */
export async function accountLogins({
  req,
  collection,
  login,
}: {
  req: PayloadRequest
  collection: SanitizedCollectionConfig
  login: string
}): Promise<string[]> {
  const found = (await req.payload.db.findOne({
    collection: collection.slug,
    where: accountWhere(collection, login),
    select: collection.auth.loginWithUsername ? { email: true, username: true } : { email: true },
    req,
  })) as { email?: string | null; username?: string | null } | null
  const names = [login, found?.email, found?.username].filter(
    (name): name is string => typeof name === 'string' && name !== '',
  )
  return [...new Set(names.map((name) => accountId(collection.slug, name.trim().toLowerCase())))]
}

/** Staff unlocking an account (`POST /api/<collection>/unlock`): every wait on its login names is lifted. */
export async function liftAccountWaits({
  req,
  collection,
  login,
}: {
  req: PayloadRequest
  collection: SanitizedCollectionConfig
  login: string
}): Promise<void> {
  await forgetAccounts(req.payload, await accountLogins({ req, collection, login }))
}
