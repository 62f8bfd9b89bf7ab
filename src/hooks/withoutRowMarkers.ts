import type { CollectionAfterReadHook } from 'payload'

/** Drops `_uuid` keys from a group's value, at any depth of nested groups. */
function strip(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value as Record<string, unknown>))
    if (key !== '_uuid') out[key] = strip(inner)
  return out
}

/**
 * Payload's login saves the session through an update in which some groups are not writable; the
 * row it returns carries the Postgres adapter's internal `_uuid` marker inside those groups, which
 * the sign-in answer would otherwise show (a plain read does not). On every auth collection the
 * answer is the account as it reads itself, whichever plugin added the group.
 */
export const withoutRowMarkers: CollectionAfterReadHook = ({ doc }) =>
  doc && typeof doc === 'object' ? strip(doc) : doc
