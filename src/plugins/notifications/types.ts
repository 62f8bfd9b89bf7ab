import type { PayloadRequest } from 'payload'

import type { Customer } from '../../payload-types'

export const CHANNELS = ['whatsapp', 'fonnte', 'email'] as const
export type Channel = (typeof CHANNELS)[number]

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed', 'received'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

/** A kind of message the system sends by itself; each can be switched off in the notification settings. */
export type TriggerDefinition = {
  /** Stable name, also the default template key (`welcome`, `invoice_issued`, …). Letters, digits, `_`. */
  name: string
  label: { en: string; id: string }
}

/** Triggers fired from the core records (customers, tickets). Other plugins add theirs via `triggers`. */
export const CORE_TRIGGERS: TriggerDefinition[] = [
  { name: 'welcome', label: { en: 'Welcome (customer activated)', id: 'Selamat datang (pelanggan aktif)' } },
  { name: 'installation_scheduled', label: { en: 'Installation scheduled', id: 'Jadwal pemasangan' } },
  { name: 'ticket_status_changed', label: { en: 'Ticket status changed', id: 'Status tiket berubah' } },
  {
    name: 'technician_assigned',
    label: { en: 'Technician assigned (to the customer)', id: 'Teknisi ditugaskan (ke pelanggan)' },
  },
  {
    name: 'technician_job',
    label: { en: 'Technician assigned (to the technician)', id: 'Teknisi ditugaskan (ke teknisi)' },
  },
  { name: 'installation_completed', label: { en: 'Installation completed', id: 'Pemasangan selesai' } },
  { name: 'auto_answer', label: { en: 'WhatsApp auto-answers and replies', id: 'Jawaban otomatis WhatsApp' } },
  { name: 'staff_alert', label: { en: "Staff alerts (to admins' phones)", id: 'Peringatan staf (ke HP admin)' } },
]

/** Triggers whose messages go to staff, not customers: their templates are never offered for a customer. */
export const STAFF_TRIGGER_NAMES: readonly string[] = ['technician_job', 'staff_alert']

/** An inbound WhatsApp message, as the webhook parsed it. */
export type InboundMessage = {
  /** The message's wamid. */
  id: string
  /** Sender, `628…`. */
  from: string
  type: string
  text?: string
  /** A quick-reply template button's payload, or an interactive reply's id. */
  buttonPayload?: string
  buttonTitle?: string
  /** The wamid of the message the customer replied to, when any. */
  contextId?: string
  image?: { mediaId: string; mimeType?: string; caption?: string; sha256?: string }
  profileName?: string
  timestamp?: Date
}

export type InboundContext = {
  req: PayloadRequest
  message: InboundMessage
  /** The customer with that phone number, or null for an unknown number. */
  customer: Customer | null
  /** The id of the inbound row in `messages`. */
  inboundMessageId: number
  /** Queues a free-text reply (once per inbound message and `key`). */
  reply: (text: string, key?: string) => Promise<void>
  /**
   * The message's image, fetched from WhatsApp before the webhook's transaction opened (a slow
   * download holds no locks). Rejects as the fetch did: a retryable `ChannelError` (network, 5xx)
   * should be rethrown so WhatsApp delivers the event again; another one (unknown or expired media,
   * too large) will not get better. Fetched ahead only for known customers' new pictures; otherwise
   * on the first call.
   */
  downloadMedia: () => Promise<InboundMedia>
}

/** An inbound message's media, as downloaded. */
export type InboundMedia = { data: Buffer; mimeType: string; sha256?: string }

/**
 * Handles an inbound message before the built-in routing (FAQ answers, "report a problem"). Returns
 * true when it dealt with the message. Runs inside the webhook's transaction: write with `req`.
 * Billing registers one for images from known customers (payment proof) and for the "pay now" /
 * "I have transferred" buttons.
 */
export type InboundHandler = {
  name: string
  /** Which messages it looks at: by type (`image`, `text`, `button`, `interactive`) and/or button payload prefix. */
  match: { types?: string[]; buttonPayloadPrefix?: string }
  handle: (context: InboundContext) => Promise<boolean>
}

/** Options of the notifications plugin. Secrets (tokens, app secret) come from the environment. */
export type NotificationsPluginOptions = {
  /**
   * When false, collections, settings and the webhook stay registered (schema and migrations do not
   * change), but nothing is queued or sent and the webhook answers 503. Default true.
   */
  enabled?: boolean
  /** More triggers, each with its own switch in the settings (billing adds invoice, payment, reminder, suspension). */
  triggers?: TriggerDefinition[]
  /** Inbound handlers, tried in order before the built-in routing. See `registerInboundHandler`. */
  inboundHandlers?: InboundHandler[]
  /** Largest webhook body accepted, in bytes. Default 1 MiB (Meta's are a few KB). */
  webhookMaxBytes?: number
  /** More variables known about a customer, to prefill a template sent by hand. See `registerVariableProvider`. */
  variableProviders?: VariableProvider[]
}

/**
 * Fills in template variables known about a customer when customer service sends a template by
 * hand (the form is prefilled, staff can still change every value). The core provides the
 * customer's and their latest open ticket's; billing adds their oldest open invoice's.
 */
export type VariableProvider = {
  name: string
  variables: (args: { req: PayloadRequest; customer: Customer }) => Promise<Record<string, string>>
}

/** Button payloads the built-in routing understands. */
export const BUTTON_PAYLOADS = {
  reportProblem: 'REPORT_PROBLEM',
} as const

/**
 * Triggers of messages customer service sends by hand from the customer page: a template
 * (`manual`) or free text (`cs_reply`, whose template of the same key goes out instead when the
 * 24 h window is closed). Not in the settings: a person decided to send them.
 */
export const MANUAL_TRIGGERS = { template: 'manual', reply: 'cs_reply' } as const
