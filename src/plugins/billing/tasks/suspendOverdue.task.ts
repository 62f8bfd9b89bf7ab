import type { TaskConfig } from 'payload'

import { wibDay } from '../operations/calendar'
import { suspendOverdue } from '../operations/isolir/suspendOverdue'

/** Suspends (isolir) customers past the grace period (daily at 01:00 WIB) and queues the router work. */
export const suspendOverdueTask: TaskConfig<'suspendOverdue'> = {
  slug: 'suspendOverdue',
  label: 'Suspend overdue customers',
  retries: 5,
  inputSchema: [{ name: 'day', type: 'text' }],
  outputSchema: [
    { name: 'suspended', type: 'number' },
    { name: 'skippedReason', type: 'text' },
  ],
  handler: async ({ input, req }) => {
    const result = await suspendOverdue({ payload: req.payload, day: input.day ?? wibDay() })
    return { output: { suspended: result.suspended, skippedReason: result.skippedReason ?? undefined } }
  },
}
