/* Payload GraphQL API, behind the guard that bounds what one request and an anonymous caller cost. */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { getPayload } from 'payload'

import { guardGraphql } from '@/lib/graphqlGuard'

export const POST = guardGraphql(GRAPHQL_POST(config), async (headers) => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers }).catch(() => ({ user: null }))
  return Boolean(user)
})
export const OPTIONS = REST_OPTIONS(config)
