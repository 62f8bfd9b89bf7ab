import { createHash } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import {
  constantTimeEqual,
  createMidtransGateway,
  createXenditGateway,
  gatewayFromEnv,
  GatewayConfigError,
  GatewayPayloadError,
  GatewaySignatureError,
  mapMidtransStatus,
  mapXenditStatus,
  midtransSignature,
  parseGrossAmount,
} from '../../src/plugins/billing/gateways'

const SERVER_KEY = 'SB-Mid-server-unit-test'
const midtrans = createMidtransGateway({ serverKey: SERVER_KEY, baseUrl: 'http://127.0.0.1:9' })
const CALLBACK_TOKEN = 'cb-token-unit-test'
const xendit = createXenditGateway({
  secretKey: 'xnd_production_unit',
  callbackToken: CALLBACK_TOKEN,
  baseUrl: 'http://127.0.0.1:9',
})

/** A Midtrans notification signed the way Midtrans signs it, with `overrides` applied after signing. */
function midtransBody(fields: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}): Buffer {
  const body: Record<string, unknown> = {
    order_id: 'INV-20260101-0001-1',
    status_code: '200',
    gross_amount: '150000.00',
    transaction_status: 'settlement',
    transaction_time: '2026-01-01 09:00:00',
    settlement_time: '2026-01-01 09:05:00',
    fraud_status: 'accept',
    currency: 'IDR',
    ...fields,
  }
  body.signature_key = createHash('sha512')
    .update(`${body.order_id}${body.status_code}${body.gross_amount}${SERVER_KEY}`)
    .digest('hex')
  return Buffer.from(JSON.stringify({ ...body, ...overrides }))
}

function xenditRequest(body: Record<string, unknown>, headers: Record<string, string | string[] | undefined> = {}) {
  return {
    headers: { 'x-callback-token': CALLBACK_TOKEN, 'webhook-id': 'wh-1', ...headers },
    rawBody: Buffer.from(JSON.stringify(body)),
  }
}

describe('constant-time comparison', () => {
  it('tells equal from different strings, including different lengths, without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true)
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    expect(() => constantTimeEqual('short', 'a much longer secret value')).not.toThrow()
    expect(constantTimeEqual('short', 'a much longer secret value')).toBe(false)
    expect(constantTimeEqual('', 'x')).toBe(false)
  })
})

describe('Midtrans signature', () => {
  it('is SHA512 over order_id + status_code + gross_amount + server key, as raw strings', () => {
    // Known vector: computed independently of the adapter.
    const expected = createHash('sha512')
      .update('ORDER-1' + '200' + '150000.00' + 'KEY')
      .digest('hex')
    expect(midtransSignature('ORDER-1', '200', '150000.00', 'KEY')).toBe(expected)
    // "150000" and "150000.00" are different strings, so different signatures.
    expect(midtransSignature('ORDER-1', '200', '150000', 'KEY')).not.toBe(expected)
  })
})

describe('Midtrans gross_amount', () => {
  it.each([
    ['150000.00', 150000],
    ['150000', 150000],
    ['1.00', 1],
    ['0150000.00', 150000],
  ])('%s → %d', (input, expected) => {
    expect(parseGrossAmount(input)).toBe(expected)
  })
  it.each([
    '150000.50',
    '0.00',
    '-150000.00',
    '1.5e5',
    'abc',
    '',
    ' 150000',
    '150.000',
    '150000.0',
    '150000.000',
    'NaN',
    '99999999999999999999',
  ])('rejects %j', (input) => {
    expect(parseGrossAmount(input)).toBeNull()
  })
})

describe('status mapping', () => {
  it.each([
    ['pending', undefined, 'pending'],
    ['settlement', undefined, 'paid'],
    ['capture', 'accept', 'paid'],
    ['capture', 'challenge', 'pending'],
    ['capture', 'deny', 'failed'],
    ['expire', undefined, 'expired'],
    ['cancel', undefined, 'failed'],
    ['deny', undefined, 'failed'],
    ['failure', undefined, 'failed'],
    ['refund', undefined, 'refunded'],
    ['partial_refund', undefined, 'refunded'],
    ['something_new', undefined, undefined],
  ])('Midtrans %s/%s → %s', (status, fraud, expected) => {
    expect(mapMidtransStatus(status, fraud)).toBe(expected)
  })
  it.each([
    ['PAID', 'paid'],
    ['SETTLED', 'paid'],
    ['EXPIRED', 'expired'],
    ['PENDING', 'pending'],
    ['paid', undefined],
  ])('Xendit %s → %s', (status, expected) => {
    expect(mapXenditStatus(status)).toBe(expected)
  })
})

