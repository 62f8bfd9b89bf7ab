import config from '@payload-config'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getPayload, type Payload } from 'payload'

import type { Customer } from '../payload-types'

export type PortalSession = { payload: Payload; user: Customer & { collection: 'customers' } }

/**
 * The signed-in customer of a portal page, from the session cookie; anyone else (nobody, or staff)
 * is sent to the sign-in page. Every read a page makes passes this `user` with
 * `overrideAccess: false`, so the collections' own access rules decide what it sees.
 */
export async function portalSession(): Promise<PortalSession> {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  if (!user || user.collection !== 'customers') redirect('/portal/masuk')
  return { payload, user: user as PortalSession['user'] }
}

/** The signed-in customer, or null (for the sign-in pages). */
export async function optionalPortalUser(): Promise<PortalSession['user'] | null> {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  return user && user.collection === 'customers' ? (user as PortalSession['user']) : null
}

/** Whether a collection exists in this build (the monitoring collections may be absent). */
export const hasCollection = (payload: Payload, slug: string): boolean => slug in payload.collections
