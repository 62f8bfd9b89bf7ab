import type { TaskConfig } from 'payload'

import { cancelPayLinksAtGateway } from '../operations/payments/gatewayPayments'

/**
 * Cancels the pay links of a voided invoice at the gateway (queued by the void, in its transaction).
 * Cancelling twice is harmless (the gateway answers that there is nothing left to cancel); a
 * gateway that is down fails the job, which is retried with back-off.
 */
export const cancelPayLinksTask: TaskConfig<'cancelPayLinks'> = {
  slug: 'cancelPayLinks',
  label: 'Cancel the pay links of a voided invoice',
  retries: { attempts: 8, backoff: { type: 'exponential', delay: 10_000 } },
  inputSchema: [{ name: 'invoice', type: 'number', required: true }],
  outputSchema: [
    { name: 'cancelled', type: 'number' },
    { name: 'final', type: 'number' },
  ],
  handler: async ({ input, req }) => ({
    output: await cancelPayLinksAtGateway({ payload: req.payload, invoiceId: input.invoice }),
  }),
}
