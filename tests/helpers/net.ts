import type { ChildProcess } from 'node:child_process'
import net from 'node:net'

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/** Polls `url` until it answers 2xx; fails early if the child process exits first. */
export async function waitForReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before becoming ready`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`not ready at ${url} after ${timeoutMs} ms`)
}

export type TcpProxy = {
  port: number
  /** Drops every open connection and refuses (accepts and closes at once) new ones until `restore`. */
  cut: () => void
  restore: () => void
  /** Connections dropped or refused since the proxy started. */
  readonly refused: number
  close: () => Promise<void>
}

/**
 * A TCP proxy on 127.0.0.1 in front of `host:port` that can cut the line: what a database restart or
 * a network failure looks like to the app (connections reset, new ones refused), then recovery.
 */
export function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>()
  let cut = false
  let refused = 0
  const server = net.createServer((client) => {
    if (cut) {
      refused++
      client.destroy()
      return
    }
    const upstream = net.connect(port, host)
    open.add(client)
    open.add(upstream)
    const close = () => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    client.on('error', close).on('close', close)
    upstream.on('error', close).on('close', close)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  return new Promise((resolve, reject) => {
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        cut: () => {
          cut = true
          refused += open.size
          for (const socket of open) socket.destroy()
          open.clear()
        },
        restore: () => {
          cut = false
        },
        get refused() {
          return refused
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
