/**
 * Relationships in globals: a system write (`overrideAccess: true`, no user) of a relationship
 * inside a global's array is saved (Payload does not pass overrideAccess to a global's field
 * validation; src/fields/readableRelationships.ts takes it from the operation); a person still
 * points only at rows they may read. Real PostgreSQL, Local API.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

describe('readable relationships in globals', () => {
  let payload: Payload
  let nodeId: number
  beforeAll(async () => {
    payload = await testPayload()
    const node = await payload.create({
      collection: 'network-nodes',
      data: { name: unique('ODP-GLOBAL'), kind: 'odp' },
      overrideAccess: true,
    })
    nodeId = node.id
  })
  afterAll(async () => {
    await payload.updateGlobal({ slug: 'monitoring-settings', data: { maintenanceWindows: [] }, overrideAccess: true })
  })

  const window = (node: number) => ({
    maintenanceWindows: [{ from: '2026-03-01T01:00:00.000Z', to: '2026-03-01T03:00:00.000Z', node }],
  })
  const windowNode = async () => {
    const settings = await payload.findGlobal({ slug: 'monitoring-settings', depth: 0, overrideAccess: true })
    return settings.maintenanceWindows?.[0]?.node
  }

  it('a system write of a relationship inside a global array is saved', async () => {
    await payload.updateGlobal({ slug: 'monitoring-settings', data: window(nodeId), overrideAccess: true })
    expect(await windowNode()).toBe(nodeId)
  })

  it('an admin saves a node they can read; a missing node is refused with the message', async () => {
    const admin = { ...(await createStaff(payload, 'admin')).user, collection: 'users' as const }
    await payload.updateGlobal({
      slug: 'monitoring-settings',
      data: window(nodeId),
      user: admin,
      overrideAccess: false,
    })
    expect(await windowNode()).toBe(nodeId)
    await expect(
      payload.updateGlobal({
        slug: 'monitoring-settings',
        data: window(999_999_999),
        user: admin,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/999999999|tidak valid|invalid/i)
  })
})
