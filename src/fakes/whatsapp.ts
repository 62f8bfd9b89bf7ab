/**
 * A local stand-in for Meta's WhatsApp Cloud API (Graph API), for tests and the demo. It is a real
 * HTTP server on 127.0.0.1 that checks what the real one checks: the Bearer token, the phone number
 * id, that a template exists among the approved ones in that language with as many body parameters
 * as it was approved with, and the 24 h customer-service window for free text and interactive
 * messages. It answers with `wamid`s and Meta's error bodies, can be told to fail the next sends
 * with a given code, and posts signed webhooks (statuses and inbound messages) like Meta does.
 * Inbound media is served as Meta serves it: `GET /{version}/{media id}` (Bearer token) gives a
 * short-lived URL, which must itself be fetched with the Bearer token.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeTemplate = {
  name: string
  language: string
  /** Number of `{{n}}` parameters in the approved body. */
  bodyParams: number
  /** Button kinds in order, as approved. */
  buttons?: ('quick_reply' | 'url')[]
}

export type FakeWhatsAppOptions = {
  token: string
  phoneNumberId: string
  appSecret: string
  templates: FakeTemplate[]
  /** Where webhooks go (the app's `/api/whatsapp/webhook`); can be set later with `setWebhookUrl`. */
  webhookUrl?: string
  /** Graph API version in the path. Default `v21.0`. */
  version?: string
  /** Port on 127.0.0.1; default a free one. */
  port?: number
  /**
   * Statuses reported by themselves for every accepted message, one signed webhook each, in order
   * (the demo uses `['sent', 'delivered']`). Default none: tests post the statuses they want.
   */
  autoStatuses?: ('sent' | 'delivered' | 'read')[]
  /** Wait before each automatic status, in ms. Default 500. */
  autoStatusDelayMs?: number
}

export type AcceptedMessage = { id: string; to: string; type: string; body: Record<string, any>; at: Date }

type GraphError = { status: number; code: number; message: string; details?: string; type?: string }

