/** JSON to and from the REST API with the session cookie; errors carry the server's Indonesian message. */
export async function send<T = Record<string, unknown>>(
  path: string,
  { method = 'POST', body, headers = {} }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { ...headers } }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  let res: Response
  try {
    res = await fetch(path, init)
  } catch {
    throw new Error('Tidak ada koneksi internet. Coba lagi.')
  }
  const json = (await res.json().catch(() => ({}))) as { errors?: { message?: string }[]; message?: string }
  if (!res.ok) throw new Error(json.errors?.[0]?.message ?? json.message ?? `Gagal (${res.status}). Coba lagi.`)
  return json as T
}
