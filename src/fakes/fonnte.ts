/**
 * A local stand-in for Fonnte's `POST /send` (an unofficial WhatsApp gateway): checks the
 * `Authorization` token and the form fields `target` and `message` (urlencoded or multipart, as
 * Fonnte accepts both) and answers like Fonnte, HTTP 200 with `status` true or false.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeFonnte = Awaited<ReturnType<typeof startFakeFonnte>>

export async function startFakeFonnte({ token }: { token: string }) {
  const sent: { id: string; target: string; message: string }[] = []
  const failQueue: string[] = []
  let seq = 80_000_000
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on(
      'end',
      () =>
        void (async () => {
          const reply = (body: object, status = 200) => {
            res.writeHead(status, { 'content-type': 'application/json' })
            res.end(JSON.stringify(body))
          }
          if (req.method !== 'POST' || req.url?.split('?')[0] !== '/send')
            return reply({ status: false, reason: 'not found' }, 404)
          if (!req.headers.authorization || req.headers.authorization !== token)
            return reply({ status: false, reason: 'invalid token' })
          let form: FormData
          try {
            form = await new Request('http://fonnte/send', {
              method: 'POST',
              headers: { 'content-type': req.headers['content-type'] ?? '' },
              body: Buffer.concat(chunks),
            }).formData()
          } catch {
            return reply({ status: false, reason: 'input invalid' })
          }
          const target = String(form.get('target') ?? '')
          const message = String(form.get('message') ?? '')
          if (!/^\d{8,15}$/.test(target)) return reply({ status: false, reason: 'target invalid' })
          if (!message) return reply({ status: false, reason: 'message invalid' })
          const forced = failQueue.shift()
          if (forced) return reply({ status: false, reason: forced })
          const id = String(++seq)
          sent.push({ id, target, message })
          reply({
            detail: 'success! message in queue',
            id: [id],
            process: 'pending',
            requestid: seq,
            status: true,
            target: [target],
          })
        })(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    /** The next send answers `{"status":false,"reason":…}`. */
    failNext(reason: string) {
      failQueue.push(reason)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
