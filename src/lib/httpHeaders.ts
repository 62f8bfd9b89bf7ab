import type { IncomingHttpHeaders } from 'node:http'

/** Node's incoming headers as a fetch `Headers` (what Payload's auth and handlers take). */
export function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
    else if (value !== undefined) headers.set(name, value)
  }
  return headers
}
