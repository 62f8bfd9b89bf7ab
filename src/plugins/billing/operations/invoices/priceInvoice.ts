import { APIError, type PayloadRequest } from 'payload'

import type { Invoice } from '../../../../payload-types'

import { invoiceStatusFor } from '../../model'
import { computeTotals, type LineInput } from './invoiceMath'
import { billingSettings, ppnRateOf } from '../settings'

/**
 * Prices the lines and computes the totals of an invoice written through the API or the admin
 * (the monthly run computes the same in SQL). Lines of an invoice that has money on it are frozen:
 * void it and issue a new one instead.
 */
export async function priceInvoice({
  req,
  data,
  originalDoc,
  operation,
}: {
  req: PayloadRequest
  data: Partial<Invoice>
  originalDoc?: Partial<Invoice>
  operation: 'create' | 'update'
}): Promise<Partial<Invoice>> {
  if (operation === 'update' && originalDoc) {
    const touchesLines = data.lines !== undefined
    if (!touchesLines) return data
    if (originalDoc.status === 'void' || (originalDoc.amountPaid ?? 0) > 0 || (originalDoc.creditApplied ?? 0) > 0)
      throw new APIError(
        'Rincian tagihan yang sudah dibayar atau dibatalkan tidak bisa diubah; batalkan dan terbitkan tagihan baru.',
        409,
        null,
        true,
      )
  }
  const rate =
    operation === 'create' ? ppnRateOf(await billingSettings(req.payload, req)) : (originalDoc?.ppnRate ?? null)
  const { lines, totals } = computeTotals((data.lines ?? []) as LineInput[], rate)
  data.lines = lines.map((line, index) => ({ ...(data.lines as object[])[index], ...line }))
  Object.assign(data, totals)
  const paid = operation === 'create' ? 0 : (originalDoc?.amountPaid ?? 0) + (originalDoc?.creditApplied ?? 0)
  if (operation === 'create') {
    data.amountPaid = 0
    data.creditApplied = 0
  }
  data.balanceDue = Math.max(0, totals.total - paid)
  data.status = invoiceStatusFor(totals.total, data.balanceDue)
  return data
}
