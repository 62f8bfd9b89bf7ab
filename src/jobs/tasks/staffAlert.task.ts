import type { TaskConfig } from 'payload'

import { sendStaffAlert } from '../../operations/alertStaff'

/** Emails an alert to the admins, once per alert key. */
export const staffAlertTask: TaskConfig<'staffAlert'> = {
  slug: 'staffAlert',
  label: 'Staff alert',
  retries: 5,
  inputSchema: [
    { name: 'key', type: 'text', required: true },
    { name: 'subject', type: 'text', required: true },
    { name: 'message', type: 'textarea', required: true },
  ],
  handler: async ({ input, req }) => {
    await sendStaffAlert({ req, alert: input })
    return { output: {} }
  },
}
