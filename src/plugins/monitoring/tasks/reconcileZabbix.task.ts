import type { TaskConfig } from 'payload'

import { switchable } from '../../wiring'
import { reconcileZabbix } from '../operations/reconcileZabbix'

/** Asks the Zabbix API for what the webhook may have missed (every 5 minutes, when set up). */
export const reconcileZabbixTask = (enabled: boolean): TaskConfig<'reconcileZabbix'> =>
  switchable(
    {
      slug: 'reconcileZabbix',
      label: 'Reconcile Zabbix problems',
      retries: 1,
      inputSchema: [],
      outputSchema: [
        { name: 'problems', type: 'number' },
        { name: 'stored', type: 'number' },
      ],
      handler: async ({ req }) => {
        const result = await reconcileZabbix({ payload: req.payload })
        if (result.error) throw new Error(result.error)
        return { output: { problems: result.problems, stored: result.stored } }
      },
    },
    enabled,
  )
