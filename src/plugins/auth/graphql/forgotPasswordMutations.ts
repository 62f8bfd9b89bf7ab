import type { GraphQLFieldConfig } from 'graphql'
import type { Config, PayloadRequest } from 'payload'

import { requestPasswordReset } from '../operations/passwordReset'

type Mutations = NonNullable<NonNullable<Config['graphQL']>['mutations']>
type SchemaParts = {
  collections: Record<string, { graphQL?: { type?: { name: string } } }>
  Mutation: { fields: Record<string, GraphQLFieldConfig<unknown, { req: PayloadRequest }>> }
}

/**
 * Replaces Payload's `forgotPassword<Collection>` mutations with ones that take the request like
 * the REST endpoint does (`requestPasswordReset`): same arguments, same `true` answer, the email
 * sent by a worker. Custom mutations given before are kept.
 */
export const withQueuedPasswordResetMutations =
  (authCollections: string[], existing?: Mutations): Mutations =>
  (GraphQL, parts) => {
    const own: Record<string, GraphQLFieldConfig<unknown, { req: PayloadRequest }>> = {}
    const { collections, Mutation } = parts as unknown as SchemaParts
    for (const slug of authCollections) {
      const name = `forgotPassword${collections[slug]?.graphQL?.type?.name ?? ''}`
      const original = Mutation.fields[name]
      if (!original) continue
      own[name] = {
        ...original,
        resolve: async (_source, args, context) => {
          await requestPasswordReset({ req: context.req, collection: slug, data: args })
          return true
        },
      }
    }
    return { ...(existing?.(GraphQL, parts) ?? {}), ...own }
  }
