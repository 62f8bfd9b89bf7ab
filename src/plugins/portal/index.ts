import type { Config, Plugin } from 'payload'

import { PortalLoginCodes } from './collections/PortalLoginCodes'
import { codeLoginEndpoint, passwordResetEndpoint, requestCodeEndpoint } from './endpoints/loginCodes'

export type PortalPluginOptions = { enabled?: boolean }

export { PORTAL_TRIGGERS } from './notifications'

/**
 * The customer portal's server side: one-time codes over WhatsApp for signing in and resetting a
 * password. The portal pages themselves (src/app/(portal)) read everything else through the
 * collections' own access rules, as the signed-in customer.
 */
export const portalPlugin =
  (options: PortalPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    return {
      ...config,
      collections: [...(config.collections ?? []), PortalLoginCodes],
      endpoints: [
        ...(config.endpoints ?? []),
        ...(enabled ? [requestCodeEndpoint, codeLoginEndpoint, passwordResetEndpoint] : []),
      ],
    }
  }
