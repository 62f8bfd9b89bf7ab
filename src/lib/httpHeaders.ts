import type { IncomingHttpHeaders } from 'node:http'

/** Node's incoming headers as a fetch `Headers` (what Payload's auth and handlers take). */
export function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) headers.set(name, value.join(', '))
  }
  return headers
}
