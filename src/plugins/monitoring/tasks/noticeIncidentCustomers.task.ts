import type { TaskConfig } from 'payload'

import { switchable } from '../../wiring'
import { sendIncidentNotices } from '../operations/incidentNotices'

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number).filter(Number.isInteger) : [])

/** Tells the customers an incident affects that it started, or that it is over (once each). */
export const noticeIncidentCustomersTask = (enabled: boolean): TaskConfig<'noticeIncidentCustomers'> =>
  switchable(
    {
      slug: 'noticeIncidentCustomers',
      label: 'Notify customers of network incidents',
      retries: 3,
      inputSchema: [
        { name: 'notice', type: 'json', required: true },
        { name: 'resolved', type: 'json', required: true },
      ],
      handler: async ({ input, req }) => {
        await sendIncidentNotices({ req, notice: ids(input.notice), resolved: ids(input.resolved) })
        return { output: {} }
      },
    },
    enabled,
  )
