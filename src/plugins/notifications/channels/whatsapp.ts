import { ChannelError, whatsappErrorKind } from './errors'

/**
 * WhatsApp Business Cloud API (Meta Graph API): `POST /{version}/{phone number id}/messages` with a
 * Bearer token. Answers `{"messages":[{"id":"wamid…"}]}`; refusals come as
 * `{"error":{"code":131047,"message":…,"error_data":{"details":…}}}` and become a ChannelError.
 */
export type WhatsAppConfig = {
  /** Graph API base including the version, e.g. `https://graph.facebook.com/v21.0` (WHATSAPP_API_URL). */
  apiUrl: string
  /** System-user access token (WHATSAPP_TOKEN). */
  token: string
  /** The sending number's id (WHATSAPP_PHONE_NUMBER_ID), not the phone number itself. */
  phoneNumberId: string
  /** Per-request timeout in ms. Default 15 s. */
  timeoutMs?: number
}

export type TemplateButton =
  /** A quick-reply button: the payload comes back in the webhook when the customer taps it. */
  | { type: 'quick_reply'; payload: string }
  /** A URL button with a dynamic suffix (the template holds `https://…/{{1}}`). */
  | { type: 'url'; text: string }

export type TemplateMessage = {
  to: string
  /** The approved template's name at Meta. */
  name: string
  /** Language code of the approved translation, e.g. `id`. */
  language: string
  /** Body parameters, in the order of `{{1}}`, `{{2}}`, … */
  bodyParams: string[]
  /** Parameters of the template's dynamic buttons, by button position. */
  buttons?: { index: number; button: TemplateButton }[]
}

export type InteractiveMessage =
  | { kind: 'buttons'; to: string; body: string; buttons: { id: string; title: string }[] }
  | {
      kind: 'list'
      to: string
      body: string
      buttonText: string
      rows: { id: string; title: string; description?: string }[]
    }

export type SendResult = { providerMessageId: string }

export function whatsappConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WhatsAppConfig | null {
  if (!env.WHATSAPP_TOKEN || !env.WHATSAPP_PHONE_NUMBER_ID) return null
  return {
    apiUrl: (env.WHATSAPP_API_URL || 'https://graph.facebook.com/v21.0').replace(/\/+$/, ''),
    token: env.WHATSAPP_TOKEN,
    phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
  }
}

export class WhatsAppCloudClient {
  constructor(
    private readonly config: WhatsAppConfig,
    /**
     * `callbackData`: sent with every message as `biz_opaque_callback_data` (up to 512 characters),
     * which WhatsApp echoes in that message's status webhooks.
     */
    private readonly sendOptions: { callbackData?: string } = {},
  ) {}

  sendTemplate(message: TemplateMessage): Promise<SendResult> {
    const components: object[] = []
    if (message.bodyParams.length)
      components.push({ type: 'body', parameters: message.bodyParams.map((text) => ({ type: 'text', text })) })
    for (const { index, button } of message.buttons ?? []) {
      components.push(
        button.type === 'quick_reply'
          ? {
              type: 'button',
              sub_type: 'quick_reply',
              index: String(index),
              parameters: [{ type: 'payload', payload: button.payload }],
            }
          : {
              type: 'button',
              sub_type: 'url',
              index: String(index),
              parameters: [{ type: 'text', text: button.text }],
            },
      )
    }
    return this.post({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: message.to,
      type: 'template',
      template: {
        name: message.name,
        language: { code: message.language },
        ...(components.length ? { components } : {}),
      },
    })
  }

  /** Free text: only inside the 24 h window after the customer's last message (else 131047). */
  sendText(to: string, body: string): Promise<SendResult> {
    return this.post({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'text',
      text: { preview_url: false, body },
    })
  }

