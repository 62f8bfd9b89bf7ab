import type { CollectionConfig, Config, Plugin } from 'payload'

import { withoutRowMarkers } from '../../hooks/withoutRowMarkers'
import { AuthThrottles } from './collections/AuthThrottles'
import { forgotPasswordEndpoint, noFirstRegisterEndpoint } from './endpoints/forgotPassword'
import { withQueuedPasswordResetMutations } from './graphql/forgotPasswordMutations'
import { forgiveInterruptedSignIn, guardSignIn, settleSignIn } from './hooks/guardSignIn'
import {
  cachedJwtStrategy,
  forgetAccountOnChange,
  forgetAccountOnDelete,
  forgetAccountOnLogout,
} from './strategies/cachedJwt'
import { sendPasswordResetTask } from './tasks/sendPasswordReset.task'
import type { AuthPluginOptions } from './types'

/**
 * Session cookies carry `Secure` when the product is served over https (PUBLIC_URL), so a browser
 * never sends them over plain http.
 */
export function withSecureCookies(
  auth: CollectionConfig['auth'],
  publicUrl = process.env.PUBLIC_URL,
): CollectionConfig['auth'] {
  if (!auth || !publicUrl?.toLowerCase().startsWith('https://')) return auth
  const base = auth === true ? {} : auth
  return { ...base, cookies: { ...base.cookies, secure: true } }
}

/**
 * The remembered sign-in check (strategies/cachedJwt.ts), ahead of Payload's own. Strategies apply
 * to every collection, so it is added to one only (it would otherwise run once per collection).
 */
function withCachedSignIn(auth: CollectionConfig['auth'], add: boolean): CollectionConfig['auth'] {
  if (!auth || !add) return auth
  const base = auth === true ? {} : auth
  return { ...base, strategies: [cachedJwtStrategy, ...(base.strategies ?? [])] }
}

/**
 * Sign-in protection for every auth collection (staff users, customers): attempts counted per
 * client address and per account in PostgreSQL, growing waits instead of locks, the same answer and
 * the same work for accounts that do not exist, `Secure` cookies over https, sign-in answers read with the account's own access,
 * password-reset emails sent by a worker, and no self-registration of the first account except the
 * admin's. `operations/throttle.ts` is the reusable counter for any other secret check (one-time
 * codes).
 */
export const authPlugin =
  (options: AuthPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    const authCollections = (config.collections ?? []).filter((c) => c.auth).map((c) => c.slug)
    const protect = (collection: CollectionConfig): CollectionConfig => ({
      ...collection,
      endpoints: [
        forgotPasswordEndpoint(collection.slug),
        ...(collection.slug === config.admin?.user ? [] : [noFirstRegisterEndpoint]),
        ...(collection.endpoints || []),
      ],
      hooks: {
        ...collection.hooks,
        afterChange: [...(collection.hooks?.afterChange ?? []), forgetAccountOnChange],
        afterDelete: [...(collection.hooks?.afterDelete ?? []), forgetAccountOnDelete],
        afterRead: [...(collection.hooks?.afterRead ?? []), withoutRowMarkers],
        afterLogout: [...(collection.hooks?.afterLogout ?? []), forgetAccountOnLogout],
        beforeOperation: [guardSignIn, ...(collection.hooks?.beforeOperation ?? [])],
        afterOperation: [...(collection.hooks?.afterOperation ?? []), settleSignIn],
        afterError: [...(collection.hooks?.afterError ?? []), forgiveInterruptedSignIn],
      },
    })
    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((c) =>
          c.auth
            ? {
                ...(enabled ? protect(c) : c),
                auth: withCachedSignIn(withSecureCookies(c.auth), enabled && c.slug === authCollections[0]),
              }
            : c,
        ),
        AuthThrottles,
      ],
      graphQL: enabled
        ? { ...config.graphQL, mutations: withQueuedPasswordResetMutations(authCollections, config.graphQL?.mutations) }
        : config.graphQL,
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), sendPasswordResetTask] },
    }
  }

export type { AuthPluginOptions } from './types'
export { CLIENT_ADDRESS_HEADER } from './operations/clientAddress'
export {
  countAttempt,
  forgiveAttempt,
  TooManyAttempts,
  type ThrottleKey,
  type ThrottleRule,
} from './operations/throttle'
