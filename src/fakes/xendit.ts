/**
 * A local Xendit invoice API: `POST /v2/invoices` with Xendit's auth, validation and error bodies,
 * a clickable checkout page, and invoice callbacks carrying `x-callback-token` and `webhook-id`,
 * including repeats, out-of-order statuses and forged ones when told to.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type http from 'node:http'

import {
  basicCredentials,
  deliver,
  FailureQueue,
  listen,
  parseJsonObject,
  payPage,
  readBody,
  redirect,
  sendHtml,
  sendJson,
} from './http-kit'
import type { FailureMode, NotificationDelivery } from './http-kit'

export type XenditInvoiceStatus = 'PENDING' | 'PAID' | 'SETTLED' | 'EXPIRED'

export type FakeXenditInvoice = {
  id: string
  externalId: string
  amount: number
  status: XenditInvoiceStatus
  description?: string
  payerEmail?: string
  created: Date
  updated: Date
  expiryDate: Date
  paidAt?: Date
  successRedirectUrl?: string
  /** The create request body as received. */
  request: Record<string, unknown>
}

export type XenditNotificationOptions = {
  /** Extra copies of the same callback (same webhook-id), delivered one after another. */
  duplicate?: number
  /** Send a wrong x-callback-token, as a forged callback would have. */
  tamperToken?: boolean
  /** Report this paid_amount instead of the invoice amount. */
  amountOverride?: number
  /** Reuse a webhook-id (Xendit keeps it across retries of one event); default a new one. */
  webhookId?: string
  /** Leave the webhook-id header out, as older callback setups do. */
  omitWebhookId?: boolean
}

export type FakeXenditOptions = {
  secretKey: string
  /** Callback verification token, as shown in the Xendit dashboard. */
  callbackToken: string
  /** Invoice paid/expired callback URL, as set in the Xendit dashboard. */
  notificationUrl?: string
  /** Default 0: any free port. */
  port?: number
}

export type FakeXendit = {
  /** API host, for `XENDIT_BASE_URL`. */
  url: string
  /** By invoice id. Xendit lets several invoices share one external_id. */
  invoices: Map<string, FakeXenditInvoice>
  notifications: NotificationDelivery[]
  notificationUrl: string | undefined
  /** The invoice with this id, else the newest with this external_id. */
  find(ref: string): FakeXenditInvoice
  /** Marks a pending invoice PAID and sends its callback. */
  settle(ref: string, opts?: XenditNotificationOptions): Promise<NotificationDelivery[]>
  expire(ref: string, opts?: XenditNotificationOptions): Promise<NotificationDelivery[]>
  /** Sends a callback with `status` whatever state the invoice is in. */
  sendNotification(
    ref: string,
    status: XenditInvoiceStatus,
    opts?: XenditNotificationOptions,
  ): Promise<NotificationDelivery[]>
  /** The next API call fails with this HTTP status, or never answers ('timeout'). Calls queue. */
  failNext(mode: FailureMode): void
  close(): Promise<void>
}

const INVALID_API_KEY = { error_code: 'INVALID_API_KEY', message: 'API key is not authorized for this API service' }
const SERVER_ERROR = {
  error_code: 'SERVER_ERROR',
  message: 'An unexpected error occured, our team has been notified and will troubleshoot the issue.',
}
const USER_ID = '5f0c4a3e8e2a4b0019a0c0de'
const MAX_DURATION_SECONDS = 31_536_000

