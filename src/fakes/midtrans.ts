/**
 * A local Midtrans Snap: creates transactions the way `POST /snap/v1/transactions` does (same
 * auth, validation and error bodies), serves a clickable payment page, cancels a Snap session
 * (`POST /snap/v1/transactions/{token}/cancel`) or a started transaction (Core API
 * `POST /v2/{order_id}/cancel`, on the same host), and posts signed HTTP notifications, including
 * repeats, out-of-order statuses and forged ones when told to.
 */
import { createHash, randomUUID } from 'node:crypto'
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
  wibTimestamp,
} from './http-kit'
import type { FailureMode, NotificationDelivery } from './http-kit'

export type MidtransTransactionStatus =
  | 'pending'
  | 'capture'
  | 'settlement'
  | 'deny'
  | 'cancel'
  | 'expire'
  | 'failure'
  | 'refund'
  | 'partial_refund'
  | 'authorize'

export type FakeMidtransTransaction = {
  orderId: string
  token: string
  transactionId: string
  grossAmount: number
  status: MidtransTransactionStatus
  createdAt: Date
  expiresAt: Date
  settledAt?: Date
  /** When the Snap session was cancelled through the API. */
  canceledAt?: Date
  /**
   * The method the customer picked on the Snap page (`bank_transfer` once a VA number is issued).
   * Until then the transaction exists only as a Snap session: the Core API does not know it.
   */
  paymentType?: string
  description?: string
  finishUrl?: string
  /** The create request body as received. */
  request: Record<string, unknown>
}

export type MidtransNotificationOptions = {
  /** Extra copies of the same notification, delivered one after another. */
  duplicate?: number
  /** Corrupt the signature_key, as a forged notification would have. */
  tamperSignature?: boolean
  /** Send this gross_amount (correctly signed) instead of the transaction's. */
  amountOverride?: string
  /** `fraud_status` for `capture`; default `accept`. */
  fraudStatus?: 'accept' | 'challenge' | 'deny'
}

export type FakeMidtransOptions = {
  serverKey: string
  /** Payment notification URL, as set in the Midtrans dashboard. */
  notificationUrl?: string
  /** Default 0: any free port. */
  port?: number
}

export type FakeMidtrans = {
  /** Snap host, for `MIDTRANS_BASE_URL`. */
  url: string
  transactions: Map<string, FakeMidtransTransaction>
  /** Every notification POST made, in order. */
  notifications: NotificationDelivery[]
  notificationUrl: string | undefined
  /**
   * The customer picks a method on the Snap page (a VA number is issued): the transaction now
   * exists in the Core API as `pending`, Snap can no longer cancel the session, and Midtrans
   * notifies `pending`.
   */
  startPayment(orderId: string, paymentType?: string): Promise<NotificationDelivery[]>
  /** Marks a pending transaction paid (bank transfer settlement) and notifies. */
  settle(orderId: string, opts?: Omit<MidtransNotificationOptions, 'fraudStatus'>): Promise<NotificationDelivery[]>
  expire(orderId: string, opts?: MidtransNotificationOptions): Promise<NotificationDelivery[]>
  cancel(orderId: string, opts?: MidtransNotificationOptions): Promise<NotificationDelivery[]>
  refund(orderId: string, opts?: MidtransNotificationOptions): Promise<NotificationDelivery[]>
  /** Notifies `status` whatever state the transaction is in (for repeats and out-of-order delivery). */
  sendNotification(
    orderId: string,
    status: MidtransTransactionStatus,
    opts?: MidtransNotificationOptions,
  ): Promise<NotificationDelivery[]>
  /** The next API call fails with this HTTP status, or never answers ('timeout'). Calls queue. */
  failNext(mode: FailureMode): void
  close(): Promise<void>
}

const statusCodeOf: Record<MidtransTransactionStatus, string> = {
  capture: '200',
  settlement: '200',
  pending: '201',
  authorize: '200',
  deny: '202',
  cancel: '200',
  expire: '202',
  failure: '202',
  refund: '200',
  partial_refund: '200',
}

