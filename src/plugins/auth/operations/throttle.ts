import { sql } from '@payloadcms/db-postgres'
import { APIError, type Payload, type PayloadRequest } from 'payload'

import { executeSqlOutsideTransaction } from '../../../db/sql'

/**
 * Throttling of anything that checks a secret (a password, a reset token, a one-time code), counted
 * per attempt, not per request, in PostgreSQL (the `auth_throttles` table), so every web replica and
 * every path to the same check (REST in any spelling, GraphQL aliases, the Local API) share one
 * counter.
 *
 * A caller names the keys an attempt counts on (the client address, the account, the pair), each
 * with its rule, then calls `countAttempt` before checking the secret and `forgiveAttempt` when the
 * secret was right. Nothing ever locks: a key that has used up its free attempts makes the next one
 * wait, first `firstWaitMs`, doubling with each further counted attempt up to `maxWaitMs`, and is
 * forgotten `forgetAfterMs` after its last counted attempt. An attempt refused while a key waits is
 * not counted and checks nothing, so it tells nothing either.
 */
export type ThrottleRule = {
  /** Attempts allowed before the first wait. */
  free: number
  /** The wait after the last free attempt; doubled for each attempt counted after it. */
  firstWaitMs: number
  /** The longest wait. */
  maxWaitMs: number
  /** A key is forgotten this long after its last counted attempt (at least `maxWaitMs`). */
  forgetAfterMs: number
}

export type ThrottleKey = {
  /** What is counted, e.g. `address:203.0.113.7` or `account:customers:cus20250101001`. */
  key: string
  rule: ThrottleRule
  /** The account the key belongs to (`<collection>:<login>`), so staff can lift its waits. */
  account?: string
}

