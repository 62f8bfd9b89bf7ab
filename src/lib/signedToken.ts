import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/** The key Payload signs its tokens with, derived from the configured secret (BasePayload.init). */
export const payloadSigningKey = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 32)

/** What a Payload token says of its holder. */
export type TokenClaims = { id: number | string; collection: string; sid?: string; exp: number }

/**
 * The claims of the token a request carries (`Authorization: JWT …`/`Bearer …`, or the
 * `payload-token` cookie), when Payload signed it (HS256 with `signingKey`, as its `jwtSign` makes
 * them) and it has not expired. Only to tell a session from a stranger before Payload runs: it does
 * not look at the session itself (a signed-out session's token still passes here), so nothing may
 * be answered on its word; Payload still checks the token and its session.
 */
export function signedTokenClaims(headers: IncomingHttpHeaders, signingKey: string): TokenClaims | undefined {
  const auth = headers.authorization
  const token = auth?.startsWith('JWT ')
    ? auth.slice(4)
    : auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : /(?:^|;\s*)payload-token=([^;]+)/.exec(headers.cookie ?? '')?.[1]
  const [header, claims, signature] = token?.split('.') ?? []
  if (!header || !claims || !signature) return undefined
  const expected = createHmac('sha256', signingKey).update(`${header}.${claims}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  try {
    const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Partial<TokenClaims>
    if (typeof parsed.exp !== 'number' || parsed.exp * 1000 <= Date.now()) return undefined
    if (typeof parsed.collection !== 'string') return undefined
    if (typeof parsed.id !== 'number' && typeof parsed.id !== 'string') return undefined
    return parsed as TokenClaims
  } catch {
    return undefined
  }
}
