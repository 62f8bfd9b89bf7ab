import type { Router } from '../../../../payload-types'
import type { NetworkEnforcer } from '../../network/enforcer'
import { createMikrotikEnforcer, type MikrotikEnforcer } from '../../network/mikrotik'

export type RouterRow = Pick<
  Router,
  | 'id'
  | 'name'
  | 'baseUrl'
  | 'username'
  | 'password'
  | 'defaultMethod'
  | 'isolirProfile'
  | 'addressList'
  | 'rejectUnauthorized'
  | 'updatedAt'
>

// One client per router (and settings version), so its kept-alive connections are reused across jobs.
const clients = new Map<string, MikrotikEnforcer>()

/** The enforcer that talks to a router (MikroTik RouterOS v7 REST). */
export function enforcerFor(router: RouterRow): NetworkEnforcer {
  const key = `${router.id}:${router.updatedAt}`
  let client = clients.get(key)
  if (!client) {
    for (const [other, stale] of clients)
      if (other.startsWith(`${router.id}:`)) void stale.close().finally(() => clients.delete(other))
    client = createMikrotikEnforcer({
      baseUrl: router.baseUrl,
      username: router.username,
      password: router.password,
      isolirProfile: router.isolirProfile ?? 'isolir',
      addressList: router.addressList ?? 'isolir',
      rejectUnauthorized: router.rejectUnauthorized !== false,
    })
    clients.set(key, client)
  }
  return client
}
