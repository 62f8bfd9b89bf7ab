import type { TaskConfig } from 'payload'

import { switchable } from '../../wiring'
import { pollRouters } from '../operations/pollRouters'

/** Polls every monitored router's PPP sessions and counters (every minute). */
export const pollRoutersTask = (enabled: boolean): TaskConfig<'pollRouters'> =>
  switchable(
    {
      slug: 'pollRouters',
      label: 'Poll routers (PPP sessions, usage)',
      retries: 2,
      inputSchema: [],
      outputSchema: [
        { name: 'routers', type: 'number' },
        { name: 'unreachable', type: 'number' },
        { name: 'events', type: 'number' },
      ],
      handler: async ({ req }) => {
        const results = await pollRouters({ payload: req.payload })
        return {
          output: {
            routers: results.length,
            unreachable: results.filter((r) => !r.reachable).length,
            events: results.reduce((n, r) => n + r.events, 0),
          },
        }
      },
    },
    enabled,
  )
