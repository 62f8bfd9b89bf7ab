import type { TaskConfig } from 'payload'

import { switchable } from '../../wiring'
import { pollPrtg } from '../operations/pollPrtg'

/** Asks PRTG which sensors are down (every minute, when a PRTG server is set in the settings). */
export const pollPrtgTask = (enabled: boolean): TaskConfig<'pollPrtg'> =>
  switchable(
    {
      slug: 'pollPrtg',
      label: 'Poll PRTG (down sensors)',
      retries: 1,
      inputSchema: [],
      outputSchema: [
        { name: 'down', type: 'number' },
        { name: 'stored', type: 'number' },
      ],
      handler: async ({ req }) => {
        const result = await pollPrtg({ payload: req.payload })
        if (result.error) throw new Error(result.error)
        return { output: { down: result.down, stored: result.stored } }
      },
    },
    enabled,
  )
