import type { TaskConfig } from 'payload'

import { switchable } from '../../wiring'
import { correlateOutages } from '../operations/correlate'
import { foldActiveCustomerCounts } from '../operations/topology'

/** One pass of the outage correlator (every 30 s): events → outages → incidents and tickets. */
export const correlateOutagesTask = (enabled: boolean): TaskConfig<'correlateOutages'> =>
  switchable(
    {
      slug: 'correlateOutages',
      label: 'Correlate network outages',
      retries: 3,
      inputSchema: [],
      outputSchema: [
        // 'locked': another worker is running a pass.
        { name: 'skipped', type: 'text' },
        { name: 'events', type: 'number' },
        { name: 'incidentsOpened', type: 'number' },
        { name: 'incidentsResolved', type: 'number' },
        { name: 'ticketsOpened', type: 'number' },
        { name: 'ticketsClosed', type: 'number' },
      ],
      handler: async ({ req }) => {
        const r = await correlateOutages({ payload: req.payload })
        // The customers' count changes the pass read, folded after it so it never waits on them.
        await foldActiveCustomerCounts(req.payload)
        return {
          output: {
            skipped: r.skipped ? 'locked' : undefined,
            events: r.events,
            incidentsOpened: r.incidentsOpened,
            incidentsResolved: r.incidentsResolved,
            ticketsOpened: r.ticketsOpened,
            ticketsClosed: r.ticketsClosed,
          },
        }
      },
    },
    enabled,
  )