const ERRORS: Record<number, Omit<GraphError, 'code'>> = {
  190: { status: 401, type: 'OAuthException', message: 'Error validating access token: Session has expired' },
  100: { status: 400, message: 'Invalid parameter' },
  131047: {
    status: 400,
    message: 'Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131026: {
    status: 400,
    message: 'Message undeliverable',
    details:
      'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.',
  },
  130429: { status: 400, message: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
  131056: {
    status: 400,
    message: '(Business Account, Consumer Account) pair rate limit hit',
    details:
      'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  132000: {
    status: 400,
    message: 'Number of parameters does not match the expected number of params',
    details: 'body: number of localizable_params does not match the expected number of params',
  },
  132001: {
    status: 404,
    message: 'Template name does not exist in the translation',
    details: 'template name does not exist in the translation',
  },
  131000: { status: 500, message: 'Something went wrong' },
}

export type FakeWhatsApp = Awaited<ReturnType<typeof startFakeWhatsApp>>

export async function startFakeWhatsApp(options: FakeWhatsAppOptions) {
  const version = options.version ?? 'v21.0'
  const accepted: AcceptedMessage[] = []
  /** Every send request that reached the server, accepted or not. */
  const requests: { to: string; type: string; body: Record<string, any>; error?: number }[] = []
  const lastInbound = new Map<string, number>()
  const failQueue: number[] = []
  const failFor = new Map<string, number>()
  /** Statuses to post for the next accepted sends before answering them (Meta's webhook can win that race). */
  const statusesBeforeAnswer: ('sent' | 'delivered' | 'read')[][] = []
  /** What the webhook answered to those early statuses. */
  const earlyStatusAnswers: number[] = []
  let webhookUrl = options.webhookUrl
  /** What the app answered to each automatic status webhook (0: unreachable). */
  const autoStatusResults: { id: string; status: string; httpStatus: number }[] = []
  let seq = 0
  /** While true, accepted sends are not answered (a slow or cut connection to Meta after it accepted). */
  let holding = false
  const heldAnswers: (() => void)[] = []
  /** Meta echoes the send's `biz_opaque_callback_data` in every status of that message. */
  const callbackDataOf = (id: string) => {
    const data = accepted.find((a) => a.id === id)?.body.biz_opaque_callback_data
    return typeof data === 'string' ? { biz_opaque_callback_data: data } : {}
  }
  /** Media customers "sent", by media id. */
  const media = new Map<string, { data: Buffer; mimeType: string; sha256: string }>()
  /** Every media request that reached the server (metadata and downloads), with the status it got. */
  const mediaRequests: { kind: 'meta' | 'download'; id: string; status: number }[] = []
  const URL_LIFETIME_MS = 5 * 60 * 1000
  const downloadSignature = (id: string, expires: number) =>
    crypto.createHmac('sha256', options.appSecret).update(`${id}:${expires}`).digest('hex').slice(0, 32)

  const wamid = () => `wamid.HBgN${crypto.randomBytes(12).toString('hex').toUpperCase()}${++seq}`
  const graphError = (res: http.ServerResponse, code: number, detailOverride?: string) => {
    const e = ERRORS[code] ?? { status: 400, message: `Error ${code}` }
    res.writeHead(e.status, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        error: {
          message: `(#${code}) ${e.message}`,
          type: e.type ?? 'OAuthException',
          code,
          error_data: { messaging_product: 'whatsapp', details: detailOverride ?? e.details ?? e.message },
          fbtrace_id: crypto.randomBytes(8).toString('base64url'),
        },
      }),
    )
  }

  function validate(body: Record<string, any>): { code: number; details?: string } | null {
    if (body.messaging_product !== 'whatsapp')
      return { code: 100, details: 'messaging_product is required and must be "whatsapp"' }
    if (
      body.biz_opaque_callback_data !== undefined &&
      (typeof body.biz_opaque_callback_data !== 'string' || body.biz_opaque_callback_data.length > 512)
    )
      return { code: 100, details: 'biz_opaque_callback_data must be a string of at most 512 characters' }
    if (typeof body.to !== 'string' || !/^\d{8,15}$/.test(body.to))
      return { code: 100, details: 'Invalid "to" parameter' }
    const inWindow = (lastInbound.get(body.to) ?? -Infinity) > Date.now() - 24 * 60 * 60 * 1000
    switch (body.type) {
      case 'template': {
        const t = body.template
        const tpl = options.templates.find((x) => x.name === t?.name)
        if (!tpl || t?.language?.code !== tpl.language)
          return { code: 132001, details: `template name (${t?.name}) does not exist in ${t?.language?.code}` }
        const components: any[] = Array.isArray(t.components) ? t.components : []
        const bodyParams = components
          .filter((c) => c.type === 'body')
          .flatMap((c) => (Array.isArray(c.parameters) ? c.parameters : []))
        if (
          bodyParams.length !== tpl.bodyParams ||
          bodyParams.some((p) => p?.type !== 'text' || typeof p.text !== 'string' || !p.text.trim())
        )
          return {
            code: 132000,
            details: `body: number of localizable_params (${bodyParams.length}) does not match the expected number of params (${tpl.bodyParams})`,
          }
        for (const c of components.filter((x) => x.type === 'button')) {
          const kind = tpl.buttons?.[Number(c.index)]
          if (!kind || kind !== c.sub_type)
            return { code: 132000, details: `button at index ${c.index} does not match the template` }
          const p = c.parameters?.[0]
          if (
            kind === 'quick_reply'
              ? p?.type !== 'payload' || typeof p.payload !== 'string'
              : p?.type !== 'text' || typeof p.text !== 'string'
          )
            return { code: 100, details: `button ${c.index}: invalid parameter` }
        }
        return null
      }
      case 'text':
        if (typeof body.text?.body !== 'string' || !body.text.body.length || body.text.body.length > 4096)
          return { code: 100, details: 'text.body is required (max 4096 characters)' }
        return inWindow ? null : { code: 131047 }
      case 'interactive': {
        const i = body.interactive
        if (
          i?.type === 'button' &&
          !(Array.isArray(i.action?.buttons) && i.action.buttons.length >= 1 && i.action.buttons.length <= 3)
        )
          return { code: 100, details: 'interactive buttons: 1 to 3 required' }
        if (
          i?.type === 'list' &&
          !(Array.isArray(i.action?.sections) && i.action.sections.flatMap((s: any) => s.rows ?? []).length <= 10)
        )
          return { code: 100, details: 'interactive list: at most 10 rows' }
        if (i?.type !== 'button' && i?.type !== 'list') return { code: 100, details: 'unsupported interactive type' }
        return inWindow ? null : { code: 131047 }
      }
      default:
        return { code: 100, details: `unsupported message type ${body.type}` }
    }
  }

  /** Media metadata (`GET /{version}/{id}`) and the download behind its URL, as Meta serves them. */
  function serveMedia(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const download = url.pathname.match(/^\/whatsapp_business\/attachments\/([^/]+)$/)
    if (download) {
      const id = decodeURIComponent(download[1]!)
      const expires = Number(url.searchParams.get('ext'))
      const item = media.get(id)
      let status = 200
      if (req.headers.authorization !== `Bearer ${options.token}`) status = 401
      else if (!item || url.searchParams.get('hash') !== downloadSignature(id, expires) || !(expires > Date.now()))
        status = 404
      mediaRequests.push({ kind: 'download', id, status })
      if (status !== 200) {
        res.writeHead(status, { 'content-type': 'text/plain' })
        return res.end(status === 401 ? 'Unauthorized' : 'Not Found')
      }
      res.writeHead(200, { 'content-type': item!.mimeType, 'content-length': item!.data.length })
      return res.end(item!.data)
    }
    const meta = url.pathname.match(/^\/(v\d+\.\d+)\/(\d+)$/)
    if (!meta || meta[1] !== version) return graphError(res, 100, `Unknown path components: ${url.pathname}`)
    const id = meta[2]!
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      mediaRequests.push({ kind: 'meta', id, status: 401 })
      return graphError(res, 190)
    }
    const item = media.get(id)
    if (!item) {
      mediaRequests.push({ kind: 'meta', id, status: 404 })
      res.writeHead(404, { 'content-type': 'application/json' })
      return res.end(
        JSON.stringify({
          error: {
            message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
            type: 'GraphMethodException',
            code: 100,
            error_subcode: 33,
            fbtrace_id: crypto.randomBytes(8).toString('base64url'),
          },
        }),
      )
    }
    mediaRequests.push({ kind: 'meta', id, status: 200 })
    const expires = Date.now() + URL_LIFETIME_MS
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        url: `${origin}/whatsapp_business/attachments/${encodeURIComponent(id)}?ext=${expires}&hash=${downloadSignature(id, expires)}`,
        mime_type: item.mimeType,
        sha256: item.sha256,
        file_size: item.data.length,
        id,
      }),
    )
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (req.method === 'GET') return serveMedia(req, res, url)
      const match = url.pathname.match(/^\/(v\d+\.\d+)\/([^/]+)\/messages$/)
      if (req.method !== 'POST' || !match || match[1] !== version)
        return graphError(res, 100, `Unknown path components: ${url.pathname}`)
      if (req.headers.authorization !== `Bearer ${options.token}`) return graphError(res, 190)
      if (decodeURIComponent(match[2]!) !== options.phoneNumberId)
        return graphError(res, 100, `Unsupported post request. Object with ID '${match[2]}' does not exist`)
      let body: Record<string, any>
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return graphError(res, 100, 'Request body is not valid JSON')
      }
      const record = { to: String(body.to ?? ''), type: String(body.type ?? ''), body }
      const invalid = validate(body)
      const forced = invalid ? undefined : (failFor.get(record.to) ?? failQueue.shift())
      const code = invalid?.code ?? forced
      requests.push({ ...record, error: code })
      if (code !== undefined) return graphError(res, code, invalid?.details)
      const id = wamid()
      accepted.push({ id, ...record, at: new Date() })
      if (options.autoStatuses?.length) void reportStatuses(id, record.to)
      const answer = () => {
        // Held: Meta has accepted the message, its answer is not on its way yet (see `holdAnswers`).
        if (holding) return void heldAnswers.push(answer)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            messaging_product: 'whatsapp',
            contacts: [{ input: body.to, wa_id: body.to }],
            messages: [{ id, ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }],
          }),
        )
      }
      const early = statusesBeforeAnswer.shift()
      if (!early) return answer()
      void (async () => {
        for (const status of early)
          earlyStatusAnswers.push(
            ...(await deliver(
              envelope({
                statuses: [{ id, status, timestamp: unixNow(), recipient_id: record.to, ...callbackDataOf(id) }],
              }),
            )),
          )
      })().then(answer, (error: Error) => res.destroy(error))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const envelope = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '6281100000000', phone_number_id: options.phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  })
  const sign = (raw: string, secret = options.appSecret) =>
    `sha256=${crypto.createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`
  const unixNow = () => String(Math.floor(Date.now() / 1000))

  /** Posts one webhook body as Meta does (signed), `times` times; returns the HTTP statuses. */
  async function deliver(
    body: unknown,
    { times = 1, signature }: { times?: number; signature?: string | null } = {},
  ): Promise<number[]> {
    if (!webhookUrl) throw new Error('fake WhatsApp: no webhook URL set')
    const raw = JSON.stringify(body)
    const statuses: number[] = []
    for (let i = 0; i < times; i++) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua' }
      const sig = signature === undefined ? sign(raw) : signature
      if (sig !== null) headers['x-hub-signature-256'] = sig
      const res = await fetch(webhookUrl, { method: 'POST', headers, body: raw })
      await res.arrayBuffer()
      statuses.push(res.status)
    }
    return statuses
  }

  /** Meta's status webhook body for messages it accepted. */
  function statusBody(
    statuses: {
      id: string
      status: 'sent' | 'delivered' | 'read' | 'failed'
      recipient?: string
      errorCode?: number
    }[],
  ) {
    return envelope({
      statuses: statuses.map((s) => ({
        id: s.id,
        status: s.status,
        timestamp: unixNow(),
        recipient_id: s.recipient ?? accepted.find((a) => a.id === s.id)?.to ?? '6280000000000',
        ...callbackDataOf(s.id),
        ...(s.status === 'failed'
          ? {
              errors: [
                {
                  code: s.errorCode ?? 131026,
                  title: ERRORS[s.errorCode ?? 131026]?.message ?? 'Failed',
                  message: ERRORS[s.errorCode ?? 131026]?.message ?? 'Failed',
                  error_data: { details: ERRORS[s.errorCode ?? 131026]?.details ?? '' },
                },
              ],
            }
          : {}),
      })),
    })
  }

  /** The automatic statuses of one accepted message; a webhook that is down loses them, as with Meta after its retries. */
  async function reportStatuses(id: string, to: string) {
    for (const status of options.autoStatuses ?? []) {
      await new Promise((resolve) => setTimeout(resolve, options.autoStatusDelayMs ?? 500))
      if (!webhookUrl) return
      try {
        const [code] = await deliver(statusBody([{ id, status, recipient: to }]))
        autoStatusResults.push({ id, status, httpStatus: code! })
      } catch {
        autoStatusResults.push({ id, status, httpStatus: 0 })
      }
    }
  }

  type Inbound =
    | { type: 'text'; text: string }
    | { type: 'button'; payload: string; text?: string; contextId?: string }
    | { type: 'interactive'; reply: { kind: 'button_reply' | 'list_reply'; id: string; title: string } }
    /** With `data`, the image is kept as media the app can download; `mediaId` reuses (or invents) an id. */
    | { type: 'image'; caption?: string; mimeType?: string; data?: Buffer; mediaId?: string }
    | { type: 'sticker' | 'location' | 'unsupported' }

  function inboundMessage(from: string, message: Inbound, id = wamid()) {
    const base = { from, id, timestamp: unixNow(), type: message.type }
    switch (message.type) {
      case 'text':
        return { ...base, text: { body: message.text } }
      case 'button':
        return {
          ...base,
          ...(message.contextId ? { context: { from: '6281100000000', id: message.contextId } } : {}),
          button: { payload: message.payload, text: message.text ?? message.payload },
        }
      case 'interactive':
        return {
          ...base,
          interactive: {
            type: message.reply.kind,
            [message.reply.kind]: { id: message.reply.id, title: message.reply.title },
          },
        }
      case 'image': {
        const mimeType = message.mimeType ?? 'image/jpeg'
        const mediaId =
          message.mediaId ?? (message.data ? addMedia(message.data, mimeType) : String(1_000_000_000 + seq++))
        return {
          ...base,
          image: {
            caption: message.caption,
            mime_type: mimeType,
            sha256: media.get(mediaId)?.sha256 ?? crypto.randomBytes(32).toString('base64'),
            id: mediaId,
          },
        }
      }
      case 'location':
        return { ...base, location: { latitude: -6.4, longitude: 106.8 } }
      default:
        return { ...base, [message.type]: {} }
    }
  }

  /** Keeps bytes as media a customer sent; returns the media id webhooks refer to. */
  function addMedia(data: Buffer, mimeType: string): string {
    const id = String(1_000_000_000_000 + ++seq)
    media.set(id, { data, mimeType, sha256: crypto.createHash('sha256').update(data).digest('base64') })
    return id
  }

  return {
    url: origin,
    addMedia,
    /** Media metadata and download requests, with the HTTP status each got. */
    mediaRequests,
    /** What WHATSAPP_API_URL should be. */
    apiUrl: `${origin}/${version}`,
    /** Messages the fake accepted (each got a wamid). */
    accepted,
    /** Every send request, with the error code it got when refused. */
    requests,
    setWebhookUrl(url: string) {
      webhookUrl = url
    },
    /** The next accepted send gets these statuses posted (each its own webhook) before its answer. */
    postStatusesBeforeAnswer(statuses: ('sent' | 'delivered' | 'read')[]) {
      statusesBeforeAnswer.push(statuses)
    },
    /** HTTP statuses the webhook gave to statuses posted before a send's answer. */
    earlyStatusAnswers,
    /**
     * From now on, sends are accepted (they count in `accepted`, statuses follow) but not answered
     * until `holdAnswers(false)`, which answers the held ones: a worker can be killed in between.
     */
    holdAnswers(hold: boolean) {
      holding = hold
      if (!hold) for (const answer of heldAnswers.splice(0)) answer()
    },
    /** The next `times` sends (that pass validation) fail with this Meta error code. */
    failNext(code: number, times = 1) {
      for (let i = 0; i < times; i++) failQueue.push(code)
    },
    /** Every send to this number fails with the code (e.g. 131026: not on WhatsApp), until cleared with null. */
    failFor(to: string, code: number | null) {
      if (code === null) failFor.delete(to)
      else failFor.set(to, code)
    },
    /** Opens (or, with `at` 25 h ago, closes) the 24 h window as if the number had just written to us. */
    customerWrote(from: string, at: Date = new Date()) {
      lastInbound.set(from, at.getTime())
    },
    sign,
    envelope,
    deliver,
    /** A status webhook body for one or more statuses of accepted messages. */
    statusBody,
    /** What the app answered to each automatic status (see `autoStatuses`). */
    autoStatusResults,
    /** Posts each status as its own signed webhook, in the given order (shuffle it to mimic Meta). */
    async postStatuses(
      statuses: { id: string; status: 'sent' | 'delivered' | 'read' | 'failed'; errorCode?: number }[],
      { times = 1 } = {},
    ) {
      const results: number[] = []
      for (const s of statuses) results.push(...(await deliver(statusBody([s]), { times })))
      return results
    },
    /** An inbound-message webhook body (the customer writes to us); opens the 24 h window. */
    inboundBody(from: string, message: Inbound, { id, name = 'Pelanggan' }: { id?: string; name?: string } = {}) {
      lastInbound.set(from, Date.now())
      const msg = inboundMessage(from, message, id)
      return { body: envelope({ contacts: [{ profile: { name }, wa_id: from }], messages: [msg] }), id: msg.id }
    },
    /** Posts an inbound message webhook `times` times (replays); returns its wamid and the HTTP statuses. */
    async postInbound(from: string, message: Inbound, { times = 1, name }: { times?: number; name?: string } = {}) {
      const { body, id } = this.inboundBody(from, message, { name })
      return { id, statuses: await deliver(body, { times }) }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
