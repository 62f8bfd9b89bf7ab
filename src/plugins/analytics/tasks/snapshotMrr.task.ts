import type { TaskConfig } from 'payload'

import { snapshotMrr } from '../operations/snapshotMrr'

/** Today's MRR snapshot (daily at 23:50 WIB); once per customer per day, whatever the retries. */
export const snapshotMrrTask: TaskConfig<'snapshotMrr'> = {
  slug: 'snapshotMrr',
  label: 'Snapshot MRR',
  retries: 5,
  inputSchema: [],
  outputSchema: [
    { name: 'day', type: 'text' },
    { name: 'written', type: 'number' },
  ],
  handler: async ({ req }) => {
    const result = await snapshotMrr({ req })
    return { output: result }
  },
}
