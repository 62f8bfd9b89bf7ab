import type { CollectionAfterChangeHook } from 'payload'

import { equipmentEvents } from '../operations/equipmentEvents'
import { recordServiceEvent } from '../operations/recordServiceEvent'

/** Writes equipment installs, swaps, returns and breakages into the holders' service history. */
export const trackEquipmentMoves: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const events = equipmentEvents(operation === 'create' ? undefined : previousDoc, doc)
  for (const event of events) await recordServiceEvent({ req, event })
  return doc
}
