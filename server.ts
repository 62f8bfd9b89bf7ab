/**
 * The HTTP entry point for development and production alike: Express in front of Next.js + Payload.
 * Express adds what Payload does not have: health and readiness probes, rate limits on GraphQL and
 * the webhooks, the client's address for the sign-in throttle, structured request logs and a clean
 * shutdown. It must not parse bodies: Payload reads the raw body itself (webhook signatures depend
 * on it).
 */
import './src/env'
import './src/serverTimeZone'

import express, { type NextFunction, type Request, type Response } from 'express'
import { rateLimit } from 'express-rate-limit'
import next from 'next'
import { executeAuthStrategies, type Payload } from 'payload'
import { pinoHttp } from 'pino-http'

import { bootPayload, shutdownPayload } from './src/boot'
import {
  checkDatabase,
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  databaseAvailable,
  databaseIsUp,
  surviveDatabaseLoss,
} from './src/db/health'
import { startJobRunner } from './src/jobs/runner'
import { startScheduler } from './src/jobs/scheduler'
import { languageFromHeaders } from './src/lib/language'
import { fetchHeaders } from './src/lib/httpHeaders'
import { REQUEST_BODY_OVERHEAD_BYTES, uploadMaxBytes } from './src/lib/limits'
import { logger } from './src/lib/logger'
import { pageCache } from './src/lib/pageCache'
import { payloadRestBridge } from './src/lib/restBridge'
import { payloadSigningKey, signedTokenClaims } from './src/lib/signedToken'
import { CLIENT_ADDRESS_HEADER } from './src/plugins/auth/operations/clientAddress'
import { startRenderThread, stopRenderThread } from './src/plugins/billing/documents/renderThread'
import {
  dropInvoicePdfAhead,
  INVOICE_PDF_AHEAD_HEADER,
  startInvoicePdfAhead,
} from './src/plugins/billing/operations/documents/invoicePdfAhead'
import { dashboardVersion } from './src/plugins/portal/operations/dashboardVersion'
import { customerReadVersion } from './src/plugins/portal/operations/readVersion'
import { webhookRoute } from './src/plugins/wiring'

const dev = process.env.NODE_ENV !== 'production'
const port = Number(process.env.PORT ?? 3000)
const hostname = process.env.HOST ?? '0.0.0.0'

surviveDatabaseLoss()
const { payload, database } = await bootPayload()

