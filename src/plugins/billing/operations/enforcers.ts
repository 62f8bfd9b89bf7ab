import type { Router } from '../../../payload-types'

export type RouterRow = Pick<Router, 'id' | 'name' | 'baseUrl' | 'username' | 'password' | 'defaultMethod' | 'isolirProfile' | 'addressList' | 'rejectUnauthorized'>
export type EnforcementTarget = { customerNumber: string; method: 'pppoe' | 'address-list'; pppoeUsername?: string; ipAddress?: string }
export type NetworkEnforcer = {
  suspend(target: EnforcementTarget): Promise<{ changed: boolean; detail: string }>
  restore(target: EnforcementTarget): Promise<{ changed: boolean; detail: string }>
  inspect(target: EnforcementTarget): Promise<{ suspended: boolean; detail: string }>
}

export function enforcerFor(router: RouterRow): NetworkEnforcer {
  throw new Error(`no enforcer for ${router.name}`)
}
