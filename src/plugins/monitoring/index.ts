import type { CollectionConfig, Config, Plugin, TabsField } from 'payload'

import { CustomerOutages } from './collections/CustomerOutages'
import { NetworkIncidents } from './collections/NetworkIncidents'
import { UsageDaily } from './collections/UsageDaily'
import { customerNetworkTab } from './fields/customerNetworkTab'
import type { MonitoringPluginOptions } from './types'

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
 * Network monitoring: customer connection state, outages per customer, usage per day, and network
 * incidents grouped by topology. Portal and analytics read `network-incidents`, `customer-outages`,
 * `usage-daily` and `customers.networkStatus`; only this plugin writes them.
 */
export const monitoringPlugin =
  (options: MonitoringPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    void options
    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((collection) =>
          collection.slug === 'customers' ? extendCustomers(collection) : collection,
        ),
        NetworkIncidents,
        CustomerOutages,
        UsageDaily,
      ],
    }
  }

export type { MonitoringPluginOptions } from './types'
