import { inject } from 'vitest'

let ipCounter = 0
/**
 * A fresh client address for X-Forwarded-For (the test server trusts loopback proxies), so the
 * per-IP auth rate limit only bites where a test means it to.
 */
export function freshIp(): string {
  ipCounter += 1
  return `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${ipCounter % 250}`
}

type RequestOptions = { method?: string; token?: string; body?: unknown; ip?: string; headers?: Record<string, string> }

/** A request to the running test server. JSON bodies are encoded; FormData passes through. */
export async function api(path: string, { method = 'GET', token, body, ip, headers = {} }: RequestOptions = {}) {
  const init: RequestInit = { method, headers: { 'x-forwarded-for': ip ?? freshIp(), ...headers } }
  if (token) (init.headers as Record<string, string>).authorization = `JWT ${token}`
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] ??= 'application/json'
  }
  const res = await fetch(`${inject('serverUrl')}${path}`, init)
  const text = await res.text()
  let json: any
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, json, text, headers: res.headers }
}

/** A GraphQL request to the running test server. */
export async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await api('/api/graphql', { method: 'POST', token, body: { query, variables } })
  return { status: res.status, data: res.json?.data, errors: res.json?.errors as { message: string }[] | undefined }
}

/** Logs in over REST and returns the token. */
export async function login(collection: 'users' | 'customers', credentials: Record<string, string>): Promise<string> {
  const res = await api(`/api/${collection}/login`, { method: 'POST', body: credentials })
  if (res.status !== 200) throw new Error(`login failed (${res.status}): ${res.text}`)
  return res.json.token
}