function validateInvoiceRequest(body: Record<string, unknown>): string[] {
  const errors: string[] = []
  const { external_id: externalId, amount, currency, invoice_duration: duration, payer_email: payerEmail } = body
  if (externalId === undefined || externalId === null) errors.push('"external_id" is required')
  else if (typeof externalId !== 'string' || externalId.length === 0)
    errors.push('"external_id" must be a non-empty string')
  else if (externalId.length > 1000)
    errors.push('"external_id" length must be less than or equal to 1000 characters long')
  if (amount === undefined || amount === null) errors.push('"amount" is required')
  else if (typeof amount !== 'number' || !Number.isFinite(amount)) errors.push('"amount" must be a number')
  else if (amount < 1) errors.push('"amount" must be larger than or equal to 1')
  else if (!Number.isInteger(amount)) errors.push('"amount" must be an integer for currency IDR')
  if (currency !== undefined && currency !== 'IDR')
    errors.push(`"currency" ${JSON.stringify(currency)} is not supported for this business`)
  if (
    duration !== undefined &&
    (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > MAX_DURATION_SECONDS)
  ) {
    errors.push(`"invoice_duration" must be an integer between 1 and ${MAX_DURATION_SECONDS}`)
  }
  if (payerEmail !== undefined && (typeof payerEmail !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(payerEmail)))
    errors.push('"payer_email" must be a valid email')
  const customer = body.customer as Record<string, unknown> | undefined
  if (
    customer?.mobile_number !== undefined &&
    customer.mobile_number !== null &&
    (typeof customer.mobile_number !== 'string' || !/^\+[1-9]\d{7,14}$/.test(customer.mobile_number))
  ) {
    errors.push('"customer.mobile_number" must be in E.164 format')
  }
  for (const field of ['success_redirect_url', 'failure_redirect_url']) {
    const value = body[field]
    if (value !== undefined && (typeof value !== 'string' || !URL.canParse(value)))
      errors.push(`"${field}" must be a valid uri`)
  }
  return errors
}

