import type { Config, Endpoint, TaskConfig } from 'payload'

import type { Config as GeneratedTypes } from '../payload-types'

/** A queued task's slug (every task registered in the config). */
export type TaskSlug = Exclude<keyof GeneratedTypes['jobs']['tasks'], 'inline'>

/**
 * When scheduled work is queued. Expressions are node-cron's (five fields, or six with seconds
 * first), evaluated in Asia/Jakarta: "0 3 * * *" is 03:00 WIB every day.
 */
export type Schedule = {
  /** Unique name; with the time slot it keys the once-per-slot marker. */
  name: string
  cron: string
  task: TaskSlug
  input?: Record<string, unknown>
  queue?: string
}

/**
 * What a plugin plugs into the server and the workers, beyond Payload's own config: its cron
 * schedules (collected by `src/jobs/scheduler.ts`) and its webhook endpoints (added to the config and
 * capped by the webhook rate limit in `server.ts`). A webhook endpoint reads its raw body itself
 * (signatures are computed over the bytes), so nothing in front of Payload may parse it.
 */
export type PluginWiring = {
  schedules?: Schedule[]
  webhooks?: Endpoint[]
}

type Wiring = { schedules: Schedule[]; webhooks: Endpoint[] }

function wiringOf(config: Pick<Config, 'custom'>): Wiring {
  const wiring = (config.custom as { wiring?: Wiring } | undefined)?.wiring
  return { schedules: wiring?.schedules ?? [], webhooks: wiring?.webhooks ?? [] }
}

/**
 * Adds a plugin's wiring to the config: its webhooks join `config.endpoints`, and both are kept in
 * `config.custom.wiring` for the scheduler and the server to find. Use in a plugin factory as
 * `return withWiring({ ...config, … }, { schedules, webhooks })`.
 */
export function withWiring(config: Config, wiring: PluginWiring): Config {
  const existing = wiringOf(config)
  const webhooks = wiring.webhooks ?? []
  return {
    ...config,
    endpoints: [...(config.endpoints ?? []), ...webhooks],
    custom: {
      ...config.custom,
      wiring: {
        schedules: [...existing.schedules, ...(wiring.schedules ?? [])],
        webhooks: [...existing.webhooks, ...webhooks],
      } satisfies Wiring,
    },
  }
}

/** Every schedule the plugins declared. */
export function pluginSchedules(config: Pick<Config, 'custom'>): Schedule[] {
  return wiringOf(config).schedules
}

/**
 * One pattern matching every plugin webhook path under `/api` (lower case: Payload matches routes
 * without regard to case). `:param` segments match one path segment; a trailing slash is allowed.
 */
export function webhookRoute(config: Pick<Config, 'custom'>, apiRoute = '/api'): RegExp {
  const paths = [...new Set(wiringOf(config).webhooks.map((endpoint) => endpoint.path))]
  const pattern = paths
    .map((path) =>
      (apiRoute + path)
        .toLowerCase()
        .split('/')
        .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/'),
    )
    .join('|')
  return paths.length ? new RegExp(`^(?:${pattern})/?$`) : /$^/
}

/** What a switched-off plugin's task reports instead of success. */
export const DISABLED_OUTPUT = { skipped: 'disabled' } as const

/**
 * A plugin's task as its `enabled` switch wants it: unchanged when on; when off, still registered
 * (same schema, queued jobs do not fail) but doing nothing and saying so: `{ skipped: 'disabled' }`
 * (every task's output declares a text `skipped`).
 * Every plugin with an `enabled` option passes its tasks through this.
 */
export function switchable<T extends TaskConfig<TaskSlug>>(task: T, enabled: boolean): T {
  const outputSchema = task.outputSchema ?? []
  // Declared either way, so the generated types do not depend on the switch.
  const withSkipped: T = outputSchema.some((field) => 'name' in field && field.name === 'skipped')
    ? task
    : { ...task, outputSchema: [...outputSchema, { name: 'skipped', type: 'text' }] }
  return enabled ? withSkipped : ({ ...withSkipped, handler: async () => ({ output: DISABLED_OUTPUT }) } as T)
}
