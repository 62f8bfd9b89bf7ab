import { relationId } from '../lib/relationId'
import type { ServiceEvent } from './recordServiceEvent'

type EquipmentState = { id: number; status?: string | null; holder?: unknown; serial?: string; replaces?: unknown }

/** The service-history events implied by an equipment move (install, swap, return, broken). */
export function equipmentEvents(previous: EquipmentState | undefined, current: EquipmentState): ServiceEvent[] {
  const events: ServiceEvent[] = []
  const serial = current.serial ?? previous?.serial ?? ''
  const holderBefore = relationId(previous?.holder)
  const holderAfter = relationId(current.holder)
  const statusBefore = previous?.status ?? null
  const statusAfter = current.status ?? null

  // The previous holder loses the device when it moves away from them or comes back to stock.
  if (
    holderBefore !== null &&
    (holderAfter !== holderBefore || (statusAfter !== statusBefore && statusAfter !== 'installed'))
  ) {
    const type = statusAfter === 'broken' ? 'equipment_broken' : 'equipment_returned'
    events.push({
      customer: holderBefore,
      type,
      summary: type === 'equipment_broken' ? `Perangkat ${serial} rusak` : `Perangkat ${serial} dikembalikan`,
      equipment: current.id,
    })
  }
  if (
    holderAfter !== null &&
    statusAfter === 'installed' &&
    (holderAfter !== holderBefore || statusBefore !== 'installed')
  ) {
    // A swap is the install that names the replaced device; later moves are plain installs.
    const replaced =
      relationId(current.replaces) !== relationId(previous?.replaces) ? relationId(current.replaces) : null
    events.push({
      customer: holderAfter,
      type: replaced ? 'equipment_swapped' : 'equipment_installed',
      summary: replaced ? `Perangkat diganti dengan ${serial}` : `Perangkat ${serial} dipasang`,
      equipment: current.id,
      details: replaced ? { replaces: replaced } : undefined,
    })
  }
  return events
}
