import config from '@payload-config'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { executeAuthStrategies, getPayload, type Payload } from 'payload'

import type { Customer } from '../payload-types'

export type PortalSession = { payload: Payload; user: Customer & { collection: 'customers' } }

/**
 * Who sent this request: Payload's own auth strategies (the session cookie or an `Authorization:
 * JWT` header, verified and the account reloaded), once per request however many components ask.
 * Only the strategies run, not `payload.auth()`: that also computes the account's permissions on
 * every collection, which no portal page uses (each read is checked by its collection's rule).
 */
const requestUser = cache(async (): Promise<{ payload: Payload; user: PortalSession['user'] | null }> => {
  const payload = await getPayload({ config })
  const { user } = await executeAuthStrategies({ headers: await headers(), payload, canSetHeaders: false })
  return { payload, user: user && user.collection === 'customers' ? (user as PortalSession['user']) : null }
})

/**
 * The signed-in customer of a portal page, from the session cookie; anyone else (nobody, or staff)
 * is sent to the sign-in page. Every read a page makes passes this `user` with
 * `overrideAccess: false`, so the collections' own access rules decide what it sees.
 */
export async function portalSession(): Promise<PortalSession> {
  const { payload, user } = await requestUser()
  if (!user) redirect('/portal/masuk')
  return { payload, user }
}

/** The signed-in customer, or null (for the sign-in pages). */
export async function optionalPortalUser(): Promise<PortalSession['user'] | null> {
  return (await requestUser()).user
}

/** Whether a collection exists in this build (the monitoring collections may be absent). */
export const hasCollection = (payload: Payload, slug: string): boolean => slug in payload.collections
