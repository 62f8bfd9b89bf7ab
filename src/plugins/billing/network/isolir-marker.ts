/**
 * What the enforcer writes into a PPPoE secret's `comment` so that a suspend can be undone and an
 * interrupted one finished. RouterOS has nowhere else to keep it, and keeping it on the router means
 * a restore works even if the database lost track. The operator's own comment is kept in front.
 *
 *   `Budi, Jl. Mawar 3 [isolir prev=10mbps]`                    suspended, was on 10mbps
 *   `Budi, Jl. Mawar 3 [isolir prev=10mbps drop-pending]`       profile changed, session not yet dropped
 *   `Budi, Jl. Mawar 3 [isolir restored drop-pending]`          profile given back, session not yet dropped
 *
 * The session drop matters: a profile change only applies to the next login, so a suspend whose
 * drop failed would leave the customer online. The `drop-pending` flag lets the retry finish it.
 */

export type IsolirMarker = { kind: 'suspended'; previousProfile: string; dropPending: boolean } | { kind: 'restoring' }

const MARKER = /(?:^|\s+)\[isolir(?: ([^\]]*))?\]\s*$/

/** Splits a secret's comment into the operator's text and the enforcer's marker, if any. */
export function parseSecretComment(comment: string | undefined): { base: string; marker?: IsolirMarker } {
  const text = comment ?? ''
  const match = MARKER.exec(text)
  if (!match) return { base: text }
  const base = text.slice(0, match.index)
  const tokens = (match[1] ?? '').split(' ').filter(Boolean)
  const dropPending = tokens.includes('drop-pending')
  if (tokens.includes('restored')) return { base, marker: { kind: 'restoring' } }
  const prev = tokens.find((t) => t.startsWith('prev='))
  if (prev === undefined) return { base }
  let previousProfile: string
  try {
    previousProfile = decodeURIComponent(prev.slice('prev='.length))
  } catch {
    // Hand-edited into something undecodable: treat it as no record of the previous profile.
    return { base }
  }
  if (!previousProfile) return { base }
  return { base, marker: { kind: 'suspended', previousProfile, dropPending } }
}

/** The comment to write: the operator's text followed by the marker (profile names may hold spaces). */
export function formatSecretComment(base: string, marker?: IsolirMarker): string {
  if (!marker) return base
  const tag =
    marker.kind === 'restoring'
      ? '[isolir restored drop-pending]'
      : `[isolir prev=${encodeURIComponent(marker.previousProfile)}${marker.dropPending ? ' drop-pending' : ''}]`
  return base ? `${base} ${tag}` : tag
}

/**
 * The form RouterOS stores an address-list address in, so a lookup by `address=` finds it:
 * a single host loses `/32`, a subnet is cut to its network address (`10.0.0.7/24` → `10.0.0.0/24`).
 * Anything that is not plain IPv4 (a range, a DNS name) is returned trimmed, unchanged.
 */
export function normalizeListAddress(address: string): string {
  const text = address.trim()
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(text)
  if (!match) return text
  const octets = match[1]!.split('.').map(Number)
  if (octets.some((o) => o > 255)) return text
  if (match[2] === undefined) return match[1]!
  const prefix = Number(match[2])
  if (prefix > 32) return text
  if (prefix === 32) return match[1]!
  const value = octets.reduce((acc, o) => acc * 256 + o, 0)
  const size = 2 ** (32 - prefix)
  const network = Math.floor(value / size) * size
  const parts = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256)
  return `${parts.join('.')}/${prefix}`
}
