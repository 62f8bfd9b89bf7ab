import ipaddr from 'ipaddr.js'
import type { PayloadRequest } from 'payload'

/**
 * The header server.ts puts on every request: the client's address as Express resolved it (through
 * the proxies TRUST_PROXY names), overwriting whatever a client sent under that name. Payload's
 * handlers see only headers, so this is how the sign-in throttle learns who is asking.
 */
export const CLIENT_ADDRESS_HEADER = 'x-ispops-client-address'

/**
 * The address an attempt is counted by: an IPv4 address as is (IPv4-mapped IPv6 too), an IPv6
 * address by its /56, the network a subscriber is usually given, who could otherwise take a fresh
 * address for every guess (the same grouping express-rate-limit uses).
 */
export function throttleAddress(raw: string): string {
  try {
    const address = ipaddr.process(raw.trim())
    if (address.kind() === 'ipv4') return address.toString()
    const [a, b, c, d] = (address as ipaddr.IPv6).parts
    return `${[a, b, c, d! & 0xff00].map((part) => part!.toString(16)).join(':')}::/56`
  } catch {
    return raw.trim().slice(0, 64)
  }
}

/** The client's address for throttling, or undefined for work that came in no HTTP request (jobs, scripts). */
export function clientAddress(req: PayloadRequest): string | undefined {
  const raw = req.headers?.get?.(CLIENT_ADDRESS_HEADER)
  return raw ? throttleAddress(raw) : undefined
}