export async function startFakeXendit(options: FakeXenditOptions): Promise<FakeXendit> {
  const invoices = new Map<string, FakeXenditInvoice>()
  const notifications: NotificationDelivery[] = []
  const failures = new FailureQueue()
  let notificationUrl = options.notificationUrl

  function find(ref: string): FakeXenditInvoice {
    const byId = invoices.get(ref)
    if (byId) return byId
    const matches = [...invoices.values()].filter((inv) => inv.externalId === ref)
    const newest = matches.at(-1)
    if (!newest) throw new Error(`fake Xendit has no invoice ${ref}`)
    return newest
  }

  function isExpiredByTime(inv: FakeXenditInvoice): boolean {
    return inv.status === 'PENDING' && inv.expiryDate.getTime() <= Date.now()
  }

  /** The invoice as Xendit's API returns it (the SDK needs every `available_*` list). */
  function invoiceJson(inv: FakeXenditInvoice): Record<string, unknown> {
    const va = (bank: string) => ({
      bank_code: bank,
      collection_type: 'POOL',
      transfer_amount: inv.amount,
      bank_branch: 'Virtual Account',
      account_holder_name: 'FAKE ISP',
      identity_amount: 0,
    })
    return {
      id: inv.id,
      external_id: inv.externalId,
      user_id: USER_ID,
      status: inv.status,
      merchant_name: 'Fake ISP',
      merchant_profile_picture_url: 'https://du8nwjtfkinx.cloudfront.net/xendit.png',
      amount: inv.amount,
      ...(inv.payerEmail ? { payer_email: inv.payerEmail } : {}),
      ...(inv.description ? { description: inv.description } : {}),
      expiry_date: inv.expiryDate.toISOString(),
      invoice_url: `${server.url}/web/${inv.id}`,
      available_banks: ['BCA', 'BNI', 'BRI', 'MANDIRI', 'PERMATA'].map(va),
      available_retail_outlets: [{ retail_outlet_name: 'ALFAMART' }, { retail_outlet_name: 'INDOMARET' }],
      available_ewallets: [{ ewallet_type: 'OVO' }, { ewallet_type: 'DANA' }, { ewallet_type: 'SHOPEEPAY' }],
      available_qr_codes: [{ qr_code_type: 'QRIS' }],
      available_direct_debits: [],
      available_paylaters: [],
      should_exclude_credit_card: false,
      should_send_email: false,
      created: inv.created.toISOString(),
      updated: inv.updated.toISOString(),
      currency: 'IDR',
      ...(inv.successRedirectUrl ? { success_redirect_url: inv.successRedirectUrl } : {}),
      ...(inv.paidAt ? { paid_at: inv.paidAt.toISOString() } : {}),
    }
  }

  async function sendNotification(
    ref: string,
    status: XenditInvoiceStatus,
    opts: XenditNotificationOptions = {},
  ): Promise<NotificationDelivery[]> {
    const inv = find(ref)
    if (!notificationUrl) throw new Error('fake Xendit has no notificationUrl')
    const paid = status === 'PAID' || status === 'SETTLED'
    const body: Record<string, unknown> = {
      id: inv.id,
      external_id: inv.externalId,
      user_id: USER_ID,
      is_high: false,
      status,
      merchant_name: 'Fake ISP',
      amount: inv.amount,
      ...(inv.payerEmail ? { payer_email: inv.payerEmail } : {}),
      ...(inv.description ? { description: inv.description } : {}),
      created: inv.created.toISOString(),
      updated: new Date().toISOString(),
      currency: 'IDR',
      ...(paid
        ? {
            paid_amount: opts.amountOverride ?? inv.amount,
            paid_at: (inv.paidAt ?? new Date()).toISOString(),
            payment_method: 'BANK_TRANSFER',
            bank_code: 'BCA',
            payment_channel: 'BCA',
            payment_destination: '880812345678',
            adjusted_received_amount: opts.amountOverride ?? inv.amount,
            fees_paid_amount: 0,
          }
        : { expiry_date: inv.expiryDate.toISOString() }),
    }
    const headers: Record<string, string> = {
      'x-callback-token': opts.tamperToken ? `${options.callbackToken}x` : options.callbackToken,
    }
    if (!opts.omitWebhookId) headers['webhook-id'] = opts.webhookId ?? randomUUID()
    return deliver(notificationUrl, headers, body, 1 + (opts.duplicate ?? 0), notifications)
  }

  function transition(ref: string, to: XenditInvoiceStatus): FakeXenditInvoice {
    const inv = find(ref)
    if (to !== 'EXPIRED' && isExpiredByTime(inv)) inv.status = 'EXPIRED'
    if (inv.status !== 'PENDING')
      throw new Error(`fake Xendit: invoice ${inv.id} is ${inv.status}, cannot become ${to}`)
    inv.status = to
    inv.updated = new Date()
    if (to === 'PAID') inv.paidAt = inv.updated
    return inv
  }

  async function notifyIfConfigured(
    inv: FakeXenditInvoice,
    opts?: XenditNotificationOptions,
  ): Promise<NotificationDelivery[]> {
    return notificationUrl ? sendNotification(inv.id, inv.status, opts) : []
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const credentials = basicCredentials(req)
    if (!credentials || credentials.user !== options.secretKey) return sendJson(res, 401, INVALID_API_KEY)

    if (path === '/v2/invoices' && req.method === 'POST') {
      const body = parseJsonObject(await readBody(req))
      if (!body)
        return sendJson(res, 400, { error_code: 'API_VALIDATION_ERROR', message: 'Request body must be a JSON object' })
      const errors = validateInvoiceRequest(body)
      if (errors.length)
        return sendJson(res, 400, {
          error_code: 'API_VALIDATION_ERROR',
          message: errors[0],
          errors: errors.map((message) => ({ message })),
        })
      const now = new Date()
      const inv: FakeXenditInvoice = {
        id: randomBytes(12).toString('hex'),
        externalId: body.external_id as string,
        amount: body.amount as number,
        status: 'PENDING',
        description: body.description as string | undefined,
        payerEmail: body.payer_email as string | undefined,
        created: now,
        updated: now,
        expiryDate: new Date(now.getTime() + ((body.invoice_duration as number | undefined) ?? 86_400) * 1000),
        successRedirectUrl: body.success_redirect_url as string | undefined,
        request: body,
      }
      invoices.set(inv.id, inv)
      return sendJson(res, 200, invoiceJson(inv))
    }

    const one = /^\/v2\/invoices\/([0-9a-f]{24})$/.exec(path)
    if (one && req.method === 'GET') {
      const inv = invoices.get(one[1])
      if (!inv)
        return sendJson(res, 404, { error_code: 'INVOICE_NOT_FOUND_ERROR', message: 'Could not find invoice by id' })
      if (isExpiredByTime(inv)) inv.status = 'EXPIRED'
      return sendJson(res, 200, invoiceJson(inv))
    }

    const expire = /^\/invoices\/([0-9a-f]{24})\/expire!$/.exec(path)
    if (expire && req.method === 'POST') {
      const inv = invoices.get(expire[1])
      if (!inv)
        return sendJson(res, 404, { error_code: 'INVOICE_NOT_FOUND_ERROR', message: 'Could not find invoice by id' })
      if (inv.status !== 'PENDING')
        return sendJson(res, 400, { error_code: 'INVALID_INVOICE_STATUS', message: `Invoice is already ${inv.status}` })
      transition(inv.id, 'EXPIRED')
      await notifyIfConfigured(inv)
      return sendJson(res, 200, invoiceJson(inv))
    }

    sendJson(res, 404, { error_code: 'NOT_FOUND', message: 'The requested resource was not found' })
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/(.)\/$/, '$1')

    const page = /^\/web\/([0-9a-f]{24})(\/pay)?$/.exec(path)
    if (page) {
      const inv = invoices.get(page[1])
      if (!inv)
        return sendHtml(
          res,
          404,
          payPage({ gateway: 'Xendit', orderId: '-', amount: 0, notice: 'Tagihan tidak ditemukan.' }),
        )
      if (isExpiredByTime(inv)) inv.status = 'EXPIRED'
      if (page[2] && req.method === 'POST') {
        await readBody(req)
        if (inv.status !== 'PENDING') return redirect(res, `${server.url}/web/${inv.id}`)
        transition(inv.id, 'PAID')
        // Deliver before sending the customer back, so the merchant already knows when they land.
        await notifyIfConfigured(inv)
        if (inv.successRedirectUrl) return redirect(res, inv.successRedirectUrl)
        return sendHtml(
          res,
          200,
          payPage({
            gateway: 'Xendit',
            orderId: inv.externalId,
            amount: inv.amount,
            description: inv.description,
            notice: 'Pembayaran berhasil. Terima kasih!',
          }),
        )
      }
      const notice =
        inv.status === 'PENDING'
          ? undefined
          : inv.status === 'EXPIRED'
            ? 'Tagihan ini sudah kedaluwarsa.'
            : 'Tagihan ini sudah dibayar.'
      return sendHtml(
        res,
        200,
        payPage({
          gateway: 'Xendit',
          orderId: inv.externalId,
          amount: inv.amount,
          description: inv.description,
          payAction: inv.status === 'PENDING' ? `/web/${inv.id}/pay` : undefined,
          notice,
        }),
      )
    }

    const failure = failures.take()
    if (failure === 'timeout') return // never answered; close() drops the connection
    if (failure) return sendJson(res, failure, SERVER_ERROR)
    return handleApi(req, res, path)
  }

  const server = await listen(handle, options.port)

  return {
    url: server.url,
    invoices,
    notifications,
    get notificationUrl() {
      return notificationUrl
    },
    set notificationUrl(value) {
      notificationUrl = value
    },
    find,
    settle: async (ref, opts) => notifyIfConfigured(transition(ref, 'PAID'), opts),
    expire: async (ref, opts) => notifyIfConfigured(transition(ref, 'EXPIRED'), opts),
    sendNotification,
    failNext: (mode) => failures.push(mode),
    close: server.close,
  }
}
