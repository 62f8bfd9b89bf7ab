import type { CollectionBeforeChangeHook } from 'payload'

import { priceInvoice } from '../operations/invoices/priceInvoice'

/** Invoices written through the API or the admin get their lines priced and totals computed. */
export const computeInvoiceTotalsHook: CollectionBeforeChangeHook = ({ data, originalDoc, operation, req, context }) =>
  context.billingSystemWrite ? data : priceInvoice({ req, data, originalDoc, operation })
