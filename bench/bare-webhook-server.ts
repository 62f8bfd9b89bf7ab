/**
 * The baseline for `npm run bench -- wa-webhook`: the WhatsApp status webhook done by hand, Express +
 * pg, nothing else. Not part of the app.
 *
 *   POST /api/whatsapp/webhook   X-Hub-Signature-256: sha256=<HMAC of the raw body>
 *
 * Checks the signature in constant time over the raw body (401 otherwise), parses the JSON, and for
 * each status, in one transaction: the event row (`ON CONFLICT (event_key) DO NOTHING`, so a replay
 * writes nothing), the message's status moved forward, the event's outcome. Same tables as the app.
 *
 * Run on its own: DATABASE_URL=… WHATSAPP_APP_SECRET=… PORT=4001 tsx bench/bare-webhook-server.ts
 */
import crypto from 'node:crypto'

import express from 'express'
import pg from 'pg'
import { listenBare, runBareFromCli } from './lib/bareServer'

const RANK = `CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 ELSE 9 END`
const RANK_OF: Record<string, number> = { sent: 1, delivered: 2, read: 3 }
const COLUMN: Record<string, string> = { sent: 'sent_at', delivered: 'delivered_at', read: 'read_at' }

export async function startBareWebhookServer({
  databaseUrl,
  secret,
  port,
  host = '127.0.0.1',
  poolMax = 10,
}: {
  databaseUrl: string
  secret: string
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
  app.post('/api/whatsapp/webhook', express.raw({ type: '*/*', limit: '1mb' }), async (req, res) => {
    const raw = req.body as Buffer
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(req.get('x-hub-signature-256') ?? '')
    const expected = crypto.createHmac('sha256', secret).update(raw).digest()
    if (!match || !crypto.timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'))) {
      res.status(401).json({ message: 'Tanda tangan tidak valid.' })
      return
    }
    let body: any
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      res.status(400).json({ message: 'Body bukan JSON yang valid.' })
      return
    }
    let applied = 0
    let duplicates = 0
    const client = await pool.connect()
    try {
      for (const entry of body?.entry ?? []) {
        for (const change of entry?.changes ?? []) {
          for (const s of change?.value?.statuses ?? []) {
            if (typeof s?.id !== 'string' || !(s.status in RANK_OF)) continue
            await client.query('BEGIN')
            const inserted = await client.query(
              `INSERT INTO whatsapp_events (event_key, kind, provider_message_id, type, "from", payload, created_at, updated_at)
               VALUES ($1, 'status', $2, $3, $4, $5::jsonb, now(), now()) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
              [`${s.id}:${s.status}`, s.id, s.status, s.recipient_id ?? null, JSON.stringify(s)],
            )
            if (inserted.rows.length) {
              const at = new Date(Number(s.timestamp) * 1000 || Date.now()).toISOString()
              const updated = await client.query(
                `UPDATE messages SET status = $2, ${COLUMN[s.status]} = coalesce(${COLUMN[s.status]}, $3), updated_at = now() WHERE provider_message_id = $1 AND ${RANK} < $4 RETURNING id`,
                [s.id, s.status, at, RANK_OF[s.status]],
              )
              await client.query(`UPDATE whatsapp_events SET outcome = $2 WHERE id = $1`, [
                inserted.rows[0].id,
                updated.rowCount ? `status ${s.status}` : 'unknown or already further',
              ])
              applied++
            } else duplicates++
            await client.query('COMMIT')
          }
        }
      }
      res.json({ received: true, applied, duplicates })
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      console.error(error)
      res.status(503).json({ message: 'Gagal memproses, silakan kirim ulang.' })
    } finally {
      client.release()
    }
  })
  return listenBare(app, pool, port, host)
}

await runBareFromCli(
  import.meta.url,
  'webhook',
  { defaultPort: 4001, secretVariable: 'WHATSAPP_APP_SECRET' },
  startBareWebhookServer,
)
