import type { PayloadRequest } from 'payload'

import { relationId } from '../../../lib/relationId'
import { formatWib } from '../../../lib/wib'
import type { Customer, Ticket } from '../../../payload-types'
import { STATUS_LABELS_ID, type TicketStatus } from '../../../operations/ticketWorkflow'
import { notify, type NotifyInput } from './notify'

type CustomerState = Pick<Customer, 'id' | 'name' | 'number' | 'status'>
type TicketState = Pick<
  Ticket,
  'id' | 'number' | 'subject' | 'type' | 'status' | 'customer' | 'assignedTechnician' | 'scheduledAt' | 'updatedAt'
>

/** A customer who becomes active for the first time (not a restore after isolir, which billing announces) gets the welcome message. */
export async function customerChanged({
  req,
  previous,
  current,
}: {
  req: PayloadRequest
  previous?: CustomerState
  current: CustomerState
}) {
  const before = previous?.status ?? 'prospect'
  if (current.status !== 'active' || before === 'active' || before === 'suspended') return
  await notify({
    req,
    trigger: 'welcome',
    customerId: current.id,
    dedupeKey: `welcome:customer:${current.id}`,
    variables: { nama: current.name, nomor_pelanggan: current.number ?? '' },
  })
}

/**
 * Ticket messages: an installation scheduled (or rescheduled), a technician assigned (to the
 * customer and to the technician), an installation completed, and other status changes. Each dedupe
 * key names the change (and, for repeatable changes, the update that made it), so a re-run of the
 * same save sends nothing twice.
 */
export async function ticketChanged({
  req,
  previous,
  current,
}: {
  req: PayloadRequest
  previous?: TicketState
  current: TicketState
}) {
  const customerId = relationId(current.customer)
  if (!customerId) return
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
    select: { name: true, address: true },
  })
  const technicianId = relationId(current.assignedTechnician)
  const technician = technicianId
    ? await req.payload.findByID({
        collection: 'users',
        id: technicianId,
        depth: 0,
        overrideAccess: true,
        req,
        disableErrors: true,
        select: { name: true, phone: true },
      })
    : null
  const variables = {
    nama: customer?.name ?? 'Pelanggan',
    nomor_tiket: current.number ?? String(current.id),
    judul: current.subject,
    status: STATUS_LABELS_ID[current.status as TicketStatus] ?? current.status,
    teknisi: technician?.name ?? '-',
    jadwal: current.scheduledAt ? formatWib(current.scheduledAt) : 'akan dikabari',
    alamat: customer?.address ?? '-',
  }
  const version = current.updatedAt
  const send = (input: Omit<NotifyInput, 'req' | 'variables'>) => notify({ req, variables, ...input })

  const scheduleChanged = current.scheduledAt && current.scheduledAt !== previous?.scheduledAt
  if (current.type === 'installation' && scheduleChanged)
    await send({
      trigger: 'installation_scheduled',
      customerId,
      dedupeKey: `installation-scheduled:${current.id}:${current.scheduledAt}`,
    })

  const technicianChanged = technicianId !== null && technicianId !== relationId(previous?.assignedTechnician)
  if (technicianChanged) {
    await send({
      trigger: 'technician_assigned',
      customerId,
      dedupeKey: `technician-assigned:${current.id}:${technicianId}:${version}`,
    })
    await send({
      trigger: 'technician_job',
      staffUserId: technicianId,
      dedupeKey: `technician-job:${current.id}:${technicianId}:${version}`,
    })
  }

  if (!previous || previous.status === current.status) return
  if (current.type === 'installation' && current.status === 'resolved') {
    await send({ trigger: 'installation_completed', customerId, dedupeKey: `installation-completed:${current.id}` })
    return
  }
  // "Assigned" is announced by the technician message above.
  if (current.status === 'assigned' && technicianChanged) return
  await send({
    trigger: 'ticket_status_changed',
    customerId,
    dedupeKey: `ticket-status:${current.id}:${current.status}:${version}`,
  })
}
