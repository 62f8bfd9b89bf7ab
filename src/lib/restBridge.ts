import { Readable } from 'node:stream'

import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { handleEndpoints, type SanitizedConfig } from 'payload'

import { databaseDownCount } from '../db/health'

/**
 * Serves Payload's REST API (`/api/...`, not GraphQL) straight from Express through Payload's own
 * `handleEndpoints`, the function Next's route handler calls. Skipping Next's routing saves ~3 ms of
 * CPU per request on the portal and app reads; the admin pages, GraphQL and everything else still
 * go through Next. The body is streamed, never parsed here (uploads and webhook signatures).
 */
export function payloadRestBridge(
  config: Promise<SanitizedConfig> | SanitizedConfig,
  apiRoute = '/api',
  /** Answers a request that lost the database while it ran (instead of its 401, 403 or 500). */
  databaseLost?: (res: ExpressResponse) => void,
) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!req.path.startsWith(`${apiRoute}/`) || req.path.startsWith(`${apiRoute}/graphql`)) return next()
    try {
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
        else if (value !== undefined) headers.set(name, value)
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      const request = new Request(new URL(req.originalUrl, `http://${req.headers.host ?? 'localhost'}`), {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
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
      // A body stream that fails half-way (a file read error, say) ends this response, not the process.
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
        .on('error', (error) => res.destroy(error))
        .pipe(res)
    } catch (error) {
      next(error)
    }
  }
}