const UNAUTHORIZED = {
  error_messages: [
    'Access denied due to unauthorized transaction, please check client or server key',
    'Visit https://snap-docs.midtrans.com/#request-headers for more details',
  ],
}

const ORDER_ID_PATTERN = /^[A-Za-z0-9\-_~.]+$/

/** Snap's checks on a create body; the messages are Snap's own. */
function validateSnapRequest(body: Record<string, unknown>): string[] {
  const errors: string[] = []
  const details = body.transaction_details as Record<string, unknown> | undefined
  if (!details || typeof details !== 'object') return ['transaction_details is required']
  const orderId = details.order_id
  if (orderId === undefined || orderId === null || orderId === '')
    errors.push('transaction_details.order_id is required')
  else if (typeof orderId !== 'string') errors.push('transaction_details.order_id must be a string')
  else {
    if (orderId.length > 50) errors.push('transaction_details.order_id too long')
    if (!ORDER_ID_PATTERN.test(orderId)) errors.push('transaction_details.order_id contains invalid character')
  }
  const gross = details.gross_amount
  if (gross === undefined || gross === null || gross === '') errors.push('transaction_details.gross_amount is required')
  else if (typeof gross !== 'number' || !Number.isFinite(gross))
    errors.push('transaction_details.gross_amount is not a number')
  else if (!Number.isInteger(gross)) errors.push('transaction_details.gross_amount must be an integer for currency IDR')
  else if (gross < 1) errors.push('transaction_details.gross_amount must be greater than or equal to 1')

  const items = body.item_details
  if (items !== undefined) {
    if (!Array.isArray(items)) errors.push('item_details must be an array')
    else {
      let sum = 0
      items.forEach((raw, i) => {
        const item = raw as Record<string, unknown>
        if (typeof item?.price !== 'number' || !Number.isInteger(item.price))
          errors.push(`item_details[${i}].price must be an integer`)
        if (typeof item?.quantity !== 'number' || !Number.isInteger(item.quantity) || item.quantity < 1)
          errors.push(`item_details[${i}].quantity must be greater than or equal to 1`)
        if (typeof item?.name !== 'string' || item.name === '') errors.push(`item_details[${i}].name is required`)
        else if (item.name.length > 50) errors.push(`item_details[${i}].name too long`)
        if (typeof item?.price === 'number' && typeof item?.quantity === 'number') sum += item.price * item.quantity
      })
      if (typeof gross === 'number' && errors.length === 0 && sum !== gross)
        errors.push('transaction_details.gross_amount is not equal to the sum of item_details')
    }
  }

  const expiry = body.expiry as Record<string, unknown> | undefined
  if (expiry !== undefined) {
    if (typeof expiry?.unit !== 'string' || !/^(day|hour|minute)s?$/.test(expiry.unit))
      errors.push('expiry.unit must be one of: day, hour, minute')
    if (typeof expiry?.duration !== 'number' || !Number.isInteger(expiry.duration) || expiry.duration < 1)
      errors.push('expiry.duration must be greater than or equal to 1')
  }
  const customer = body.customer_details as Record<string, unknown> | undefined
  if (
    customer?.email !== undefined &&
    (typeof customer.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customer.email))
  ) {
    errors.push('customer_details.email format is invalid')
  }
  const callbacks = body.callbacks as Record<string, unknown> | undefined
  if (callbacks?.finish !== undefined && (typeof callbacks.finish !== 'string' || !URL.canParse(callbacks.finish)))
    errors.push('callbacks.finish format is invalid')
  return errors
}

function expiryMs(expiry: Record<string, unknown> | undefined): number {
  if (!expiry) return 24 * 3_600_000
  const unit = String(expiry.unit).replace(/s$/, '')
  const per = unit === 'day' ? 86_400_000 : unit === 'hour' ? 3_600_000 : 60_000
  return Number(expiry.duration) * per
}

