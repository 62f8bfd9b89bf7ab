import { Agent, fetch } from 'undici'

import {
  type EnforcementResult,
  type EnforcementState,
  type EnforcementTarget,
  type NetworkEnforcer,
  RouterAuthError,
  RouterRequestError,
  RouterTargetNotFoundError,
  RouterUnavailableError,
  requireTargetKey,
} from './enforcer'
import { formatSecretComment, type IsolirMarker, normalizeListAddress, parseSecretComment } from './isolir-marker'

export type MikrotikEnforcerOptions = {
  /** The router, e.g. `https://10.0.0.1` (RouterOS v7 `www-ssl`, or `www` from 7.9). `/rest` is added unless present. */
  baseUrl: string
  /** A RouterOS user whose group has the `rest-api`, `read` and `write` policies. */
  username: string
  password: string
  /** PPP profile that sends the customer to the payment page. */
  isolirProfile?: string
  /** Profile given back on restore when the secret carries no record of its previous one. Default `default`. */
  activeProfile?: string
  /** Firewall address list that the router's isolir rules match on. */
  addressList?: string
  /** Per request, covering connect, headers and body. */
  timeoutMs?: number
  /** Set to false for a router with a self-signed certificate. */
  rejectUnauthorized?: boolean
}

export type MikrotikEnforcer = NetworkEnforcer & {
  /** Closes the kept-alive connections to the router. */
  close(): Promise<void>
}

/** The RouterOS menu path as a REST URL: `restUrl('https://r', '/ppp/secret', { name: 'a' })`. */
export function restUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const root = baseUrl.replace(/\/+$/, '')
  const url = new URL(`${root.endsWith('/rest') ? root : `${root}/rest`}${path}`)
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value)
  return url.toString()
}

/** RouterOS refuses to add an address-list entry that exists; for a suspend that means it is done. */
export function isAlreadyHaveSuchEntry(error: unknown): boolean {
  return (
    error instanceof RouterRequestError &&
    error.status === 400 &&
    /already have such entry/i.test(`${error.routerMessage ?? ''} ${error.routerDetail ?? ''}`)
  )
}

