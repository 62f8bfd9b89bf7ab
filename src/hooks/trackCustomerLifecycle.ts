import type { CollectionAfterChangeHook } from 'payload'

import { customerEvents } from '../operations/customerEvents'
import { recordServiceEvent } from '../operations/recordServiceEvent'

/** Writes activation, package change, suspension, restore and termination into service history. */
export const trackCustomerLifecycle: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const events = customerEvents(operation === 'create' ? undefined : previousDoc, doc)
  for (const event of events) await recordServiceEvent({ req, event })
  return doc
}
