import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

export const customerBillingHooks: { beforeChange: CollectionBeforeChangeHook[]; afterChange: CollectionAfterChangeHook[] } = { beforeChange: [], afterChange: [] }