describe('Midtrans notifications', () => {
  it('accepts a correctly signed settlement and normalises it', () => {
    const event = midtrans.parseNotification({ headers: {}, rawBody: midtransBody() })
    expect(event).toMatchObject({
      provider: 'midtrans',
      eventKey: 'midtrans:INV-20260101-0001-1:settlement',
      orderId: 'INV-20260101-0001-1',
      status: 'paid',
      amount: 150000,
      currency: 'IDR',
      occurredAt: '2026-01-01T02:05:00.000Z', // 09:05 WIB
    })
  })

  it('gives a repeated status the same event key and a new status a new one', () => {
    const a = midtrans.parseNotification({ headers: {}, rawBody: midtransBody() })
    const b = midtrans.parseNotification({ headers: {}, rawBody: midtransBody() })
    const c = midtrans.parseNotification({ headers: {}, rawBody: midtransBody({ transaction_status: 'refund' }) })
    expect(b.eventKey).toBe(a.eventKey)
    expect(c.eventKey).not.toBe(a.eventKey)
    expect(c.status).toBe('refunded')
  })

  it('keeps a card capture under review apart from its later acceptance', () => {
    const challenge = midtrans.parseNotification({
      headers: {},
      rawBody: midtransBody({ transaction_status: 'capture', fraud_status: 'challenge' }),
    })
    const accept = midtrans.parseNotification({
      headers: {},
      rawBody: midtransBody({ transaction_status: 'capture', fraud_status: 'accept' }),
    })
    expect(challenge.status).toBe('pending')
    expect(accept.status).toBe('paid')
    expect(accept.eventKey).not.toBe(challenge.eventKey)
  })

  it.each([
    ['a wrong signature', midtransBody({}, { signature_key: 'f'.repeat(128) })],
    ['a short signature', midtransBody({}, { signature_key: 'abc' })],
    ['a missing signature', midtransBody({}, { signature_key: undefined })],
    ['an amount changed after signing', midtransBody({}, { gross_amount: '1500000.00' })],
    ['a status code changed after signing', midtransBody({}, { status_code: '201' })],
    [
      'a signature made with another key',
      Buffer.from(
        JSON.stringify({
          ...JSON.parse(midtransBody().toString()),
          signature_key: midtransSignature('INV-20260101-0001-1', '200', '150000.00', 'other-key'),
        }),
      ),
    ],
  ])('refuses %s with GatewaySignatureError', (_label, rawBody) => {
    expect(() => midtrans.parseNotification({ headers: {}, rawBody })).toThrow(GatewaySignatureError)
  })

  it.each([
    ['not JSON', Buffer.from('order_id=1&status_code=200')],
    ['a JSON array', Buffer.from('[]')],
    ['an empty body', Buffer.alloc(0)],
    ['no order_id', midtransBody({}, { order_id: undefined })],
    ['a numeric gross_amount', midtransBody({}, { gross_amount: 150000 })],
    ['cents in gross_amount', midtransBody({ gross_amount: '150000.50' })],
    ['a NaN gross_amount', midtransBody({ gross_amount: 'NaN' })],
    ['an unknown transaction_status', midtransBody({ transaction_status: 'teleported' })],
  ])('refuses %s with GatewayPayloadError', (_label, rawBody) => {
    expect(() => midtrans.parseNotification({ headers: {}, rawBody })).toThrow(GatewayPayloadError)
  })
})

