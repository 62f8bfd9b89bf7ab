import {
  type AuthStrategy,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  JWTAuthentication,
} from 'payload'

/**
 * Payload's own JWT sign-in check (`JWTAuthentication`: signature, expiry, the account and its
 * session), remembered for a short while per token, so a signed-in caller's account is not read
 * again on every request. Nothing is decided differently: a token is only ever answered with what
 * Payload's check answered for that exact token moments ago.
 *
 * - AUTH_CACHE_MS (default 5000; 0 turns the cache off): how long an answer is kept. Another
 *   process's change to the account (a sign-out there, a role change) is seen after at most that.
 * - In this process any change to the account (update, delete, sign-out) drops its answers at once.
 * - Only successful sign-ins are kept; a token near its expiry is kept no longer than it is valid.
 */
type Entry = { user: Record<string, unknown>; until: number; key: string }

const MAX_ENTRIES = 10_000
const entries = new Map<string, Entry>()
const byAccount = new Map<string, Set<string>>()

const ttlMs = () => {
  const n = Number(process.env.AUTH_CACHE_MS ?? 5000)
  return Number.isFinite(n) && n > 0 ? n : 0
}
const accountKey = (collection: string, id: unknown) => `${collection}:${String(id)}`

/** Drops every remembered sign-in of the account. */
export function forgetAccount(collection: string, id: unknown): void {
  const key = accountKey(collection, id)
  for (const token of byAccount.get(key) ?? []) entries.delete(token)
  byAccount.delete(key)
}

function remember(cacheKey: string, user: Record<string, unknown>, until: number) {
  if (entries.size >= MAX_ENTRIES) {
    const now = Date.now()
    for (const [k, e] of entries) if (e.until <= now) entries.delete(k)
    if (entries.size >= MAX_ENTRIES) entries.clear()
  }
  const key = accountKey(String(user.collection), user.id)
  entries.set(cacheKey, { user, until, key })
  let tokens = byAccount.get(key)
  if (!tokens) byAccount.set(key, (tokens = new Set()))
  tokens.add(cacheKey)
}

/** The `exp` claim of a JWT (seconds), read without verifying (the token was verified when first seen). */
function expiresAtMs(token: string): number {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }
    return typeof claims.exp === 'number' ? claims.exp * 1000 : 0
  } catch {
    return 0
  }
}

/**
 * The token exactly as Payload 3.90's `extractJWT` (not exported) takes it, in the configured
 * `auth.jwtOrder`: `Authorization: JWT …` / `Bearer …`, or the `payload-token` cookie only when the
 * request's Origin is in the CSRF allowlist (without an Origin: Sec-Fetch-Site same-origin,
 * same-site or none). A remembered answer must never let a cross-site request ride on a cookie
 * that Payload's own check would have ignored.
 */
function tokenOf(headers: Headers, config: { cookiePrefix: string; csrf: string[]; auth: { jwtOrder: string[] } }) {
  for (const method of config.auth.jwtOrder) {
    const auth = headers.get('authorization')
    if (method === 'JWT' && auth?.startsWith('JWT ')) return auth.slice(4)
    if (method === 'Bearer' && auth?.startsWith('Bearer ')) return auth.slice(7)
    if (method !== 'cookie') continue
    const cookie = headers.get('cookie')
    const match = cookie && new RegExp(`(?:^|;\\s*)${config.cookiePrefix}-token=([^;]+)`).exec(cookie)
    if (!match) continue
    const origin = headers.get('origin')
    const allowed = origin
      ? config.csrf.length === 0 || config.csrf.includes(origin)
      : config.csrf.length === 0 || ['same-origin', 'same-site', 'none'].includes(headers.get('sec-fetch-site') ?? '')
    if (allowed) return decodeURIComponent(match[1]!)
  }
  return null
}

export const cachedJwtStrategy: AuthStrategy = {
  name: 'cached-jwt',
  authenticate: async (args) => {
    const ttl = ttlMs()
    if (!ttl) return { user: null } // Payload's own strategy runs next
    const token = tokenOf(args.headers, args.payload.config)
    if (!token) return { user: null }
    const cacheKey = `${args.isGraphQL ? 'g' : 'r'}:${token}`
    const now = Date.now()
    const hit = entries.get(cacheKey)
    if (hit && hit.until > now) return { user: { ...hit.user } as never }
    if (hit) entries.delete(cacheKey)
    const result = await JWTAuthentication({ ...args, strategyName: 'local-jwt' })
    if (result.user) {
      const until = Math.min(now + ttl, expiresAtMs(token))
      if (until > now) remember(cacheKey, { ...(result.user as unknown as Record<string, unknown>) }, until)
    }
    return result
  },
}

/** On the auth collections: a change to the account drops its remembered sign-ins in this process. */
export const forgetAccountOnChange: CollectionAfterChangeHook = ({ collection, doc }) => {
  forgetAccount(collection.slug, doc.id)
  return doc
}
export const forgetAccountOnDelete: CollectionAfterDeleteHook = ({ collection, id }) => {
  forgetAccount(collection.slug, id)
}
export const forgetAccountOnLogout = ({
  collection,
  req,
}: {
  collection: { slug: string }
  req: { user?: { id?: unknown } | null }
}) => {
  if (req.user?.id !== undefined) forgetAccount(collection.slug, req.user.id)
}
