import type { OutgoingHttpHeaders } from 'node:http'

import type { NextFunction, Request, RequestHandler, Response } from 'express'
import LRUCache from 'lru-cache'

import { logger } from './logger'

/**
 * A server-side cache of rendered pages for signed-in people, in front of Next: the page rendered
 * for someone is sent again as long as the version of what it shows is unchanged. Each request is
 * still authenticated (`identify`) and the version is worked out afresh (`version`, one cheap
 * query); only the render is skipped. Nothing is shared between people: the key is who asks.
 *
 * Only plain document loads are kept (GET, no Next router headers, no `Cache-Control: no-cache`
 * from a hard reload), only `200` answers without cookies, and only in this process's memory
 * (several servers each keep their own; the version makes them agree).
 */
export type PageCacheOptions<Who = string> = {
  /** Who is asking; undefined sends the request on uncached (e.g. not signed in). */
  identify: (req: Request) => Promise<Who | undefined>
  /** Who is asking as a key part (default: `String(who)`). */
  keyOf?: (who: Who) => string
  /**
   * The version of what the answer shows that person now; any change renders it again. Undefined
   * sends the request on uncached.
   */
  version: (who: Who, req: Request) => Promise<string | undefined>
  /**
   * Which GET requests may be kept, besides the checks made for all (no `Cache-Control: no-cache`,
   * short key headers). Default: whole documents only (no query string, no Next router headers).
   */
  accepts?: (req: Request) => boolean
  /** Request headers the answer varies by, each a key part (default: `accept-encoding`). */
  varyBy?: string[]
  /** Response header saying `hit` or `miss` (default `x-page-cache`). */
  header?: string
  /** Memory for all kept pages, in bytes (0 turns the cache off). */
  maxBytes: number
  /** A kept page is rendered again after this long even if its version did not change. */
  ttlMs: number
}

type Entry = { version: string; status: number; headers: OutgoingHttpHeaders; body: Buffer }

/** Response headers a kept page is sent again without (they belong to one connection or moment). */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'])
/** Requests for something other than the whole document (Next's client-side navigation, actions). */
const ROUTER_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-action',
]
/** The largest page kept. */
const MAX_PAGE_BYTES = 1024 * 1024

export const PAGE_CACHE_HEADER = 'x-page-cache'

/** Whole documents: no query string (one copy per page, not per spelling of it), no Next router request. */
export const wholeDocument = (req: Request) =>
  !req.originalUrl.includes('?') && !ROUTER_HEADERS.some((name) => req.headers[name] !== undefined)

/** The longest value of a header the key varies by (browsers send a handful of short spellings). */
const MAX_VARY_LENGTH = 128

const chunkBuffer = (chunk: unknown, encoding?: unknown): Buffer | undefined => {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return undefined
  if (Buffer.isBuffer(chunk)) return chunk
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
}

export function pageCache<Who = string>(options: PageCacheOptions<Who>): RequestHandler {
  if (options.maxBytes <= 0) return (_req, _res, next) => next()
  const accepts = options.accepts ?? wholeDocument
  const varyBy = options.varyBy ?? ['accept-encoding']
  const keyOf = options.keyOf ?? String
  const cacheHeader = options.header ?? PAGE_CACHE_HEADER
  const cacheable = (req: Request) =>
    req.method === 'GET' &&
    varyBy.every((name) => String(req.headers[name] ?? '').length <= MAX_VARY_LENGTH) &&
    !/\bno-cache\b/i.test(String(req.headers['cache-control'] ?? '')) &&
    accepts(req)
  const pages = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => entry.body.length + 1024,
    ttl: options.ttlMs,
  })

  return async (req: Request, res: Response, next: NextFunction) => {
    if (!cacheable(req)) return next()
    let key: string
    let version: string
    try {
      const who = await options.identify(req)
      if (who === undefined) return next()
      const known = await options.version(who, req)
      if (known === undefined) return next()
      version = known
      // The answer follows these headers (Next compresses as asked): one copy per value sent.
      key = [keyOf(who), req.originalUrl, ...varyBy.map((name) => String(req.headers[name] ?? ''))].join('\n')
    } catch (error) {
      // Not knowing the version is never a reason to send an old page: render it.
      logger.warn({ err: error, path: req.path }, 'page cache: version unknown, rendering')
      return next()
    }

    const kept = pages.get(key)
    if (kept && kept.version === version) {
      for (const [name, value] of Object.entries(kept.headers)) if (value !== undefined) res.setHeader(name, value)
      res.setHeader('content-length', kept.body.length)
      res.setHeader(cacheHeader, 'hit')
      res.status(kept.status).end(kept.body)
      return
    }

    // Rendered now: keep a copy of what goes out, and keep it once the answer has gone out whole.
    res.setHeader(cacheHeader, 'miss')
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = false
    const take = (chunk: unknown, encoding?: unknown) => {
      const buffer = chunkBuffer(chunk, encoding)
      if (!buffer || tooBig) return
      size += buffer.length
      if (size > MAX_PAGE_BYTES) {
        tooBig = true
        chunks.length = 0
      } else chunks.push(buffer)
    }
    const write = res.write.bind(res) as (...args: unknown[]) => boolean
    const end = res.end.bind(res) as (...args: unknown[]) => Response
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      take(chunk, rest[0])
      return write(chunk, ...rest)
    }) as Response['write']
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      take(chunk, rest[0])
      return end(chunk, ...rest)
    }) as Response['end']
    res.on('finish', () => {
      if (tooBig || res.statusCode !== 200 || res.getHeader('set-cookie') !== undefined) return
      const headers: OutgoingHttpHeaders = {}
      for (const [name, value] of Object.entries(res.getHeaders()))
        if (!HOP_HEADERS.has(name) && name !== cacheHeader) headers[name] = value
      pages.set(key, { version, status: res.statusCode, headers, body: Buffer.concat(chunks) })
    })
    next()
  }
}
