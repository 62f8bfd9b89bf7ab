import type { Config } from 'payload'

import { pluginSchedules, type Schedule } from '../plugins/wiring'

export type { Schedule } from '../plugins/wiring'

/** The core's own schedules. Plugins declare theirs with `withWiring` (src/plugins/wiring.ts). */
export const CORE_SCHEDULES: Schedule[] = [{ name: 'prune-job-history', cron: '0 3 * * *', task: 'pruneJobHistory' }]

/** Every schedule: the core's and those the plugins in `config` declared. */
export function allSchedules(config: Pick<Config, 'custom'>): Schedule[] {
  return [...CORE_SCHEDULES, ...pluginSchedules(config)]
}
