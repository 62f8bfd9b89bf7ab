/** Shared plumbing of the payment gateway fakes: a real HTTP server on 127.0.0.1 and its helpers. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { formatRupiah } from '../lib/money'

export type FakeServer = { url: string; port: number; close(): Promise<void> }

/** Listens on 127.0.0.1 (`port` 0 = any free port). `close()` also drops open and hanging requests. */
export function listen(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  port = 0,
): Promise<FakeServer> {
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { message: `fake failed: ${err instanceof Error ? err.message : String(err)}` })
      else res.destroy()
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}

export async function readBody(req: http.IncomingMessage, limit = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) })
  res.end(html)
}

export function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(303, { location, 'content-length': 0 })
  res.end()
}

/** The user and password of a `Basic` Authorization header, or undefined. */
export function basicCredentials(req: http.IncomingMessage): { user: string; password: string } | undefined {
  const header = req.headers.authorization
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null
  if (!match) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** JSON object body, or undefined when the body is not one. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'))
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

export type FailureMode = number | 'timeout'

/** Failures queued by a test for the next API calls, one per call. */
export class FailureQueue {
  private queue: FailureMode[] = []
  push(mode: FailureMode): void {
    if (mode !== 'timeout' && (!Number.isInteger(mode) || mode < 400 || mode > 599))
      throw new RangeError(`failNext takes an HTTP error status or 'timeout', got ${mode}`)
    this.queue.push(mode)
  }
  take(): FailureMode | undefined {
    return this.queue.shift()
  }
}

/** One notification POST the fake made, as the receiver answered it. */
export type NotificationDelivery = {
  url: string
  headers: Record<string, string>
  body: Record<string, unknown>
  /** Receiver's HTTP status, or undefined when it could not be reached. */
  status?: number
  responseBody?: string
  error?: string
}

/** POSTs `body` as JSON, `copies` times one after another, recording each delivery. */
export async function deliver(
  url: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
  copies: number,
  log: NotificationDelivery[],
): Promise<NotificationDelivery[]> {
  const text = JSON.stringify(body)
  const sent: NotificationDelivery[] = []
  for (let i = 0; i < copies; i++) {
    const delivery: NotificationDelivery = { url, headers, body }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: text,
        signal: AbortSignal.timeout(10_000),
      })
      delivery.status = res.status
      delivery.responseBody = await res.text()
    } catch (err) {
      delivery.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    }
    log.push(delivery)
    sent.push(delivery)
  }
  return sent
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** The hosted payment page of a fake: the customer sees the amount and one "Bayar" button. */
export function payPage(opts: {
  gateway: string
  orderId: string
  amount: number
  description?: string
  /** POST target of the Bayar button; omitted when the payment can no longer be paid. */
  payAction?: string
  notice?: string
}): string {
  const rows = [
    ['Nomor pesanan', opts.orderId],
    ['Keterangan', opts.description ?? '-'],
    ['Total', formatRupiah(opts.amount)],
  ]
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pembayaran ${escapeHtml(opts.gateway)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0;padding:2rem}
main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.1rem;margin:0 0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}
dt{color:#6b7280}
dd{margin:0;font-weight:600}
button{width:100%;padding:.8rem;font-size:1rem;border:0;border-radius:8px;background:#2563eb;color:#fff;cursor:pointer}
.notice{padding:.8rem;border-radius:8px;background:#fef3c7}
small{display:block;margin-top:1rem;color:#9ca3af}
</style></head>
<body><main>
<h1>${escapeHtml(opts.gateway)} (simulasi)</h1>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
${opts.notice ? `<p class="notice">${escapeHtml(opts.notice)}</p>` : ''}
${opts.payAction ? `<form method="post" action="${escapeHtml(opts.payAction)}"><button type="submit">Bayar</button></form>` : ''}
<small>Halaman uji: tidak ada uang yang berpindah.</small>
</main></body></html>`
}

/** `2026-01-09 18:27:19` in WIB, the way Midtrans writes times. */
export function wibTimestamp(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}
