/**
 * The network side of isolir: cutting an overdue customer off to the payment page and letting
 * them back in once they pay. Jobs call a `NetworkEnforcer`; which router sits behind it (MikroTik
 * REST today) is the adapter's business.
 */

/** How a customer is held on the router: by PPPoE secret profile, or by IP in a firewall address list. */
export type EnforcementMethod = 'pppoe' | 'address-list'

export type EnforcementTarget = {
  /** Shown in router comments so an operator can tell whose entry it is. */
  customerNumber: string
  method: EnforcementMethod
  /** Required for `pppoe`: the PPP secret's `name`. */
  pppoeUsername?: string
  /** Required for `address-list`: the customer's IPv4 address (or range/subnet). */
  ipAddress?: string
  /**
   * `pppoe` restore only: the profile to give back, overriding the one remembered at suspend time
   * (e.g. the customer changed package while isolated). Without it: remembered, then the adapter's default.
   */
  restoreProfile?: string
}

export type EnforcementResult = {
  /** False when the router was already in the wanted state, so a retry or a repeat is harmless. */
  changed: boolean
  /** One line for logs and the job's output, e.g. `profile 10mbps -> isolir, 1 session dropped`. */
  detail: string
}

export type EnforcementState = {
  suspended: boolean
  detail: string
}

export interface NetworkEnforcer {
  suspend(target: EnforcementTarget): Promise<EnforcementResult>
  restore(target: EnforcementTarget): Promise<EnforcementResult>
  /** Reads the router's state without changing it (reconciliation against the database). */
  inspect(target: EnforcementTarget): Promise<EnforcementState>
}

/** Base class: every failure the enforcer raises on purpose. */
export class NetworkEnforcerError extends Error {
  /** True when trying again later may succeed (the job should retry). */
  readonly retryable: boolean = false
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The router could not be reached or did not answer properly: network error, timeout, 5xx. Retry. */
export class RouterUnavailableError extends NetworkEnforcerError {
  override readonly retryable = true
  readonly status?: number
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options)
    this.status = options?.status
  }
}

/** The router refused the request (4xx). Retrying the same request will fail the same way. */
export class RouterRequestError extends NetworkEnforcerError {
  readonly status: number
  /** RouterOS `message` (e.g. `Bad Request`) and `detail` (e.g. `unknown parameter foo`). */
  readonly routerMessage?: string
  readonly routerDetail?: string
  constructor(status: number, routerMessage: string | undefined, routerDetail: string | undefined, context: string) {
    const said = [routerMessage, routerDetail].filter(Boolean).join(': ')
    super(`RouterOS ${status}${said ? ` ${said}` : ''} (${context})`)
    this.status = status
    this.routerMessage = routerMessage
    this.routerDetail = routerDetail
  }
}

/** 401: the username or password configured for the router is wrong, or the user lacks the rest-api policy. */
export class RouterAuthError extends RouterRequestError {}

/** The router has no PPPoE secret with that name: the customer's record and the router disagree. */
export class RouterTargetNotFoundError extends NetworkEnforcerError {
  readonly pppoeUsername: string
  constructor(pppoeUsername: string) {
    super(`RouterOS has no PPPoE secret named "${pppoeUsername}"`)
    this.pppoeUsername = pppoeUsername
  }
}

/** The target lacks what its method needs (a PPPoE username or an IP address). */
export class InvalidEnforcementTargetError extends NetworkEnforcerError {}

/** The PPPoE username of a `pppoe` target, or the IP of an `address-list` target; throws if missing. */
export function requireTargetKey(target: EnforcementTarget): string {
  const value = target.method === 'pppoe' ? target.pppoeUsername : target.ipAddress
  if (!value?.trim()) {
    const field = target.method === 'pppoe' ? 'pppoeUsername' : 'ipAddress'
    throw new InvalidEnforcementTargetError(`Customer ${target.customerNumber}: method ${target.method} needs ${field}`)
  }
  return value.trim()
}
