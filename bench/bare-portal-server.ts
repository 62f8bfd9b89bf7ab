/**
 * The baseline for `npm run bench -- portal-read`: the customer portal's ticket list done by hand,
 * Express + pg + a stateless HS256 JWT, nothing else. Not part of the app.
 *
 *   GET /api/tickets?where[customer][equals]=<id>&limit=10   Authorization: JWT <token>
 *
 * The token (signed by the benchmark with BARE_JWT_SECRET) carries `{ id, collection: 'customers' }`;
 * a customer sees their own tickets only, like the app's access rule. One query per request:
 * `SELECT … FROM tickets WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2`.
 *
 * Run on its own: DATABASE_URL=… BARE_JWT_SECRET=… PORT=4000 tsx bench/bare-portal-server.ts
 */

import express from 'express'
import jwt from 'jsonwebtoken'
import pg from 'pg'
import { type BareServer, type BareServerOptions, listenBare, runBareFromCli } from './lib/bareServer'

const TICKET_COLUMNS = `id, number, subject, customer_id AS customer, type, priority, description, status,
  assigned_technician_id AS "assignedTechnician", scheduled_at AS "scheduledAt", resolved_at AS "resolvedAt",
  resolution, rating, rating_comment AS "ratingComment", created_at AS "createdAt", updated_at AS "updatedAt"`

export async function startBarePortalServer({
  databaseUrl,
  secret,
  port,
  host = '127.0.0.1',
  poolMax = 10,
}: BareServerOptions): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax })
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')

  app.get('/healthz', async (_req, res) => {
    await pool.query('SELECT 1')
    res.json({ status: 'ok' })
  })

  app.get('/api/tickets', async (req, res) => {
    const [scheme, token] = (req.get('authorization') ?? '').split(' ')
    let customerId: number
    try {
      if (!token || (scheme !== 'JWT' && scheme !== 'Bearer')) throw new Error('no token')
      const claims = jwt.verify(token, secret, { algorithms: ['HS256'] }) as jwt.JwtPayload
      if (claims.collection !== 'customers' || typeof claims.id !== 'number') throw new Error('not a customer')
      customerId = claims.id
    } catch {
      res.status(403).json({ errors: [{ message: 'You are not allowed to perform this action.' }] })
      return
    }
    const limit = Math.min(Math.max(Number(req.query.limit ?? 10) || 10, 1), 100)
    // Express 5 parses the query string flat: the bracketed key arrives as it was written.
    const requested = req.query['where[customer][equals]']
    if (requested !== undefined && Number(requested) !== customerId) {
      res.json({ docs: [], limit })
      return
    }
    try {
      const { rows } = await pool.query(
        `SELECT ${TICKET_COLUMNS} FROM tickets WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2`,
        [customerId, limit],
      )
      res.json({ docs: rows, limit })
    } catch (error) {
      console.error(error)
      res.status(500).json({ errors: [{ message: 'Something went wrong.' }] })
    }
  })

  return listenBare(app, pool, port, host)
}

await runBareFromCli(
  import.meta.url,
  'portal',
  { defaultPort: 4000, secretVariable: 'BARE_JWT_SECRET' },
  startBarePortalServer,
)
