import type { TaskConfig } from 'payload'

import { pollRouters } from '../operations/pollRouters'

/** Polls every monitored router's PPP sessions and counters (every minute). */
export const pollRoutersTask = (enabled: boolean): TaskConfig<'pollRouters'> => ({
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
    if (!enabled) return { output: { routers: 0, unreachable: 0, events: 0 } }
    const results = await pollRouters({ payload: req.payload })
    return {
      output: {
        routers: results.length,
        unreachable: results.filter((r) => !r.reachable).length,
        events: results.reduce((n, r) => n + r.events, 0),
      },
    }
  },
})
