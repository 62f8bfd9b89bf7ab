import type { TaskConfig } from 'payload'

import { sendNotification } from '../operations/sendNotification'

/**
 * Sends one queued message (by its row in `messages`). Rate limits and network errors throw, so the
 * job retries with exponential backoff (30 s, 1 min, 2 min, …); the row's stored provider id keeps a
 * retry from sending again what the provider accepted.
 */
export const sendNotificationTask: TaskConfig<'sendNotification'> = {
  slug: 'sendNotification',
  label: 'Send notification',
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 15_000 } },
  inputSchema: [{ name: 'messageId', type: 'number', required: true }],
  outputSchema: [{ name: 'outcome', type: 'text' }],
  handler: async ({ input, req }) => {
    const outcome = await sendNotification({ req, messageId: input.messageId })
    return { output: { outcome } }
  },
}
