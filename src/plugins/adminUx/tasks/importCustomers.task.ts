import type { TaskConfig } from 'payload'

import { runCustomerImport } from '../operations/customerImport/run'

/** Imports the rows of one customer import, resuming after the last row counted. */
export const importCustomersTask: TaskConfig<'importCustomers'> = {
  slug: 'importCustomers',
  label: 'Impor pelanggan',
  retries: 3,
  inputSchema: [{ name: 'importId', type: 'number', required: true }],
  outputSchema: [
    { name: 'status', type: 'text' },
    { name: 'created', type: 'number' },
  ],
  handler: async ({ req, input }) => {
    const result = await runCustomerImport({ req, importId: input.importId })
    return { output: result }
  },
}