// `npm run demo`: fake gateways and router in this process, so every flow works offline.
const demoFakes =
  process.env.DEMO_FAKES === 'true'
    ? await (
        await import('./src/fakes/demo')
      ).startDemoFakes(payload, process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`)
    : undefined

const app = express()
app.disable('x-powered-by')
// Behind a load balancer set TRUST_PROXY (e.g. "loopback" or a hop count) so rate limits see client IPs.
if (process.env.TRUST_PROXY)
  app.set(
    'trust proxy',
    /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY,
  )

app.use(
  pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url?.startsWith('/_next/') === true || req.url === '/healthz' },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Method, path and status only: headers carry tokens and cookies, which never go into logs.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.split('?')[0],
        ip: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }),
)

// Liveness: the process answers (200 even while the database is away, so it is not restarted for
// that); the body says whether the database is reachable.
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok', database: databaseIsUp() ? 'ok' : 'unreachable' })
})
// Readiness: 503 while the database is unreachable; ready again by itself once it is back.
app.get('/readyz', async (_req, res) => {
  if (await checkDatabase()) return void res.json({ status: 'ready', database: 'ok' })
  res.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
  res.status(503).json({ status: 'unavailable', database: 'unreachable' })
})

// A signed-in customer's download of their invoice's PDF: its render starts first (one statement),
// in the render thread, and runs while Payload checks the session and the invoice's access; the
// endpoint takes it only if it is of the very document it builds itself (invoicePdfAhead.ts). It
// comes before the other API middleware, so the render starts as early as it can: they still run
// after it and answer as before (the database check is made here too, from the last-known state,
// so no early read is tried while the database is away).
// PDF_RENDER_THREAD=false: off.
startRenderThread()
const INVOICE_PDF_ROUTE = /^\/api\/invoices\/(\d{1,10})\/pdf$/
const signingKey = payloadSigningKey(payload.config.secret)
app.use((req, res, nextFn) => {
  // Only this server sets it, on any request.
  delete req.headers[INVOICE_PDF_AHEAD_HEADER]
  const invoiceId = req.method === 'GET' ? Number(INVOICE_PDF_ROUTE.exec(req.path)?.[1]) : NaN
  // Ids are PostgreSQL integers: a larger number names no invoice and is left to the endpoint.
  if (!(invoiceId <= 2_147_483_647) || !databaseIsUp()) return nextFn()
  const claims = signedTokenClaims(req.headers, signingKey)
  if (claims?.collection !== 'customers' || typeof claims.id !== 'number' || req.query.t) return nextFn()
  void startInvoicePdfAhead(payload, invoiceId, claims.id).then((ref) => {
    if (ref) {
      // A client gone while the render started leaves nothing behind for the endpoint to take.
      if (res.closed) dropInvoicePdfAhead(ref)
      else {
        req.headers[INVOICE_PDF_AHEAD_HEADER] = ref
        res.on('close', () => dropInvoicePdfAhead(ref))
      }
    }
    nextFn()
  })
})

// While the database is away (a restart, a network cut) every API call is answered 503 with a
// Retry-After, rather than a sign-in failing with 500 or a signed-in caller being treated as
// anonymous (403) because their session could not be read. The process itself stays up.
const databaseUnavailable = (res: Response) => {
  res.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
  res.status(503).json({ errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE }] })
}
app.use(async (req: Request, res: Response, nextFn: NextFunction) => {
  if (!req.path.toLowerCase().startsWith('/api/')) return nextFn()
  if (await databaseAvailable()) return nextFn()
  databaseUnavailable(res)
})

// A body announced larger than any upload we accept is refused before Payload parses it. Up to a
// sane size it is read and discarded first, so the client, still sending, gets the 413 rather than
// a reset connection; anything bigger is cut off at once.
const maxBodyBytes = uploadMaxBytes() + REQUEST_BODY_OVERHEAD_BYTES
app.use((req: Request, res: Response, nextFn: NextFunction) => {
  const announced = Number(req.headers['content-length'] ?? 0)
  if (announced <= maxBodyBytes) return nextFn()
  const refuse = () => {
    res.set('Connection', 'close')
    res.status(413).json({
      errors: [
        {
          message:
            languageFromHeaders(req.headers.cookie, req.headers['accept-language']) === 'en'
              ? `File too large: at most ${Math.floor(uploadMaxBytes() / (1024 * 1024))} MB`
              : `Berkas terlalu besar: maksimal ${Math.floor(uploadMaxBytes() / (1024 * 1024))} MB`,
        },
      ],
    })
  }
  if (announced > 10 * maxBodyBytes) return refuse()
  req.on('end', refuse)
  req.resume()
})

const tooMany = (message: string) => ({ errors: [{ message }] })
/** A per-client-address limit with the standard RateLimit headers and a JSON refusal. */
const limiter = (windowMs: number, limit: number, message: string) =>
  rateLimit({ windowMs, limit, standardHeaders: 'draft-8', legacyHeaders: false, message: tooMany(message) })
const graphqlLimiter = limiter(
  60 * 1000,
  Number(process.env.GRAPHQL_RATE_LIMIT ?? 300),
  'Terlalu banyak permintaan. / Too many requests.',
)
/** The plugins' webhooks (payment gateways, WhatsApp): signed, but still capped per sending address. */
const WEBHOOK_ROUTE = webhookRoute(payload.config, payload.config.routes.api)
const webhookLimiter = limiter(
  60 * 1000,
  Number(process.env.WEBHOOK_RATE_LIMIT ?? 3000),
  'Terlalu banyak permintaan. / Too many requests.',
)
/**
 * Monitoring events (routers' scripts, Zabbix, Alertmanager, LibreNMS/PRTG): authenticated, but
 * capped per sending address too. Higher than the payment webhooks: one router restarting sends an
 * on-down and an on-up per PPP session within a minute or two.
 */
const MONITORING_ROUTE = /^\/api\/monitoring\/events\/[a-z]+\/?$/
const monitoringLimiter = limiter(
  60 * 1000,
  Number(process.env.MONITORING_RATE_LIMIT ?? 12000),
  'Terlalu banyak kiriman kejadian. / Too many events.',
)
app.use((req: Request, res: Response, nextFn: NextFunction) => {
  // Payload matches its routes without regard to case (/api/WhatsApp/Webhook is served): so must we.
  const path = req.path.toLowerCase()
  if (WEBHOOK_ROUTE.test(path)) return webhookLimiter(req, res, nextFn)
  if (MONITORING_ROUTE.test(path)) return monitoringLimiter(req, res, nextFn)
  // GraphQL carries login mutations too; it gets a per-minute ceiling of its own.
  if (req.method === 'POST' && path === '/api/graphql') return graphqlLimiter(req, res, nextFn)
  nextFn()
})
// Sign-in, password reset and reset tokens are throttled per attempt where Payload checks them
// (src/plugins/auth), whatever the path's spelling and however many GraphQL aliases: it learns
// the client's address, as resolved through TRUST_PROXY, from this header, never from the client.
app.use((req: Request, _res: Response, nextFn: NextFunction) => {
  req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? ''
  nextFn()
})

// Monitoring pushes (a storm is thousands a minute) skip Payload's request set-up: the plugin's
// endpoint hands over its handler, which needs no session (src/plugins/monitoring/endpoints/events.ts).
type MonitoringPush = (
  payload: Payload,
  source: string | undefined,
  headers: Headers,
  raw: Buffer,
) => Promise<{ status: number; body: unknown }>
const monitoringPush = payload.config.endpoints.find((e) => e.custom?.monitoringPush)?.custom?.monitoringPush as
  MonitoringPush | undefined
if (monitoringPush)
  app.post(
    '/api/monitoring/events/:source',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req: Request, res: Response, nextFn: NextFunction) => {
      try {
        const headers = fetchHeaders(req.headers)
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
        const out = await monitoringPush(payload, String(req.params.source), headers, raw)
        res.status(out.status).json(out.body)
      } catch (error) {
        nextFn(error)
      }
    },
    (error: { type?: string }, _req: Request, res: Response, nextFn: NextFunction) => {
      if (error?.type === 'entity.too.large')
        return void res.status(413).json({ errors: [{ message: 'Kiriman terlalu besar (maks. 256 KB)' }] })
      logger.error({ err: error }, 'monitoring push failed')
      res.status(500).json({ errors: [{ message: 'Terjadi kesalahan pada server' }] })
      void nextFn
    },
  )

/** The signed-in customer, by Payload's own strategies (the check its REST API and pages run). */
async function signedInCustomer(req: Request) {
  const { user } = await executeAuthStrategies({ headers: fetchHeaders(req.headers), payload, canSetHeaders: false })
  return user?.collection === 'customers' ? user : undefined
}

// A customer's depth-0 REST reads of the collections that take part (`custom.customerReadCache`,
// e.g. their tickets) are answered again from memory while the version of every row the
// collection's access rule lets them read is unchanged (customerReadVersion, one statement read
// fresh each time); the customer is signed in by Payload's strategies on every request. Only reads
// whose answer depends on nothing else are kept: depth 0, no other collection's fields named in
// the query (no dotted where or sort), the path spelt as the collection's slug.
// PORTAL_READ_CACHE_MB=0 turns it off.
const readCacheSlugs = payload.config.collections.filter((c) => c.custom?.customerReadCache).map((c) => c.slug)
const READ_CACHE_ROUTE = new RegExp(`^/api/(${readCacheSlugs.join('|')})(?:/\\d{1,12})?/?$`)
const slugOfRead = (req: Request) => READ_CACHE_ROUTE.exec(req.originalUrl.split('?', 1)[0]!)?.[1]
function keptRead(req: Request): boolean {
  if (!readCacheSlugs.length || !slugOfRead(req)) return false
  const query = req.originalUrl.slice(req.originalUrl.split('?', 1)[0]!.length + 1)
  if (query.length > 1024) return false
  let params: URLSearchParams
  try {
    params = new URLSearchParams(query)
  } catch {
    return false
  }
  if (params.getAll('depth').join() !== '0') return false
  for (const [key, value] of params) if (key.includes('.') || (key === 'sort' && value.includes('.'))) return false
  return true
}
app.use(
  pageCache({
    accepts: keptRead,
    identify: signedInCustomer,
    keyOf: (customer) => String(customer.id),
    version: (customer, req) => customerReadVersion(payload, slugOfRead(req)!, customer),
    varyBy: ['accept-encoding', 'origin'],
    header: 'x-read-cache',
    maxBytes: Number(process.env.PORTAL_READ_CACHE_MB ?? 32) * 1024 * 1024,
    ttlMs: 10 * 60 * 1000,
  }),
)

// Payload's REST API is served from here; GraphQL, the admin and the rest go to Next.
app.use(payloadRestBridge(payload.config, '/api', databaseUnavailable))

// The portal's dashboard, the page every customer opens first (and the installed app's start page),
// is rendered again only when something it shows changed (src/lib/pageCache.ts): the customer is
// still authenticated by Payload's own strategies on every request, and their dashboard's
// version (dashboardVersion) is read fresh each time. PORTAL_PAGE_CACHE_MB=0 turns it off.
app.get(
  '/portal',
  pageCache({
    identify: async (req) => (req.path === '/portal' ? await signedInCustomer(req) : undefined),
    keyOf: (customer) => String(customer.id),
    version: (customer) => dashboardVersion(payload, customer.id),
    maxBytes: dev ? 0 : Number(process.env.PORTAL_PAGE_CACHE_MB ?? 64) * 1024 * 1024,
    ttlMs: 10 * 60 * 1000,
  }),
)

// webpack in development too, as in `next build --webpack`, so both bundle the same way.
const nextApp = next({ dev, dir: process.cwd(), hostname, port, webpack: true })
await nextApp.prepare()
const handle = nextApp.getRequestHandler()
app.all('/{*splat}', (req, res) => handle(req, res))

const server = app.listen(port, hostname, () => {
  logger.info({ port, dev, embeddedDatabase: database.embedded }, `ISP Ops listening on http://localhost:${port}`)
})

// One worker runs inside the app when the database is embedded (a single-machine install) or when
// asked to; otherwise workers are their own processes (`npm run worker`).
const inProcessWorker = process.env.RUN_WORKER_IN_PROCESS
  ? process.env.RUN_WORKER_IN_PROCESS === 'true'
  : database.embedded
const runner = inProcessWorker ? await startJobRunner(payload) : undefined
const stopScheduler = inProcessWorker ? startScheduler(payload) : () => {}

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  const forced = setTimeout(() => process.exit(1), 15_000)
  forced.unref()
  stopScheduler()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await runner?.stop()
  await stopRenderThread()
  await demoFakes?.close()
  await shutdownPayload(payload, database)
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
