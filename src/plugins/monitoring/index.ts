import type { CollectionConfig, Config, Plugin, TabsField } from 'payload'

import { CustomerOutages } from './collections/CustomerOutages'
import { NetworkEvents } from './collections/NetworkEvents'
import { NetworkIncidents } from './collections/NetworkIncidents'
import { NetworkNodes } from './collections/NetworkNodes'
import { RouterPolls } from './collections/RouterPolls'
import { UsageDaily } from './collections/UsageDaily'
import { monitoringEventsEndpoint } from './endpoints/events'
import { customerNetworkTab } from './fields/customerNetworkTab'
import { routerMonitoringFields } from './fields/routerMonitoringFields'
import { MonitoringSettings } from './globals/MonitoringSettings'
import { correlateOutagesTask } from './tasks/correlateOutages.task'
import { noticeIncidentCustomersTask } from './tasks/noticeIncidentCustomers.task'
import { pollPrtgTask } from './tasks/pollPrtg.task'
import { reconcileZabbixTask } from './tasks/reconcileZabbix.task'
import { pollRoutersTask } from './tasks/pollRouters.task'
import type { MonitoringPluginOptions } from './types'
import { MONITORING_SCHEDULES } from './schedules'
import { withWiring } from '../wiring'

/** Adds the "Jaringan" tab (connection state) to the customers collection. */
function extendCustomers(customers: CollectionConfig): CollectionConfig {
  return {
    ...customers,
    fields: customers.fields.map((field) =>
      field.type === 'tabs'
        ? ({ ...field, tabs: [...(field as TabsField).tabs, customerNetworkTab] } as TabsField)
        : field,
    ),
  }
}

/**
 * Network monitoring: events pushed by routers (PPP on-up/on-down, Netwatch), Zabbix, Alertmanager
 * and LibreNMS/PRTG, and polled from RouterOS; the topology (router → OLT → PON port → ODP); the
 * correlator that turns a drop of many customers under one node into one incident, and a lone
 * customer offline too long into one ticket; usage per customer and day.
 *
 * Portal and analytics read `network-incidents`, `customer-outages`, `usage-daily` and
 * `customers.networkStatus`; only this plugin writes them. Schedules: `MONITORING_SCHEDULES`.
 * Customer notices: `MONITORING_TRIGGERS` (registered with the notifications plugin).
 */
export const monitoringPlugin =
  (options: MonitoringPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    return withWiring(
      {
        ...config,
        collections: [
          ...(config.collections ?? []).map((collection) => {
            if (collection.slug === 'customers') return extendCustomers(collection)
            if (collection.slug === 'routers')
              return { ...collection, fields: [...collection.fields, ...routerMonitoringFields] }
            return collection
          }),
          NetworkIncidents,
          CustomerOutages,
          UsageDaily,
          NetworkNodes,
          NetworkEvents,
          RouterPolls,
        ],
        globals: [...(config.globals ?? []), MonitoringSettings],
        admin: {
          ...config.admin,
          components: {
            ...config.admin?.components,
            afterNavLinks: [
              ...(config.admin?.components?.afterNavLinks ?? []),
              '/src/plugins/monitoring/components/MonitoringNavLinks#MonitoringNavLinks',
            ],
            // The view checks the user's role itself: Payload serves custom views to anyone.
            views: {
              ...config.admin?.components?.views,
              networkDashboard: {
                Component: '/src/plugins/monitoring/components/views/NetworkDashboardView#NetworkDashboardView',
                path: '/pemantauan-jaringan',
                exact: true,
                meta: { title: 'Pemantauan jaringan' },
              },
            },
          },
        },
        endpoints: [...(config.endpoints ?? []), monitoringEventsEndpoint(enabled)],
        jobs: {
          ...config.jobs,
          tasks: [
            ...(config.jobs?.tasks ?? []),
            correlateOutagesTask(enabled),
            noticeIncidentCustomersTask(enabled),
            pollRoutersTask(enabled),
            pollPrtgTask(enabled),
            reconcileZabbixTask(enabled),
          ],
        },
      },
      { schedules: [...MONITORING_SCHEDULES] },
    )
  }

export type { MonitoringPluginOptions } from './types'
export { MONITORING_SCHEDULES } from './schedules'
export { MONITORING_TRIGGERS } from './notifications'
export { customerInIncidentCondition } from './operations/billingPause'
