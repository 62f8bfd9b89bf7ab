import type { TaskConfig } from 'payload'

import { wibDay } from '../operations/calendar'
import { generateInvoices } from '../operations/invoices/generateInvoices'

/**
 * Issues the month's invoices to every customer whose billing day has come (daily at 00:10 WIB).
 * One transaction: a killed run leaves nothing, a repeated or concurrent run adds nothing.
 */
export const generateInvoicesTask: TaskConfig<'generateInvoices'> = {
  slug: 'generateInvoices',
  label: 'Generate invoices',
  retries: 5,
  inputSchema: [{ name: 'day', type: 'text' }],
  outputSchema: [
    { name: 'created', type: 'number' },
    { name: 'period', type: 'text' },
  ],
  handler: async ({ input, req }) => {
    const result = await generateInvoices({ payload: req.payload, day: input.day ?? wibDay() })
    return { output: { created: result.created, period: result.period } }
  },
}