type RouterRecord = Record<string, string>

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function createMikrotikEnforcer(options: MikrotikEnforcerOptions): MikrotikEnforcer {
  const {
    baseUrl,
    username,
    password,
    isolirProfile = 'isolir',
    activeProfile = 'default',
    addressList = 'isolir',
    timeoutMs = 10_000,
    rejectUnauthorized,
  } = options
  const authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
  const dispatcher = new Agent({
    connect: { timeout: timeoutMs, ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }) },
  })

  async function call(
    method: 'GET' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    init: { query?: Record<string, string>; body?: RouterRecord } = {},
  ): Promise<unknown> {
    const context = `${method} /rest${path}`
    const signal = AbortSignal.timeout(timeoutMs)
    let status: number
    let text: string
    try {
      const response = await fetch(restUrl(baseUrl, path, init.query), {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
        dispatcher,
        signal,
      })
      status = response.status
      text = await response.text()
    } catch (error) {
      if (signal.aborted)
        throw new RouterUnavailableError(`RouterOS did not answer within ${timeoutMs} ms (${context})`, {
          cause: error,
        })
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      const reason = cause?.code ?? cause?.message ?? (error as Error).message
      throw new RouterUnavailableError(`RouterOS unreachable: ${reason} (${context})`, { cause: error })
    }

    let data: unknown
    let parsed = true
    try {
      data = text ? JSON.parse(text) : undefined
    } catch {
      parsed = false
    }

    if (status >= 200 && status < 300) {
      // An HTML page with 200 means the URL points at WebFig or a proxy, not the REST API.
      if (!parsed)
        throw new RouterRequestError(status, 'unexpected response', 'body is not JSON; is baseUrl the router?', context)
      return data
    }
    const body = (parsed && data && typeof data === 'object' ? data : {}) as { message?: unknown; detail?: unknown }
    const message =
      typeof body.message === 'string' ? body.message : parsed ? undefined : text.slice(0, 200).trim() || undefined
    const detail = typeof body.detail === 'string' ? body.detail : undefined
    if (status >= 500) {
      throw new RouterUnavailableError(
        `RouterOS ${status}${message ? ` ${message}` : ''}${detail ? `: ${detail}` : ''} (${context})`,
        { status },
      )
    }
    if (status === 401)
      throw new RouterAuthError(
        status,
        message ?? 'Unauthorized',
        detail ?? 'check the router username and password',
        context,
      )
    throw new RouterRequestError(status, message, detail, context)
  }

  async function list(path: string, query: Record<string, string>): Promise<RouterRecord[]> {
    const data = await call('GET', path, { query })
    if (!Array.isArray(data))
      throw new RouterRequestError(200, 'unexpected response', 'expected a list', `GET /rest${path}`)
    // Filter here too: a router that ignored the query would otherwise hand back every entry to act on.
    return (data as RouterRecord[]).filter((row) => Object.entries(query).every(([key, value]) => row[key] === value))
  }

  async function findSecret(name: string): Promise<RouterRecord> {
    const [secret] = await list('/ppp/secret', { name })
    if (!secret) throw new RouterTargetNotFoundError(name)
    return secret
  }

  async function patchSecret(secret: RouterRecord, fields: RouterRecord): Promise<void> {
    try {
      await call('PATCH', `/ppp/secret/${secret['.id']}`, { body: fields })
    } catch (error) {
      // Removed between our read and this write.
      if (error instanceof RouterRequestError && error.status === 404)
        throw new RouterTargetNotFoundError(secret.name ?? '')
      throw error
    }
  }

  async function remove(path: string): Promise<boolean> {
    try {
      await call('DELETE', path)
      return true
    } catch (error) {
      // Gone already: the session ended on its own, or another run removed the entry.
      if (error instanceof RouterRequestError && error.status === 404) return false
      throw error
    }
  }

  /** Ends the customer's PPPoE sessions so the client redials and gets the secret's current profile. */
  async function dropSessions(name: string): Promise<number> {
    let dropped = 0
    for (const session of await list('/ppp/active', { name })) {
      if (await remove(`/ppp/active/${session['.id']}`)) dropped++
    }
    return dropped
  }

  async function finishDrop(secret: RouterRecord, name: string, base: string, marker?: IsolirMarker): Promise<number> {
    const dropped = await dropSessions(name)
    await patchSecret(secret, { comment: formatSecretComment(base, marker) })
    return dropped
  }

  async function suspendPppoe(target: EnforcementTarget): Promise<EnforcementResult> {
    const name = requireTargetKey(target)
    const secret = await findSecret(name)
    const { base, marker } = parseSecretComment(secret.comment)
    if (secret.profile === isolirProfile) {
      if (marker?.kind === 'suspended' && marker.dropPending) {
        const dropped = await finishDrop(secret, name, base, { ...marker, dropPending: false })
        return {
          changed: true,
          detail: `profile already ${isolirProfile}; ${plural(dropped, 'session')} dropped (finishing an interrupted suspend)`,
        }
      }
      return { changed: false, detail: `profile already ${isolirProfile}` }
    }
    const previousProfile = secret.profile || activeProfile
    // The marker goes in with the profile change, so a failure from here on is finished by a retry.
    await patchSecret(secret, {
      profile: isolirProfile,
      comment: formatSecretComment(base, { kind: 'suspended', previousProfile, dropPending: true }),
    })
    const dropped = await finishDrop(secret, name, base, { kind: 'suspended', previousProfile, dropPending: false })
    return {
      changed: true,
      detail: `profile ${previousProfile} -> ${isolirProfile}, ${plural(dropped, 'session')} dropped`,
    }
  }

  async function restorePppoe(target: EnforcementTarget): Promise<EnforcementResult> {
    const name = requireTargetKey(target)
    const secret = await findSecret(name)
    const { base, marker } = parseSecretComment(secret.comment)
    if (secret.profile === isolirProfile) {
      const profile =
        target.restoreProfile || (marker?.kind === 'suspended' ? marker.previousProfile : undefined) || activeProfile
      await patchSecret(secret, { profile, comment: formatSecretComment(base, { kind: 'restoring' }) })
      const dropped = await finishDrop(secret, name, base)
      return { changed: true, detail: `profile ${isolirProfile} -> ${profile}, ${plural(dropped, 'session')} dropped` }
    }
    if (marker?.kind === 'restoring') {
      const dropped = await finishDrop(secret, name, base)
      return {
        changed: true,
        detail: `profile already ${secret.profile}; ${plural(dropped, 'session')} dropped (finishing an interrupted restore)`,
      }
    }
    if (marker) {
      // Someone put the profile back by hand; the note about the previous profile is stale.
      await patchSecret(secret, { comment: base })
      return { changed: false, detail: `not isolated (profile ${secret.profile}); stale isolir note removed` }
    }
    return { changed: false, detail: `not isolated (profile ${secret.profile})` }
  }

  async function inspectPppoe(target: EnforcementTarget): Promise<EnforcementState> {
    const name = requireTargetKey(target)
    const secret = await findSecret(name)
    const sessions = await list('/ppp/active', { name })
    const { marker } = parseSecretComment(secret.comment)
    const notes = [`profile ${secret.profile}`, `${plural(sessions.length, 'active session')}`]
    if (secret.disabled === 'true') notes.push('secret disabled')
    if (marker?.kind === 'suspended') notes.push(`previous profile ${marker.previousProfile}`)
    if (marker?.kind === 'restoring' || (marker?.kind === 'suspended' && marker.dropPending))
      notes.push('session drop pending')
    return { suspended: secret.profile === isolirProfile, detail: notes.join(', ') }
  }

  async function listEntries(target: EnforcementTarget): Promise<{ address: string; entries: RouterRecord[] }> {
    const address = normalizeListAddress(requireTargetKey(target))
    return { address, entries: await list('/ip/firewall/address-list', { list: addressList, address }) }
  }

  async function suspendAddressList(target: EnforcementTarget): Promise<EnforcementResult> {
    const address = normalizeListAddress(requireTargetKey(target))
    try {
      await call('PUT', '/ip/firewall/address-list', {
        body: { list: addressList, address, comment: target.customerNumber },
      })
      return { changed: true, detail: `${address} added to address list ${addressList}` }
    } catch (error) {
      if (!isAlreadyHaveSuchEntry(error)) throw error
    }
    // Present already; a disabled entry blocks nothing, so switch it back on.
    const { entries } = await listEntries(target)
    const disabled = entries.filter((entry) => entry.disabled === 'true')
    if (entries.length > 0 && disabled.length === entries.length) {
      await call('PATCH', `/ip/firewall/address-list/${disabled[0]!['.id']}`, { body: { disabled: 'false' } })
      return { changed: true, detail: `${address} was in address list ${addressList} but disabled; enabled` }
    }
    return { changed: false, detail: `${address} already in address list ${addressList}` }
  }

  async function restoreAddressList(target: EnforcementTarget): Promise<EnforcementResult> {
    const { address, entries } = await listEntries(target)
    let removed = 0
    for (const entry of entries) {
      if (await remove(`/ip/firewall/address-list/${entry['.id']}`)) removed++
    }
    return removed > 0
      ? { changed: true, detail: `${address} removed from address list ${addressList} (${plural(removed, 'entry')})` }
      : { changed: false, detail: `${address} not in address list ${addressList}` }
  }

  async function inspectAddressList(target: EnforcementTarget): Promise<EnforcementState> {
    const { address, entries } = await listEntries(target)
    const enabled = entries.filter((entry) => entry.disabled !== 'true')
    if (enabled.length > 0) {
      const comments = enabled.map((entry) => entry.comment).filter(Boolean)
      return {
        suspended: true,
        detail: `${address} in address list ${addressList}${comments.length ? ` (comment ${comments.join(', ')})` : ''}`,
      }
    }
    if (entries.length > 0)
      return { suspended: false, detail: `${address} in address list ${addressList} but disabled` }
    return { suspended: false, detail: `${address} not in address list ${addressList}` }
  }

  return {
    suspend: (target) => (target.method === 'pppoe' ? suspendPppoe(target) : suspendAddressList(target)),
    restore: (target) => (target.method === 'pppoe' ? restorePppoe(target) : restoreAddressList(target)),
    inspect: (target) => (target.method === 'pppoe' ? inspectPppoe(target) : inspectAddressList(target)),
    close: () => dispatcher.close(),
  }
}
