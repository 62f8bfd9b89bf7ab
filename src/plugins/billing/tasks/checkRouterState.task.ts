import type { TaskConfig } from 'payload'

import { checkRouterState } from '../operations/isolir/routerCheck'

/** Compares each router's isolir state with the database and alerts staff about disagreements (daily). */
export const checkRouterStateTask: TaskConfig<'checkRouterState'> = {
  slug: 'checkRouterState',
  label: 'Check router state against the database',
  retries: 3,
  inputSchema: [],
  outputSchema: [
    { name: 'checked', type: 'number' },
    { name: 'mismatches', type: 'number' },
  ],
  handler: async ({ req }) => {
    const result = await checkRouterState({ payload: req.payload, alert: true })
    return { output: { checked: result.checked, mismatches: result.mismatches.length } }
  },
}
