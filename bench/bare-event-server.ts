/**
 * The baseline for `npm run bench -- outage-storm`: the MikroTik push endpoint done by hand, Express
 * + pg, nothing else. Not part of the app.
 *
 *   POST /api/monitoring/events/mikrotik   Authorization: Bearer <router token>   event=down&user=…&at=…
 *
 * Looks the router up by the token's hash (401 otherwise), reads the form, and stores the event
 * once (`ON CONFLICT (event_key) DO NOTHING`) in the same table as the app.
 *
 * Run on its own: DATABASE_URL=… PORT=4002 tsx bench/bare-event-server.ts
 */
import crypto from 'node:crypto'

import express from 'express'
import pg from 'pg'
import { listenBare, runBareFromCli } from './lib/bareServer'

export async function startBareEventServer({
  databaseUrl,
  port,
  host = '127.0.0.1',
  poolMax = 10,
}: {
  databaseUrl: string
  port: number
  host?: string
  poolMax?: number
}) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax })
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.get('/healthz', async (_req, res) => {
    await pool.query('SELECT 1')
    res.json({ status: 'ok' })
  })
  app.post('/api/monitoring/events/mikrotik', express.raw({ type: '*/*', limit: '256kb' }), async (req, res) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1]
    if (!token) {
      res.status(401).json({ message: 'Token tidak valid' })
      return
    }
    const hash = `sha256:${crypto.createHash('sha256').update(token).digest('hex')}`
    const router = await pool.query('SELECT id FROM routers WHERE monitoring_token = $1 LIMIT 1', [hash])
    if (!router.rows[0]) {
      res.status(401).json({ message: 'Token tidak valid' })
      return
    }
    const fields = Object.fromEntries(new URLSearchParams((req.body as Buffer).toString('utf8')))
    const state = fields.event === 'up' ? 'up' : fields.event === 'down' ? 'down' : undefined
    if (!state || !fields.user || !fields.at) {
      res.status(400).json({ message: 'Isi tidak lengkap' })
      return
    }
    const at = new Date(`${fields.at.replace(' ', 'T')}+07:00`)
    const key = `mikrotik:${router.rows[0].id}:${crypto.createHash('sha256').update(`${fields.user}|${state}|${fields.at}`).digest('hex').slice(0, 32)}`
    const inserted = await pool.query(
      `INSERT INTO network_events (event_key, source, subject_type, subject, state, occurred_at, router_id, updated_at, created_at)
       VALUES ($1, 'mikrotik', 'customer', $2, $3, $4, $5, now(), now()) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [key, fields.user, state, at.toISOString(), router.rows[0].id],
    )
    res.status(202).json({ stored: inserted.rows.length, duplicates: 1 - inserted.rows.length })
  })
  return listenBare(app, pool, port, host)
}

await runBareFromCli(import.meta.url, 'event', { defaultPort: 4002 }, startBareEventServer)
