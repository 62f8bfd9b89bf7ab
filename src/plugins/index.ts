import type { Plugin } from 'payload'

import { adminUxPlugin } from './adminUx'
import { analyticsPlugin } from './analytics'
import { authPlugin } from './auth'
import { backupsPlugin } from './backups'
import { BILLING_TRIGGERS, billingInboundHandlers, billingPlugin, billingVariableProvider } from './billing'
import { MONITORING_TRIGGERS, monitoringPlugin } from './monitoring'
import { notificationsPlugin } from './notifications'
import { PORTAL_TRIGGERS, portalPlugin } from './portal'

/**
 * Capability plugins, in the order they apply. Each lives in `src/plugins/<name>/` and is a factory
 * `(options) => (config) => config` that adds its collections, hooks, tasks, endpoints and admin
 * views, spreading what is already there. A plugin switched off (`enabled: false`) keeps its
 * collections so the schema, and the migrations, stay the same.
 */
export const plugins: Plugin[] = [
  authPlugin(),
  billingPlugin(),
  backupsPlugin(),
  monitoringPlugin(),
  portalPlugin(),
  analyticsPlugin(),
  notificationsPlugin({
    triggers: [...BILLING_TRIGGERS, ...MONITORING_TRIGGERS, ...PORTAL_TRIGGERS],
    inboundHandlers: billingInboundHandlers,
    variableProviders: [billingVariableProvider],
  }),
  // Last: it shapes the admin (menu per role, readable messages) over every collection above.
  adminUxPlugin(),
]
