import type { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { unique } from './payload'

/** Runs a drizzle `sql` statement on the test Payload's pool. */
export const executeOn = (payload: Payload) => (query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle.execute(query)

/** A topology node with a unique name, in the area `Uji Area`. */
export function createNetworkNode(
  payload: Payload,
  kind: 'router' | 'olt' | 'pon' | 'odp',
  parent?: number,
  extra: Record<string, unknown> = {},
) {
  return payload.create({
    collection: 'network-nodes',
    data: { name: unique(`${kind.toUpperCase()}-`), kind, parent, area: 'Uji Area', ...extra } as never,
    overrideAccess: true,
  })
}
