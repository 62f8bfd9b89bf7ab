import os from 'node:os'

/** An address as it stands in a URL's host (IPv6 in brackets). */
const hostOf = (address: string) => (address.includes(':') ? `[${address}]` : address)

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]', ''])

/**
 * The origins whose pages may use a session cookie (Payload's `csrf` list): a request that carries
 * the cookie but comes from any other origin is anonymous. PUBLIC_URL's origin when set, and the
 * origins the server answers on directly: `http://localhost:PORT`, `http://127.0.0.1:PORT`,
 * `http://[::1]:PORT`, and HOST's address, or, when HOST is every address (the default), each of
 * this machine's network addresses and its host name.
 */
export function ownOrigins(env: { [name: string]: string | undefined } = process.env): string[] {
  const origins = new Set<string>()
  if (env.PUBLIC_URL) {
    try {
      origins.add(new URL(env.PUBLIC_URL).origin)
    } catch {
      // An invalid PUBLIC_URL is reported where it is used; it names no origin.
    }
  }
  const port = Number(env.PORT ?? 3000)
  const suffix = port === 80 ? '' : `:${port}`
  const hosts = new Set(['localhost', '127.0.0.1', '::1'])
  const host = (env.HOST ?? '0.0.0.0').trim()
  if (ANY_ADDRESS.has(host)) {
    for (const addresses of Object.values(os.networkInterfaces()))
      for (const { address, family, scopeid } of addresses ?? []) if (family === 'IPv4' || !scopeid) hosts.add(address)
    hosts.add(os.hostname().toLowerCase())
  } else hosts.add(host.replace(/^\[|\]$/g, '').toLowerCase())
  for (const name of hosts) origins.add(`http://${hostOf(name)}${suffix}`)
  return [...origins]
}
