/** Small helpers the admin components share (browser side). */

/**
 * A fresh idempotency key. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost),
 * and an office admin is sometimes opened over plain HTTP on the LAN, so fall back to random bytes.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The message of a Payload-style error body (`{ errors: [{ message, data }] }`), field messages included. */
export function errorMessage(body: unknown, status: number): string {
  const errors = (
    body as { errors?: { message?: string; data?: { message?: string }[] | { errors?: { message?: string }[] } }[] }
  )?.errors
  const first = errors?.[0]
  if (!first?.message) return `Permintaan gagal (${status}).`
  const data = Array.isArray(first.data) ? first.data : first.data?.errors
  const details = (data ?? []).map((d) => d.message).filter(Boolean)
  return details.length ? `${first.message} (${details.join('; ')})` : first.message
}

/** Sends JSON and returns the parsed answer; throws an Error with the server's message otherwise. */
export async function sendJson<T>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, {
      method: init.method ?? 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch {
    throw new Error('Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.')
  }
  const body = (await res.json().catch(() => ({}))) as unknown
  if (!res.ok) throw new Error(errorMessage(body, res.status))
  return body as T
}

/** `YYYY-MM-DDTHH:mm` of an instant in WIB, for a `datetime-local` input that means WIB. */
export function wibInputValue(at: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Jakarta',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

/** The instant a WIB `datetime-local` value means, whatever time zone the browser is in. */
export const fromWibInputValue = (value: string): Date => new Date(`${value}:00+07:00`)
