import type { CollectionConfig, Config, Field, Plugin, TabsField } from 'payload'

import { PackageChangeRequests } from './collections/PackageChangeRequests'
import { PortalLoginCodes } from './collections/PortalLoginCodes'
import { PortalNotices } from './collections/PortalNotices'
import { SpeedTests } from './collections/SpeedTests'
import { codeLoginEndpoint, passwordResetEndpoint, requestCodeEndpoint } from './endpoints/loginCodes'
import { changePasswordEndpoint } from './endpoints/password'
import { speedTestDownloadEndpoint, speedTestPingEndpoint, speedTestUploadEndpoint } from './endpoints/speedTest'

export type PortalPluginOptions = { enabled?: boolean }

export { PORTAL_TRIGGERS } from './notifications'

/** The customer's speed tests, next to their package's promised speeds, on a tab of the customer page. */
const speedTestsTab = {
  label: { en: 'Speed tests', id: 'Tes kecepatan' },
  fields: [
    {
      name: 'speedTests',
      type: 'join',
      collection: 'speed-tests',
      on: 'customer',
      label: { en: 'Speed tests from the portal', id: 'Tes kecepatan dari portal' },
      defaultLimit: 10,
      defaultSort: '-createdAt',
      admin: {
        defaultColumns: [
          'createdAt',
          'downloadMbps',
          'promisedDownloadMbps',
          'uploadMbps',
          'promisedUploadMbps',
          'latencyMs',
        ],
      },
    },
  ] as Field[],
}

function withSpeedTestsTab(customers: CollectionConfig): CollectionConfig {
  const fields: Field[] = customers.fields.map((field) =>
    field.type === 'tabs' ? ({ ...field, tabs: [...(field as TabsField).tabs, speedTestsTab] } as TabsField) : field,
  )
  return { ...customers, fields }
}

/**
 * The customer portal's server side: one-time codes over WhatsApp for signing in and resetting a
 * password, the password change (with the current password), the speed test (its transfers and the
 * `speed-tests` results), package change requests (with their staff queue), and the notices staff
 * publish on the portal dashboard. The portal pages themselves (src/app/(portal)) read everything
 * else through the collections' own access rules, as the signed-in customer.
 */
export const portalPlugin =
  (options: PortalPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((c) => (c.slug === 'customers' ? withSpeedTestsTab(c) : c)),
        PortalLoginCodes,
        PackageChangeRequests,
        PortalNotices,
        SpeedTests,
      ],
      endpoints: [
        ...(config.endpoints ?? []),
        ...(enabled
          ? [
              requestCodeEndpoint,
              codeLoginEndpoint,
              passwordResetEndpoint,
              changePasswordEndpoint,
              speedTestPingEndpoint,
              speedTestDownloadEndpoint,
              speedTestUploadEndpoint,
            ]
          : []),
      ],
    }
  }
