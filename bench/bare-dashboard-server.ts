/**
 * The baseline for `npm run bench -- portal-dashboard`: the portal dashboard page done by hand,
 * Express + pg + a stateless HS256 JWT + string HTML, nothing else. Not part of the app.
 *
 *   GET /portal   Authorization: JWT <token>
 *
 * Renders the same data the portal's dashboard shows (the customer, their package, unpaid invoices
 * and what is due, open tickets, pending payments, open outages affecting them, 30 days of usage),
 * each read with the same filter the collections' access rules apply for a customer. Seven queries.
 *
 * Run on its own: DATABASE_URL=… BARE_JWT_SECRET=… PORT=4000 tsx bench/bare-dashboard-server.ts
 */

import express from 'express'
import jwt from 'jsonwebtoken'
import pg from 'pg'

import { formatRupiah } from '../src/lib/format'
import { type BareServer, type BareServerOptions, listenBare, runBareFromCli } from './lib/bareServer'

const esc = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

const dayFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

export async function startBareDashboardServer({
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

  app.get('/portal', async (req, res) => {
    const [scheme, token] = (req.get('authorization') ?? '').split(' ')
    let customerId: number
    try {
      if (!token || (scheme !== 'JWT' && scheme !== 'Bearer')) throw new Error('no token')
      const claims = jwt.verify(token, secret, { algorithms: ['HS256'] }) as jwt.JwtPayload
      if (claims.collection !== 'customers' || typeof claims.id !== 'number') throw new Error('not a customer')
      customerId = claims.id
    } catch {
      res.redirect(307, '/portal/masuk')
      return
    }
    try {
      const since = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10)
      const [customer, invoices, tickets, payments, incidents, usage] = await Promise.all([
        pool.query(
          `SELECT c.id, c.name, c.number, c.status, c.credit_balance, p.name AS package_name, p.download_mbps,
                  p.upload_mbps, p.monthly_price
             FROM customers c LEFT JOIN packages p ON p.id = c.package_id WHERE c.id = $1`,
          [customerId],
        ),
        pool.query(
          `SELECT id, number, due_date, balance_due FROM invoices
            WHERE customer_id = $1 AND status IN ('unpaid', 'partially_paid') ORDER BY due_date LIMIT 6`,
          [customerId],
        ),
        pool.query(
          `SELECT id, number, subject, status, created_at FROM tickets
            WHERE customer_id = $1 AND status IN ('open', 'assigned', 'in_progress') ORDER BY created_at DESC LIMIT 5`,
          [customerId],
        ),
        pool.query(
          `SELECT id, number, amount, status FROM payments WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 5`,
          [customerId],
        ),
        pool.query(
          // Open incidents on the customer's node or above it that one of their outages overlaps.
          `WITH RECURSIVE up(id, parent_id, depth) AS (
             SELECT n.id, n.parent_id, 0 FROM customers c
               JOIN network_nodes n ON n.id = coalesce(
                 (SELECT min(id) FROM network_nodes WHERE kind = 'odp' AND lower(name) = lower(c.odp)),
                 (SELECT min(id) FROM network_nodes WHERE kind = 'router' AND router_id = c.router_id))
              WHERE c.id = $1
             UNION ALL
             SELECT n.id, n.parent_id, up.depth + 1 FROM up JOIN network_nodes n ON n.id = up.parent_id WHERE up.depth < 12)
           SELECT i.id, i.title, i.customer_message FROM network_incidents i
            WHERE i.status = 'open' AND i.node_id IN (SELECT id FROM up)
              AND EXISTS (SELECT 1 FROM customer_outages o WHERE o.customer_id = $1
                AND o.started_at >= i.started_at - make_interval(secs => coalesce((SELECT incident_window_seconds FROM monitoring_settings LIMIT 1), 120)::float8))
            ORDER BY i.started_at DESC LIMIT 3`,
          [customerId],
        ),
        pool.query(
          `SELECT day, rx_bytes, tx_bytes FROM usage_daily WHERE customer_id = $1 AND day >= $2 ORDER BY day LIMIT 31`,
          [customerId, since],
        ),
      ])
      const c = customer.rows[0]
      if (!c) {
        res.redirect(307, '/portal/masuk')
        return
      }
      const due = invoices.rows.reduce((sum, inv) => sum + Number(inv.balance_due ?? 0), 0)
      const pending = payments.rows.filter((p) => p.status === 'pending')
      const max = Math.max(1, ...usage.rows.map((u) => Number(u.rx_bytes)))
      const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Beranda</title></head><body>
<main><h1>Halo, ${esc(c.name)}</h1>
${incidents.rows.map((i) => `<section class="notice warn"><strong>Gangguan jaringan di area Anda</strong><p>${esc(i.customer_message || i.title)}</p></section>`).join('')}
<section class="card"><h2>Layanan</h2><span class="badge">${esc(c.status)}</span>
<p class="big">${esc(c.package_name ?? 'Tanpa paket')}</p>
${c.package_name ? `<p class="muted">${esc(c.download_mbps)} Mbps unduh · ${esc(c.upload_mbps)} Mbps unggah · ${esc(formatRupiah(Number(c.monthly_price)))}/bulan</p>` : ''}
<p class="muted">Nomor pelanggan: ${esc(c.number)}</p></section>
<section class="card"><h2>Tagihan</h2><p>Belum dibayar <strong>${esc(formatRupiah(due))}</strong></p>
<p>Saldo ${esc(formatRupiah(Number(c.credit_balance ?? 0)))}</p>
<ul>${invoices.rows.map((inv) => `<li><a href="/portal/tagihan/${inv.id}">${esc(inv.number)}</a> ${esc(formatRupiah(Number(inv.balance_due)))} jatuh tempo ${esc(dayFormat.format(new Date(inv.due_date)))}</li>`).join('')}</ul></section>
${pending.length ? `<section class="card"><h2>Pembayaran menunggu verifikasi</h2><ul>${pending.map((p) => `<li>${esc(p.number)} ${esc(formatRupiah(Number(p.amount)))}</li>`).join('')}</ul></section>` : ''}
<section class="card"><h2>Tiket terbuka</h2><ul>${tickets.rows.map((t) => `<li><a href="/portal/tiket/${t.id}">${esc(t.number)}</a> ${esc(t.subject)} (${esc(t.status)})</li>`).join('')}</ul></section>
<section class="card"><h2>Pemakaian 30 hari</h2><div class="bars">${usage.rows.map((u) => `<span style="height:${Math.round((Number(u.rx_bytes) / max) * 100)}%"></span>`).join('')}</div></section>
</main></body></html>`
      res.set('content-type', 'text/html; charset=utf-8').set('cache-control', 'private, no-store').send(html)
    } catch (error) {
      console.error(error)
      res.status(500).send('Terjadi kesalahan.')
    }
  })

  return listenBare(app, pool, port, host)
}

await runBareFromCli(
  import.meta.url,
  'dashboard',
  { defaultPort: 4000, secretVariable: 'BARE_JWT_SECRET' },
  startBareDashboardServer,
)
