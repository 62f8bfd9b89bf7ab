import type { Endpoint } from 'payload'

import { answer, EndpointError, readJsonObject } from '../../../lib/endpointKit'
import { optionalDate, optionalId, optionalText } from '../../../lib/input'
import { PAYMENT_METHODS } from '../model'
import { recordPayment, type RecordPaymentInput } from '../operations/payments/recordPayment'

/** Checks the shape of a record-payment body; Payload's own validation checks the rest. */
export function parseRecordPaymentBody(body: Record<string, unknown>): RecordPaymentInput {
  const amount = body.amount
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0 || amount > 100_000_000_000)
    throw new EndpointError(400, 'Jumlah harus bilangan bulat Rupiah lebih dari 0')
  if (typeof body.method !== 'string' || !(PAYMENT_METHODS as readonly string[]).includes(body.method))
    throw new EndpointError(400, `Metode harus salah satu dari: ${PAYMENT_METHODS.join(', ')}`)
  const invoices =
    body.invoices === undefined
      ? undefined
      : Array.isArray(body.invoices) && body.invoices.length <= 24
        ? body.invoices.map((v) => optionalId(v, 'Tagihan')!)
        : (() => {
            throw new EndpointError(400, 'Tagihan harus daftar id')
          })()
  return {
    customer: optionalId(body.customer, 'Pelanggan'),
    invoices,
    amount,
    method: body.method as RecordPaymentInput['method'],
    reference: optionalText(body.reference, 'Referensi', 100),
    paymentDate: optionalDate(body.paymentDate, 'Tanggal bayar'),
    proof: optionalId(body.proof, 'Bukti transfer'),
    notes: optionalText(body.notes, 'Catatan', 1000),
  }
}

/**
 * `POST /api/payments/record`: "Record payment" from the customer page (staff) or the portal
 * (a customer's transfer proof). Send an `Idempotency-Key` header (or `idempotencyKey` field):
 * repeating the request returns the same payment with 200 instead of 201.
 */
export const recordPaymentEndpoint: Endpoint = {
  path: '/record',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
      const body = await readJsonObject(req)
      const key =
        req.headers.get('idempotency-key') ??
        (typeof body.idempotencyKey === 'string' ? body.idempotencyKey : undefined)
      if (key !== undefined && (key.length < 8 || key.length > 80))
        throw new EndpointError(400, 'Idempotency-Key harus 8–80 karakter')
      const { payment, replayed } = await recordPayment({
        req,
        input: parseRecordPaymentBody(body),
        idempotencyKey: key,
      })
      return Response.json(
        { message: replayed ? 'Pembayaran ini sudah tercatat.' : 'Pembayaran dicatat.', doc: payment, replayed },
        { status: replayed ? 200 : 201 },
      )
    }),
}
