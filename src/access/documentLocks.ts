import type { SanitizedConfig } from 'payload'

import { anyStaff } from './anyStaff'

/**
 * Payload adds its document-lock collection (`payload-locked-documents`) itself, after plugins run,
 * with "any logged-in user" access, and offers no override for it. That includes portal customers:
 * they could list which records staff are editing, delete staff locks, and forge a lock "held by" a
 * staff member, which makes staff updates over REST fail with 423 Locked. Only staff use the admin
 * panel, so only staff get to touch locks (the panel creates its own locks with direct DB writes).
 */
export function staffOnlyDocumentLocks(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents')
  if (locks) locks.access = { ...locks.access, read: anyStaff, create: anyStaff, update: anyStaff, delete: anyStaff }
  return config
}