/** Answered (429) to an attempt while one of its keys waits. */
export class TooManyAttempts extends APIError<{ retryAfterSeconds: number }> {
  readonly retryAfterSeconds: number
  constructor(retryAfterSeconds: number) {
    // In whole minutes: the exact seconds (Retry-After) would differ between two refusals a moment apart.
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    super(
      `Terlalu banyak percobaan. Coba lagi dalam ${minutes} menit. / Too many attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      429,
      { retryAfterSeconds },
      true,
    )
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** The wait after the `attempts`-th counted attempt, or null while attempts are still free. */
export function waitAfter(rule: ThrottleRule, attempts: number): number | null {
  if (attempts < rule.free) return null
  return Math.min(rule.firstWaitMs * 2 ** Math.min(attempts - rule.free, 30), rule.maxWaitMs)
}

const ms = (value: number | null) => sql`(${value}::double precision * interval '1 millisecond')`

/**
 * Counts one attempt on every key, or throws `TooManyAttempts` (counting nothing) when any key is
 * still waiting. Call it before the secret is checked; a crash or a rollback after it leaves the
 * attempt counted. With a request, the refusal also carries a Retry-After header.
 */
export async function countAttempt(payload: Payload, keys: ThrottleKey[], req?: PayloadRequest): Promise<void> {
  if (keys.length === 0) return
  const refuse = (waitUntil: Date): never => {
    const seconds = Math.max(1, Math.ceil((waitUntil.getTime() - Date.now()) / 1000))
    if (req) {
      req.responseHeaders ??= new Headers()
      req.responseHeaders.set('Retry-After', String(seconds))
    }
    throw new TooManyAttempts(seconds)
  }
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT max(wait_until) AS wait_until FROM auth_throttles
        WHERE key IN ${keys.map((k) => k.key)} AND wait_until > now() AND expires_at > now()`,
  )
  if (rows[0]?.wait_until) refuse(new Date(rows[0].wait_until as string))

  // One statement per key: each row is locked while counted, so concurrent attempts (parallel
  // requests, another replica) are counted one after the other. A key that started waiting since
  // the check above is not counted (no row comes back) and the attempt is refused.
  const counted = await Promise.all(
    keys.map(async ({ key, rule, account }) => {
      const attempts = sql`(CASE WHEN t.expires_at <= now() THEN 1 ELSE t.failures + 1 END)`
      const { rows: updated } = await executeSqlOutsideTransaction(
        payload,
        sql`INSERT INTO auth_throttles AS t (key, account, failures, last_failure_at, wait_until, expires_at)
            VALUES (${key}, ${account ?? null}, 1, now(), now() + ${ms(waitAfter(rule, 1))}, now() + ${ms(rule.forgetAfterMs)})
            ON CONFLICT (key) DO UPDATE SET
              failures = ${attempts},
              last_failure_at = now(),
              wait_until = now() + (CASE WHEN ${attempts} >= ${rule.free}
                THEN LEAST(${rule.firstWaitMs}::double precision * power(2, LEAST(${attempts} - ${rule.free}, 30)),
                           ${rule.maxWaitMs}::double precision) END) * interval '1 millisecond',
              expires_at = now() + ${ms(rule.forgetAfterMs)},
              account = EXCLUDED.account
            WHERE t.wait_until IS NULL OR t.wait_until <= now() OR t.expires_at <= now()
            RETURNING wait_until`,
      )
      return updated.length > 0
    }),
  )
  if (counted.includes(false)) {
    const { rows: waiting } = await executeSqlOutsideTransaction(
      payload,
      sql`SELECT max(wait_until) AS wait_until FROM auth_throttles WHERE key IN ${keys.map((k) => k.key)}`,
    )
    refuse(new Date((waiting[0]?.wait_until as string | undefined) ?? Date.now() + 1000))
  }
  // Rows of keys forgotten long ago are removed now and then, by whichever attempt comes along.
  if (Math.random() < 0.01) {
    await executeSqlOutsideTransaction(
      payload,
      sql`DELETE FROM auth_throttles WHERE id IN (SELECT id FROM auth_throttles WHERE expires_at < now() LIMIT 1000)`,
    )
  }
}

/**
 * Takes back an attempt that turned out right: one count less on each key, and no wait left on a
 * key that is back within its free attempts.
 */
export async function forgiveAttempt(payload: Payload, keys: ThrottleKey[]): Promise<void> {
  await Promise.all(
    keys.map(({ key, rule }) =>
      executeSqlOutsideTransaction(
        payload,
        sql`UPDATE auth_throttles SET
              failures = GREATEST(failures - 1, 0),
              wait_until = CASE WHEN failures - 1 >= ${rule.free} THEN wait_until END
            WHERE key = ${key}`,
      ),
    ),
  )
}

/** Forgets keys altogether (their counts and waits). */
export async function forgetKeys(payload: Payload, keys: string[]): Promise<void> {
  if (keys.length === 0) return
  await executeSqlOutsideTransaction(payload, sql`DELETE FROM auth_throttles WHERE key IN ${keys}`)
}

/** Forgets every key of the accounts (`<collection>:<login>`): staff lifting a customer's waits. */
export async function forgetAccounts(payload: Payload, accounts: string[]): Promise<void> {
  if (accounts.length === 0) return
  await executeSqlOutsideTransaction(payload, sql`DELETE FROM auth_throttles WHERE account IN ${accounts}`)
}

/** Remembers a fact (e.g. "this address signed in to this account") for a while, as a key with no count. */
export async function rememberKey(payload: Payload, key: string, forMs: number, account?: string): Promise<void> {
  await executeSqlOutsideTransaction(
    payload,
    sql`INSERT INTO auth_throttles (key, account, failures, expires_at)
        VALUES (${key}, ${account ?? null}, 0, now() + ${ms(forMs)})
        ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, failures = 0, wait_until = NULL`,
  )
}

/** Whether a key remembered with `rememberKey` is still remembered. */
export async function isRemembered(payload: Payload, key: string): Promise<boolean> {
  const { rows } = await executeSqlOutsideTransaction(
    payload,
    sql`SELECT 1 FROM auth_throttles WHERE key = ${key} AND expires_at > now()`,
  )
  return rows.length > 0
}
