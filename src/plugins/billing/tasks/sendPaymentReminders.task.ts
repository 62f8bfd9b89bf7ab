import type { TaskConfig } from 'payload'

import { wibDay } from '../operations/calendar'
import { sendPaymentReminders } from '../operations/billingNotices'

/** The H-3, H-1 and H+1 payment reminders (daily at 09:00 WIB); each reminder goes out once however often it runs. */
export const sendPaymentRemindersTask: TaskConfig<'sendPaymentReminders'> = {
  slug: 'sendPaymentReminders',
  label: 'Send payment reminders',
  retries: 5,
  inputSchema: [{ name: 'day', type: 'text' }],
  outputSchema: [{ name: 'queued', type: 'number' }],
  handler: async ({ input, req }) => {
    const result = await sendPaymentReminders({ payload: req.payload, day: input.day ?? wibDay() })
    return { output: { queued: Object.values(result.kinds).reduce((sum, k) => sum + k.queued, 0) } }
  },
}
