import type { Config, PayloadRequest, TaskConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import { allSchedules } from '../../src/jobs/schedules'
import { backupsPlugin } from '../../src/plugins/backups'
import { billingPlugin } from '../../src/plugins/billing'
import { notificationsPlugin } from '../../src/plugins/notifications'
import { switchable, webhookRoute } from '../../src/plugins/wiring'

const base: Config = { collections: [], secret: 'x', db: {} as Config['db'] }
const compose = (enabled: boolean) =>
  [
    billingPlugin({ enabled }),
    backupsPlugin({ enabled, checkToolsAtStart: false }),
    notificationsPlugin({ enabled }),
  ].reduce(async (config, plugin) => plugin(await config), Promise.resolve(base))

describe('plugin wiring', () => {
  it('collects every plugin schedule next to the core ones', async () => {
    const names = allSchedules(await compose(true)).map((s) => s.name)
    expect(names).toEqual(
      expect.arrayContaining(['prune-job-history', 'generate-invoices', 'payment-reminders', 'backup-daily']),
    )
    expect(new Set(names).size).toBe(names.length)
  })

  it('matches the plugins’ webhook paths, in any case, and nothing else', async () => {
    const route = webhookRoute(await compose(true))
    for (const path of [
      '/api/billing/gateways/midtrans/notification',
      '/api/billing/gateways/xendit/notification/',
      '/api/whatsapp/webhook',
    ])
      expect(route.test(path)).toBe(true)
    for (const path of ['/api/graphql', '/api/billing/gateways/midtrans/notification/x', '/api/whatsapp'])
      expect(route.test(path)).toBe(false)
  })

  it('a switched-off plugin’s tasks say so instead of reporting success', async () => {
    const tasks = (await compose(false)).jobs!.tasks! as TaskConfig[]
    const ofPlugins = tasks.filter((t) => ['generateInvoices', 'backup', 'sendNotification'].includes(t.slug))
    expect(ofPlugins).toHaveLength(3)
    for (const task of ofPlugins) {
      const handler = task.handler as (args: unknown) => Promise<unknown>
      expect(await handler({ input: {}, req: {} as PayloadRequest, job: {} })).toEqual({
        output: { skipped: 'disabled' },
      })
      expect(task.outputSchema?.some((f) => 'name' in f && f.name === 'skipped')).toBe(true)
    }
  })

  it('a switched-on task keeps its handler and declares the same output', () => {
    const task = {
      slug: 'workerProbe',
      handler: async () => ({ output: {} }),
      outputSchema: [],
    } as unknown as TaskConfig<'workerProbe'>
    expect(switchable(task, true).handler).toBe(task.handler)
    expect(switchable(task, true).outputSchema).toEqual(switchable(task, false).outputSchema)
  })
})
