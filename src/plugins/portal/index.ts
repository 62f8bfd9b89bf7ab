import type { Config, Plugin } from 'payload'

import { PackageChangeRequests } from './collections/PackageChangeRequests'
import { PortalLoginCodes } from './collections/PortalLoginCodes'
import { PortalNotices } from './collections/PortalNotices'
import { codeLoginEndpoint, passwordResetEndpoint, requestCodeEndpoint } from './endpoints/loginCodes'

export type PortalPluginOptions = { enabled?: boolean }

export { PORTAL_TRIGGERS } from './notifications'

/**
 * The customer portal's server side: one-time codes over WhatsApp for signing in and resetting a
 * password, package change requests (with their staff queue), and the notices staff publish on the
 * portal dashboard. The portal pages themselves (src/app/(portal)) read everything else through the
 * collections' own access rules, as the signed-in customer.
 */
export const portalPlugin =
  (options: PortalPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    return {
      ...config,
      collections: [...(config.collections ?? []), PortalLoginCodes, PackageChangeRequests, PortalNotices],
      endpoints: [
        ...(config.endpoints ?? []),
        ...(enabled ? [requestCodeEndpoint, codeLoginEndpoint, passwordResetEndpoint] : []),
      ],
    }
  }
