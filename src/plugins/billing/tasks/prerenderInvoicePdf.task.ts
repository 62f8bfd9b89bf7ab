import type { TaskConfig } from 'payload'

import { prerenderInvoicePdf } from '../operations/documents/prerender'

/**
 * Renders an invoice's PDF into the cache ahead of its first download. Queued, once per invoice
 * version, by whatever issues, changes, pays or voids the invoice, in the same transaction
 * (`queueInvoicePdfRenders`).
 */
export const prerenderInvoicePdfTask: TaskConfig<'prerenderInvoicePdf'> = {
  slug: 'prerenderInvoicePdf',
  label: 'Render an invoice PDF ahead of its download',
  retries: 3,
  inputSchema: [
    { name: 'invoice', type: 'number', required: true },
    { name: 'invoiceUpdatedAt', type: 'text', required: true },
  ],
  outputSchema: [
    { name: 'rendered', type: 'checkbox' },
    { name: 'removed', type: 'number' },
  ],
  handler: async ({ input, req }) => ({ output: await prerenderInvoicePdf({ req, invoiceId: input.invoice }) }),
}