  /** Reply buttons (up to 3) or a list (up to 10 rows): inside the 24 h window only. */
  sendInteractive(message: InteractiveMessage): Promise<SendResult> {
    const action =
      message.kind === 'buttons'
        ? {
            buttons: message.buttons
              .slice(0, 3)
              .map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title.slice(0, 20) } })),
          }
        : {
            button: message.buttonText.slice(0, 20),
            sections: [
              {
                title: 'Pilihan',
                rows: message.rows.slice(0, 10).map((r) => ({
                  id: r.id,
                  title: r.title.slice(0, 24),
                  ...(r.description ? { description: r.description.slice(0, 72) } : {}),
                })),
              },
            ],
          }
    return this.post({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: message.to,
      type: 'interactive',
      interactive: { type: message.kind === 'buttons' ? 'button' : 'list', body: { text: message.body }, action },
    })
  }

  /**
   * Downloads an inbound message's media: `GET /{media id}` gives a short-lived URL, which is then
   * fetched with the same Bearer token. Refuses more than `maxBytes`. Unknown ids and refusals are
   * ChannelErrors ('rejected'); network trouble and 5xx are 'transient'.
   */
  async downloadMedia(mediaId: string, maxBytes: number): Promise<{ data: Buffer; mimeType: string; sha256?: string }> {
    const auth = { authorization: `Bearer ${this.config.token}` }
    const meta = await this.request(`${this.config.apiUrl}/${encodeURIComponent(mediaId)}`, { headers: auth })
    let info:
      | {
          url?: string
          mime_type?: string
          sha256?: string
          file_size?: number
          error?: { code?: number; message?: string }
        }
      | undefined
    try {
      info = JSON.parse(meta.body.toString('utf8'))
    } catch {
      info = undefined
    }
    if (!meta.ok || typeof info?.url !== 'string') {
      const code = info?.error?.code
      throw new ChannelError(
        whatsappErrorKind(code, meta.ok ? 502 : meta.status),
        `WhatsApp: media ${mediaId} tidak dapat diambil${code ? ` (${code})` : ''}: ${info?.error?.message ?? `HTTP ${meta.status}`}`,
        code,
        meta.status,
      )
    }
    if (typeof info.file_size === 'number' && info.file_size > maxBytes)
      throw new ChannelError('rejected', `WhatsApp: media ${mediaId} terlalu besar (${info.file_size} byte)`)
    const file = await this.request(info.url, { headers: auth }, maxBytes)
    if (!file.ok)
      throw new ChannelError(
        whatsappErrorKind(undefined, file.status),
        `WhatsApp: unduhan media ${mediaId} gagal (HTTP ${file.status})`,
        undefined,
        file.status,
      )
    return {
      data: file.body,
      mimeType: (file.contentType ?? info.mime_type ?? 'application/octet-stream').split(';')[0]!.trim(),
      sha256: info.sha256,
    }
  }

  private async request(
    url: string,
    init: RequestInit,
    maxBytes = 1024 * 1024,
  ): Promise<{ ok: boolean; status: number; contentType: string | null; body: Buffer }> {
    let res: Response
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000) })
    } catch (error) {
      throw new ChannelError('transient', `WhatsApp tidak dapat dihubungi: ${(error as Error).message}`)
    }
    const declared = Number(res.headers.get('content-length') ?? 0)
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => {})
      throw new ChannelError('rejected', `WhatsApp: berkas terlalu besar (${declared} byte)`)
    }
    const body = Buffer.from(await res.arrayBuffer())
    if (body.length > maxBytes)
      throw new ChannelError('rejected', `WhatsApp: berkas terlalu besar (${body.length} byte)`)
    return { ok: res.ok, status: res.status, contentType: res.headers.get('content-type'), body }
  }

  private async post(body: object): Promise<SendResult> {
    let res: Response
    try {
      res = await fetch(`${this.config.apiUrl}/${encodeURIComponent(this.config.phoneNumberId)}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.config.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          this.sendOptions.callbackData
            ? { ...body, biz_opaque_callback_data: this.sendOptions.callbackData.slice(0, 512) }
            : body,
        ),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
      })
    } catch (error) {
      throw ChannelError.noAnswer('WhatsApp', error)
    }
    let text: string
    try {
      text = await res.text()
    } catch (error) {
      throw ChannelError.noAnswer('WhatsApp', error)
    }
    let json:
      | { messages?: { id?: string }[]; error?: { code?: number; message?: string; error_data?: { details?: string } } }
      | undefined
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (res.ok && json?.messages?.[0]?.id) return { providerMessageId: json.messages[0].id }
    const code = json?.error?.code
    const detail = json?.error?.error_data?.details ?? json?.error?.message ?? `HTTP ${res.status}`
    throw new ChannelError(
      whatsappErrorKind(code, res.ok ? 502 : res.status),
      `WhatsApp menolak pesan${code ? ` (${code})` : ''}: ${detail}`,
      code,
      res.status,
    )
  }
}