describe('Xendit callbacks', () => {
  const paid = {
    id: '65a0c0ffee0000000000beef',
    external_id: 'INV-20260101-0001-1',
    status: 'PAID',
    amount: 150000,
    paid_amount: 150000,
    currency: 'IDR',
    paid_at: '2026-01-01T02:05:00.000Z',
  }

  it('accepts a callback with the right token and keys it by webhook-id', () => {
    const event = xendit.parseNotification(xenditRequest(paid))
    expect(event).toMatchObject({
      provider: 'xendit',
      eventKey: 'xendit:wh-1',
      orderId: 'INV-20260101-0001-1',
      status: 'paid',
      amount: 150000,
      currency: 'IDR',
      occurredAt: '2026-01-01T02:05:00.000Z',
    })
  })

  it('falls back to external_id and status without a webhook-id, and reads header names case-insensitively', () => {
    const event = xendit.parseNotification({
      headers: { 'X-Callback-Token': CALLBACK_TOKEN },
      rawBody: Buffer.from(JSON.stringify({ ...paid, status: 'SETTLED' })),
    })
    expect(event.eventKey).toBe('xendit:INV-20260101-0001-1:SETTLED')
    expect(event.status).toBe('paid')
  })

  it('takes paid_amount over amount, and amount when nothing was paid', () => {
    expect(xendit.parseNotification(xenditRequest({ ...paid, paid_amount: 100000 })).amount).toBe(100000)
    const expired = xendit.parseNotification(
      xenditRequest({ external_id: 'X-1', status: 'EXPIRED', amount: 75000, currency: 'IDR' }),
    )
    expect(expired).toMatchObject({ status: 'expired', amount: 75000 })
  })

  it.each([
    ['a wrong token', { 'x-callback-token': 'nope' }],
    ['a longer token', { 'x-callback-token': `${CALLBACK_TOKEN}-and-more` }],
    ['no token', { 'x-callback-token': undefined }],
    ['the token twice', { 'x-callback-token': [CALLBACK_TOKEN, CALLBACK_TOKEN] }],
  ])('refuses %s with GatewaySignatureError', (_label, headers) => {
    expect(() => xendit.parseNotification(xenditRequest(paid, headers))).toThrow(GatewaySignatureError)
  })

  it('checks the token before reading the body', () => {
    expect(() =>
      xendit.parseNotification({ headers: { 'x-callback-token': 'nope' }, rawBody: Buffer.from('{not json') }),
    ).toThrow(GatewaySignatureError)
  })

  it.each([
    ['not JSON', Buffer.from('{not json')],
    ['no external_id', Buffer.from(JSON.stringify({ ...paid, external_id: undefined }))],
    ['an unknown status', Buffer.from(JSON.stringify({ ...paid, status: 'VOIDED' }))],
    ['a fractional amount', Buffer.from(JSON.stringify({ ...paid, paid_amount: 1500.5 }))],
    ['an amount as string', Buffer.from(JSON.stringify({ ...paid, paid_amount: '150000' }))],
  ])('refuses %s with GatewayPayloadError', (_label, rawBody) => {
    expect(() => xendit.parseNotification({ headers: { 'x-callback-token': CALLBACK_TOKEN }, rawBody })).toThrow(
      GatewayPayloadError,
    )
  })
})

describe('configuration from the environment', () => {
  it('names the missing variables', () => {
    expect(() => gatewayFromEnv('xendit', { XENDIT_SECRET_KEY: 'xnd_production_x' })).toThrow(GatewayConfigError)
    expect(() => gatewayFromEnv('xendit', { XENDIT_SECRET_KEY: 'xnd_production_x' })).toThrow(/XENDIT_CALLBACK_TOKEN/)
    expect(() => gatewayFromEnv('midtrans', {})).toThrow(/MIDTRANS_SERVER_KEY/)
  })
  it('builds an adapter that verifies with the configured key', () => {
    const gateway = gatewayFromEnv('midtrans', { MIDTRANS_SERVER_KEY: SERVER_KEY })
    expect(gateway.parseNotification({ headers: {}, rawBody: midtransBody() }).status).toBe('paid')
    const other = gatewayFromEnv('midtrans', { MIDTRANS_SERVER_KEY: 'another-key' })
    expect(() => other.parseNotification({ headers: {}, rawBody: midtransBody() })).toThrow(GatewaySignatureError)
  })
})
