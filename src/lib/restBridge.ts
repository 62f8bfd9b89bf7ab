import { Readable } from 'node:stream'

import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { handleEndpoints, type SanitizedConfig } from 'payload'

import { databaseDownCount } from '../db/health'
import { webhookRoute } from '../plugins/wiring'
import { containsNul, NUL_MESSAGE } from './input'
import { fetchHeaders } from './httpHeaders'
import { payloadSigningKey, signedTokenClaims } from './signedToken'

/**
 * Serves Payload's REST API (`/api/...`, not GraphQL) straight from Express through Payload's own
 * `handleEndpoints`, the function Next's route handler calls. Skipping Next's routing saves ~3 ms of
 * CPU per request on the portal and app reads; the admin pages, GraphQL and everything else still
 * go through Next. The body is streamed, never parsed here (uploads and webhook signatures).
 */

function jsonCarriesNul(raw: Buffer): boolean {
  if (raw.includes(0)) return true
  if (!raw.includes('\\u0000')) return false
  try {
    return containsNul(JSON.parse(raw.toString('utf8')))
  } catch {
    return false // not JSON: the endpoint answers that
  }
}

/**
 * Reads without a session are bounded like GraphQL's (src/lib/graphqlGuard.ts): at most 100 rows a
 * page (`limit=0` and `pagination=false`, which return everything, are refused) and depth 3. A
 * made-up `Authorization` header or `payload-token` cookie does not count as a session.
 */
function anonymousReadTooCostly(req: ExpressRequest, secret: string): string | undefined {
  if (req.method !== 'GET' || signedTokenClaims(req.headers, secret)) return undefined
  const query = new URL(req.originalUrl, 'http://localhost').searchParams
  const limit = query.get('limit')
  if (limit !== null && !/^(100|[1-9][0-9]?)$/.test(limit)) return 'limit harus bilangan bulat 1–100.'
  const depth = query.get('depth')
  if (depth !== null && !/^[0-3]$/.test(depth)) return 'depth harus 0–3.'
  if (query.get('pagination') === 'false') return '"pagination=false" tidak diizinkan; gunakan limit 1–100 dan page.'
  return undefined
}

/** Answers up to this size (by their Content-Length) are sent whole rather than streamed. */
const WHOLE_BODY_MAX_BYTES = 1024 * 1024

const refuseNul = (res: ExpressResponse) => void res.status(400).json({ errors: [{ message: NUL_MESSAGE }] })

export function payloadRestBridge(
  config: Promise<SanitizedConfig> | SanitizedConfig,
  apiRoute = '/api',
  /** Answers a request that lost the database while it ran (instead of its 401, 403 or 500). */
  databaseLost?: (res: ExpressResponse) => void,
) {
  // Webhooks read and verify their raw bodies themselves (the plugins declare them: src/plugins/wiring.ts).
  let webhookPath: RegExp | undefined
  let secret: string | undefined
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    webhookPath ??= webhookRoute(await config, apiRoute)
    // Payload signs with a key derived from the configured secret (BasePayload.init).
    secret ??= payloadSigningKey((await config).secret)
    if (!req.path.startsWith(`${apiRoute}/`) || req.path.startsWith(`${apiRoute}/graphql`)) return next()
    try {
      const headers = fetchHeaders(req.headers)
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      // PostgreSQL cannot store NUL: a query or JSON body carrying one is refused before any
      // endpoint sees it (the endpoints check too; the webhooks answer for their own raw bodies).
      if (/%00/.test(req.originalUrl)) return refuseNul(res)
      const tooCostly = anonymousReadTooCostly(req, secret)
      if (tooCostly) return void res.status(400).json({ errors: [{ message: tooCostly }] })
      let body: ReadableStream | Buffer | undefined
      if (hasBody && /json/i.test(req.headers['content-type'] ?? '') && !webhookPath.test(req.path.toLowerCase())) {
        const chunks: Buffer[] = []
        for await (const chunk of req) chunks.push(chunk as Buffer)
        body = Buffer.concat(chunks)
        if (jsonCarriesNul(body)) return refuseNul(res)
      } else if (hasBody) body = Readable.toWeb(req) as ReadableStream
      const request = new Request(new URL(req.originalUrl, `http://${req.headers.host ?? 'localhost'}`), {
        method: req.method,
        headers,
        body,
        // Required by Node's fetch for a streamed request body.
        duplex: 'half',
      } as RequestInit)
      const lostBefore = databaseDownCount()
      const response = await handleEndpoints({ config, request })
      // The database went away while this request ran: its session lookup or its query failed for
      // that reason, not because of who asked or what they sent.
      if (databaseLost && databaseDownCount() !== lostBefore && [401, 403, 500, 503].includes(response.status)) {
        await response.body?.cancel().catch(() => {})
        return databaseLost(res)
      }
      res.status(response.status)
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') res.setHeader(name, value)
      })
      const cookies = response.headers.getSetCookie()
      if (cookies.length) res.setHeader('set-cookie', cookies)
      if (!response.body) return void res.end()
      // A body of known, modest size (JSON answers, a PDF) is sent in one write: piping it through
      // a web-to-Node stream adapter costs several milliseconds a response for nothing.
      const length = Number(response.headers.get('content-length') ?? NaN)
      if (length <= WHOLE_BODY_MAX_BYTES) return void res.end(Buffer.from(await response.arrayBuffer()))
      // A body stream that fails half-way (a file read error, say) ends this response, not the process.
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
        .on('error', (error) => res.destroy(error))
        .pipe(res)
    } catch (error) {
      next(error)
    }
  }
}
