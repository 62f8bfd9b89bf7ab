import { ChannelError } from './errors'

/**
 * Fonnte, an unofficial WhatsApp gateway (it drives a regular WhatsApp account, so the number can
 * be banned by WhatsApp): `POST /send` with `Authorization: <token>` and form fields `target`,
 * `message`. It answers HTTP 200 either way: `{"status":true,"id":["…"],…}` or
 * `{"status":false,"reason":"…"}`. Plain text only: no templates, no buttons.
 */
export type FonnteConfig = {
  /** Base URL (FONNTE_API_URL), default `https://api.fonnte.com`. */
  apiUrl: string
  /** Device token (FONNTE_TOKEN). */
  token: string
  timeoutMs?: number
}

export function fonnteConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FonnteConfig | null {
  if (!env.FONNTE_TOKEN) return null
  return { apiUrl: (env.FONNTE_API_URL || 'https://api.fonnte.com').replace(/\/+$/, ''), token: env.FONNTE_TOKEN }
}

export class FonnteClient {
  constructor(private readonly config: FonnteConfig) {}

  async sendText(to: string, message: string): Promise<{ providerMessageId: string }> {
    let res: Response
    try {
      res = await fetch(`${this.config.apiUrl}/send`, {
        method: 'POST',
        headers: { authorization: this.config.token },
        body: new URLSearchParams({ target: to, message, countryCode: '62' }),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
      })
    } catch (error) {
      throw ChannelError.noAnswer('Fonnte', error)
    }
    if (res.status >= 500) throw new ChannelError('transient', `Fonnte HTTP ${res.status}`, undefined, res.status)
    let json: { status?: boolean; id?: (string | number)[]; reason?: string } | undefined
    try {
      json = (await res.json()) as typeof json
    } catch {
      throw new ChannelError('transient', `Fonnte menjawab bukan JSON (HTTP ${res.status})`, undefined, res.status)
    }
    if (json?.status === true && json.id?.[0] !== undefined) return { providerMessageId: `fonnte:${json.id[0]}` }
    const reason = json?.reason ?? `HTTP ${res.status}`
    const kind = /token/i.test(reason)
      ? 'auth'
      : /limit|quota/i.test(reason)
        ? 'rate_limited'
        : /invalid|not registered|tidak terdaftar/i.test(reason)
          ? 'undeliverable'
          : 'rejected'
    throw new ChannelError(kind, `Fonnte menolak pesan: ${reason}`, undefined, res.status)
  }
}
