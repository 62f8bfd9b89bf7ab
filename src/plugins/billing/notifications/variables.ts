import { formatRupiah } from '../../../lib/money'
import { formatDateWib } from '../../../lib/wib'
import type { VariableProvider } from '../../notifications/types'
import { periodLabel } from '../operations/calendar'
import { invoiceLink } from '../operations/invoices/invoiceLinks'
import { OPEN_INVOICE_STATUSES } from '../model'

/**
 * Prefills a template sent by hand with the customer's oldest open invoice (the one a reminder is
 * about): nomor_tagihan, periode, jumlah and sisa_tagihan (what is still owed), jatuh_tempo,
 * tautan_tagihan, and their credit as saldo.
 */
export const billingVariableProvider: VariableProvider = {
  name: 'billing',
  variables: async ({ req, customer }) => {
    const vars: Record<string, string> = { saldo: formatRupiah(customer.creditBalance ?? 0) }
    const found = await req.payload.find({
      collection: 'invoices',
      where: {
        customer: { equals: customer.id },
        status: { in: [...OPEN_INVOICE_STATUSES] },
        balanceDue: { greater_than: 0 },
      },
      sort: 'dueDate',
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const invoice = found.docs[0]
    if (!invoice) return vars
    return {
      ...vars,
      nomor_tagihan: invoice.number ?? String(invoice.id),
      periode: invoice.period ? periodLabel(invoice.period) : 'Tagihan sekali bayar',
      jumlah: formatRupiah(invoice.balanceDue ?? 0),
      sisa_tagihan: formatRupiah(invoice.balanceDue ?? 0),
      jatuh_tempo: formatDateWib(invoice.dueDate),
      tautan_tagihan: invoiceLink(invoice.id),
    }
  },
}
