import { relationId } from '../lib/relationId'
import type { ServiceEvent } from './recordServiceEvent'

type CustomerState = { id: number; status?: string | null; package?: unknown; name?: string }

/** The service-history events implied by a customer's change from `previous` (none on create) to `current`. */
export function customerEvents(previous: CustomerState | undefined, current: CustomerState): ServiceEvent[] {
  const events: ServiceEvent[] = []
  const before = previous?.status ?? 'prospect'
  const after = current.status ?? 'prospect'
  if (before !== after) {
    if (after === 'active' && before === 'suspended')
      events.push({ customer: current.id, type: 'restore', summary: 'Layanan dibuka kembali (buka isolir)' })
    else if (after === 'active')
      events.push({ customer: current.id, type: 'activation', summary: 'Layanan diaktifkan' })
    else if (after === 'suspended')
      events.push({ customer: current.id, type: 'suspension', summary: 'Layanan diisolir' })
    else if (after === 'terminated')
      events.push({ customer: current.id, type: 'termination', summary: 'Berhenti berlangganan' })
  }
  const packageBefore = relationId(previous?.package)
  const packageAfter = relationId(current.package)
  if (previous && packageBefore !== packageAfter && packageAfter !== null) {
    events.push({
      customer: current.id,
      type: 'package_change',
      summary: 'Paket diganti',
      details: { fromPackage: packageBefore, toPackage: packageAfter },
    })
  }
  return events
}