export async function startFakeMidtrans(options: FakeMidtransOptions): Promise<FakeMidtrans> {
  const transactions = new Map<string, FakeMidtransTransaction>()
  const byToken = new Map<string, FakeMidtransTransaction>()
  const notifications: NotificationDelivery[] = []
  const failures = new FailureQueue()
  let notificationUrl = options.notificationUrl

  function find(orderId: string): FakeMidtransTransaction {
    const tx = transactions.get(orderId)
    if (!tx) throw new Error(`fake Midtrans has no transaction ${orderId}`)
    return tx
  }

  function isExpiredByTime(tx: FakeMidtransTransaction): boolean {
    return tx.status === 'pending' && tx.expiresAt.getTime() <= Date.now()
  }

  async function sendNotification(
    orderId: string,
    status: MidtransTransactionStatus,
    opts: MidtransNotificationOptions = {},
  ): Promise<NotificationDelivery[]> {
    const tx = find(orderId)
    if (!notificationUrl) throw new Error('fake Midtrans has no notificationUrl')
    const statusCode = statusCodeOf[status]
    const grossAmount = opts.amountOverride ?? `${tx.grossAmount}.00`
    let signature = createHash('sha512')
      .update(tx.orderId + statusCode + grossAmount + options.serverKey)
      .digest('hex')
    if (opts.tamperSignature) signature = (signature[0] === '0' ? '1' : '0') + signature.slice(1)
    const body: Record<string, unknown> = {
      va_numbers: [{ va_number: '12345678901', bank: 'bca' }],
      transaction_time: wibTimestamp(tx.createdAt),
      transaction_status: status,
      transaction_id: tx.transactionId,
      status_message: 'midtrans payment notification',
      status_code: statusCode,
      signature_key: signature,
      payment_type: status === 'capture' ? 'credit_card' : (tx.paymentType ?? 'bank_transfer'),
      order_id: tx.orderId,
      merchant_id: 'G000000001',
      gross_amount: grossAmount,
      fraud_status: status === 'capture' ? (opts.fraudStatus ?? 'accept') : 'accept',
      expiry_time: wibTimestamp(tx.expiresAt),
      currency: 'IDR',
    }
    if (status === 'settlement') body.settlement_time = wibTimestamp(tx.settledAt ?? new Date())
    return deliver(notificationUrl, {}, body, 1 + (opts.duplicate ?? 0), notifications)
  }

  /** Moves a transaction on, refusing moves Midtrans itself would not make. */
  function transition(
    orderId: string,
    to: MidtransTransactionStatus,
    from: MidtransTransactionStatus[],
  ): FakeMidtransTransaction {
    const tx = find(orderId)
    if (to !== 'expire' && isExpiredByTime(tx)) tx.status = 'expire'
    if (!from.includes(tx.status)) throw new Error(`fake Midtrans: ${orderId} is ${tx.status}, cannot become ${to}`)
    tx.status = to
    if (to === 'settlement') {
      tx.settledAt = new Date()
      tx.paymentType ??= 'bank_transfer'
    }
    return tx
  }

  async function notifyIfConfigured(
    orderId: string,
    status: MidtransTransactionStatus,
    opts?: MidtransNotificationOptions,
  ): Promise<NotificationDelivery[]> {
    return notificationUrl ? sendNotification(orderId, status, opts) : []
  }

  async function createTransaction(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const credentials = basicCredentials(req)
    if (!credentials || credentials.user !== options.serverKey || credentials.password !== '')
      return sendJson(res, 401, UNAUTHORIZED)
    const body = parseJsonObject(await readBody(req))
    if (!body) return sendJson(res, 400, { error_messages: ['Request body is not a valid JSON object'] })
    const errors = validateSnapRequest(body)
    if (errors.length) return sendJson(res, 400, { error_messages: errors })
    const details = body.transaction_details as { order_id: string; gross_amount: number }
    if (transactions.has(details.order_id))
      return sendJson(res, 400, { error_messages: ['transaction_details.order_id has already been taken'] })

    const now = new Date()
    const items = body.item_details as Array<{ name: string }> | undefined
    const tx: FakeMidtransTransaction = {
      orderId: details.order_id,
      token: randomUUID(),
      transactionId: randomUUID(),
      grossAmount: details.gross_amount,
      status: 'pending',
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiryMs(body.expiry as Record<string, unknown> | undefined)),
      description: items?.[0]?.name,
      finishUrl: (body.callbacks as { finish?: string } | undefined)?.finish,
      request: body,
    }
    transactions.set(tx.orderId, tx)
    byToken.set(tx.token, tx)
    sendJson(res, 201, { token: tx.token, redirect_url: `${server.url}/snap/v4/redirection/${tx.token}` })
  }

  /**
   * `POST /snap/v1/transactions/{token}/cancel`: ends a Snap session before the customer has
   * started paying (the page then refuses payment). No notification: no transaction existed.
   */
  function cancelSnapSession(req: http.IncomingMessage, res: http.ServerResponse, token: string): void {
    const credentials = basicCredentials(req)
    if (!credentials || credentials.user !== options.serverKey) return sendJson(res, 401, UNAUTHORIZED)
    const tx = byToken.get(token)
    if (!tx) return sendJson(res, 404, { error_messages: ['token not found'] })
    if (tx.canceledAt) return sendJson(res, 400, { error_messages: ['token already canceled'] })
    if (isExpiredByTime(tx)) tx.status = 'expire'
    if (tx.paymentType || tx.status !== 'pending')
      return sendJson(res, 400, { error_messages: ['Transaction is on progress'] })
    tx.status = 'cancel'
    tx.canceledAt = new Date()
    sendJson(res, 200, { canceled_at: tx.canceledAt.toISOString() })
  }

  /**
   * Core API `POST /v2/{order_id}/cancel`. Answers HTTP 200 with the outcome in `status_code`, as
   * the Core API does: 404 for an order it does not know (a Snap session nobody started paying),
   * 412 when the transaction can no longer change (settled, expired, cancelled).
   */
  async function cancelTransaction(req: http.IncomingMessage, res: http.ServerResponse, orderId: string) {
    const credentials = basicCredentials(req)
    if (!credentials || credentials.user !== options.serverKey || credentials.password !== '')
      return sendJson(res, 401, { status_code: '401', status_message: 'Unknown Merchant server_key/id' })
    const tx = transactions.get(orderId) ?? [...transactions.values()].find((t) => t.transactionId === orderId)
    if (!tx || !tx.paymentType)
      return sendJson(res, 200, { status_code: '404', status_message: "Transaction doesn't exist." })
    if (isExpiredByTime(tx)) tx.status = 'expire'
    if (tx.status !== 'pending' && tx.status !== 'capture')
      return sendJson(res, 200, {
        status_code: '412',
        status_message: 'Merchant cannot modify the status of the transaction',
      })
    tx.status = 'cancel'
    // Notified before answering, so a test sees both once the call returns.
    await notifyIfConfigured(tx.orderId, 'cancel')
    sendJson(res, 200, {
      status_code: '200',
      status_message: 'Success, transaction is canceled',
      transaction_id: tx.transactionId,
      order_id: tx.orderId,
      payment_type: tx.paymentType,
      transaction_time: wibTimestamp(tx.createdAt),
      transaction_status: 'cancel',
      fraud_status: 'accept',
      gross_amount: `${tx.grossAmount}.00`,
      currency: 'IDR',
    })
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname

    if (path === '/snap/v1/transactions') {
      if (req.method !== 'POST') return sendJson(res, 405, { error_messages: ['Method not allowed'] })
      const failure = failures.take()
      if (failure === 'timeout') return // never answered; close() drops the connection
      if (failure)
        return sendJson(res, failure, {
          error_messages: ['Sorry. Our system is recovering from unexpected issues. Please retry.'],
        })
      return createTransaction(req, res)
    }

    const snapCancel = /^\/snap\/v1\/transactions\/([^/]+)\/cancel$/.exec(path)
    const coreCancel = /^\/v2\/([^/]+)\/cancel$/.exec(path)
    if ((snapCancel || coreCancel) && req.method === 'POST') {
      const failure = failures.take()
      if (failure === 'timeout') return
      if (failure)
        return sendJson(res, failure, {
          status_code: String(failure),
          status_message: 'Sorry. Our system is recovering from unexpected issues. Please retry.',
        })
      await readBody(req)
      if (snapCancel) return cancelSnapSession(req, res, decodeURIComponent(snapCancel[1]))
      return cancelTransaction(req, res, decodeURIComponent(coreCancel![1]))
    }

    const page = /^\/snap\/v4\/redirection\/([0-9a-f-]+)(\/pay)?$/.exec(path)
    if (page) {
      const tx = byToken.get(page[1])
      if (!tx)
        return sendHtml(
          res,
          404,
          payPage({ gateway: 'Midtrans', orderId: '-', amount: 0, notice: 'Transaksi tidak ditemukan.' }),
        )
      if (isExpiredByTime(tx)) tx.status = 'expire'
      if (page[2] && req.method === 'POST') {
        await readBody(req)
        if (tx.status !== 'pending') return redirect(res, `${server.url}/snap/v4/redirection/${tx.token}`)
        transition(tx.orderId, 'settlement', ['pending'])
        // Deliver before sending the customer back, so the merchant already knows when they land.
        await notifyIfConfigured(tx.orderId, 'settlement')
        if (tx.finishUrl) {
          const back = new URL(tx.finishUrl)
          back.searchParams.set('order_id', tx.orderId)
          back.searchParams.set('status_code', '200')
          back.searchParams.set('transaction_status', 'settlement')
          return redirect(res, back.toString())
        }
        return sendHtml(
          res,
          200,
          payPage({
            gateway: 'Midtrans',
            orderId: tx.orderId,
            amount: tx.grossAmount,
            description: tx.description,
            notice: 'Pembayaran berhasil. Terima kasih!',
          }),
        )
      }
      const notice =
        tx.status === 'pending'
          ? undefined
          : tx.status === 'settlement' || tx.status === 'capture'
            ? 'Transaksi ini sudah dibayar.'
            : 'Transaksi ini sudah tidak berlaku.'
      return sendHtml(
        res,
        200,
        payPage({
          gateway: 'Midtrans',
          orderId: tx.orderId,
          amount: tx.grossAmount,
          description: tx.description,
          payAction: tx.status === 'pending' ? `/snap/v4/redirection/${tx.token}/pay` : undefined,
          notice,
        }),
      )
    }

    sendJson(res, 404, { error_messages: ['The requested resource is not found'] })
  }

  const server = await listen(handle, options.port)

  return {
    url: server.url,
    transactions,
    notifications,
    get notificationUrl() {
      return notificationUrl
    },
    set notificationUrl(value) {
      notificationUrl = value
    },
    startPayment: async (orderId, paymentType = 'bank_transfer') => {
      const tx = find(orderId)
      if (isExpiredByTime(tx)) tx.status = 'expire'
      if (tx.status !== 'pending') throw new Error(`fake Midtrans: ${orderId} is ${tx.status}, cannot start paying`)
      tx.paymentType = paymentType
      return notifyIfConfigured(orderId, 'pending')
    },
    settle: async (orderId, opts) => (
      transition(orderId, 'settlement', ['pending']),
      notifyIfConfigured(orderId, 'settlement', opts)
    ),
    expire: async (orderId, opts) => (
      transition(orderId, 'expire', ['pending']),
      notifyIfConfigured(orderId, 'expire', opts)
    ),
    cancel: async (orderId, opts) => (
      transition(orderId, 'cancel', ['pending', 'capture']),
      notifyIfConfigured(orderId, 'cancel', opts)
    ),
    refund: async (orderId, opts) => (
      transition(orderId, 'refund', ['settlement', 'capture']),
      notifyIfConfigured(orderId, 'refund', opts)
    ),
    sendNotification,
    failNext: (mode) => failures.push(mode),
    close: server.close,
  }
}
