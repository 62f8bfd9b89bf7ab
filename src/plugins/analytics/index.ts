import type { CollectionConfig, Config, Field, Plugin, TabsField } from 'payload'

import { MrrSnapshots } from './collections/MrrSnapshots'
import { AnalyticsSettings } from './globals/AnalyticsSettings'
import { analyticsEndpoints } from './endpoints/analytics'
import { terminationFields } from './fields/terminationFields'
import { requireTerminationReason } from './hooks/requireTerminationReason'
import { snapshotMrrTask } from './tasks/snapshotMrr.task'
import { switchable, withWiring } from '../wiring'
import type { AnalyticsPluginOptions } from './types'
import { DEFAULT_SLA_HOURS } from './vocabulary'

/** Adds the termination reason and date after the status on the customer's "Layanan" tab. */
function extendCustomers(customers: CollectionConfig): CollectionConfig {
  const fields: Field[] = customers.fields.map((field) => {
    if (field.type !== 'tabs') return field
    const tabs = (field as TabsField).tabs.map((tab) => {
      const index = tab.fields.findIndex((f) => 'name' in f && f.name === 'status')
      if (index < 0) return tab
      return {
        ...tab,
        fields: [...tab.fields.slice(0, index + 1), ...terminationFields, ...tab.fields.slice(index + 1)],
      }
    })
    return { ...field, tabs } as TabsField
  })
  return {
    ...customers,
    fields,
    hooks: {
      ...customers.hooks,
      beforeChange: [...(customers.hooks?.beforeChange ?? []), requireTerminationReason],
    },
  }
}

const view = (name: string, path: `/${string}`, title: string) => ({
  Component: `/src/plugins/analytics/components/${name}#${name}`,
  path,
  exact: true,
  meta: { title },
})

/**
 * Analytics: daily MRR snapshots (task `snapshotMrr`, scheduled at 23:50 WIB through the plugin wiring), the
 * termination reason on customers, and admin views, JSON endpoints and Excel exports of MRR
 * movement, growth, churn, cohorts, forecast, technician ranking, CSAT and customer health. Every
 * number is computed in PostgreSQL (the forecast's arithmetic over monthly totals in TypeScript).
 */
export const analyticsPlugin =
  (options: AnalyticsPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    const slaHours = { ...DEFAULT_SLA_HOURS, ...options.slaHours }
    const task = switchable(snapshotMrrTask, enabled)
    return withWiring(
      {
        ...config,
        collections: [
          ...(config.collections ?? []).map((collection) =>
            collection.slug === 'customers' ? extendCustomers(collection) : collection,
          ),
          MrrSnapshots,
        ],
        globals: [...(config.globals ?? []), AnalyticsSettings],
        admin: enabled
          ? {
              ...config.admin,
              components: {
                ...config.admin?.components,
                afterNavLinks: [
                  ...(config.admin?.components?.afterNavLinks ?? []),
                  '/src/plugins/analytics/components/AnalyticsNavLinks#AnalyticsNavLinks',
                ],
                // Each view checks the user's role itself: Payload serves custom views to anyone.
                views: {
                  ...config.admin?.components?.views,
                  analyticsOverview: view('AnalyticsView', '/analitik', 'Analitik'),
                  analyticsTechnicians: view('TechnicianAnalyticsView', '/analitik/teknisi', 'Analitik teknisi'),
                  analyticsHealth: view('HealthAnalyticsView', '/analitik/kesehatan', 'Kesehatan pelanggan'),
                  analyticsMap: view('CoverageMapView', '/analitik/peta', 'Peta cakupan'),
                },
              },
            }
          : config.admin,
        endpoints: [...(config.endpoints ?? []), ...(enabled ? analyticsEndpoints(slaHours) : [])],
        jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), task] },
      },
      // The day's MRR snapshot at 23:50 WIB, once per customer per day.
      { schedules: [{ name: 'snapshot-mrr', cron: '50 23 * * *', task: 'snapshotMrr' }] },
    )
  }

export type { AnalyticsPluginOptions } from './types'
