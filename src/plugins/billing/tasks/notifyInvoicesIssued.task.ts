import type { TaskConfig } from 'payload'

import { notifyInvoicesIssued } from '../operations/billingNotices'

/**
 * Tells customers about the invoices of one day's run (queued by the run itself, in its transaction).
 * In batches; a retry or a second job for the same day only adds the messages still missing.
 */
export const notifyInvoicesIssuedTask: TaskConfig<'notifyInvoicesIssued'> = {
  slug: 'notifyInvoicesIssued',
  label: 'Notify invoices issued',
  retries: 5,
  inputSchema: [{ name: 'day', type: 'text', required: true }],
  outputSchema: [
    { name: 'invoices', type: 'number' },
    { name: 'queued', type: 'number' },
  ],
  handler: async ({ input, req }) => {
    const result = await notifyInvoicesIssued({ payload: req.payload, day: input.day })
    return { output: { invoices: result.invoices, queued: result.queued } }
  },
}
