import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createStaff } from '../helpers/fixtures'
import { rejectionMessages, testPayload } from '../helpers/payload'

let payload: Payload
let cs: Awaited<ReturnType<typeof createStaff>>['user']
let technician: Awaited<ReturnType<typeof createStaff>>['user']
beforeAll(async () => {
  payload = await testPayload()
  cs = (await createStaff(payload, 'customer_service')).user
  technician = (await createStaff(payload, 'technician')).user
})

const asUser = (user: unknown) => ({ user, overrideAccess: false }) as const

describe('tickets', () => {
  it('walks the workflow: open → assigned (by setting a technician) → in progress → resolved → closed → reopened', async () => {
    const { customer } = await createCustomer(payload)
    const ticket = await payload.create({
      collection: 'tickets',
      data: { subject: 'Lampu LOS merah', customer: customer.id, type: 'repair' } as never,
      ...asUser(cs),
    })
    expect(ticket.status).toBe('open')
    const assigned = await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { assignedTechnician: technician.id },
      ...asUser(cs),
    })
    expect(assigned.status).toBe('assigned')
    const working = await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { status: 'in_progress' },
      ...asUser(technician),
    })
    const resolved = await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { status: 'resolved', resolution: 'Kabel drop diganti' },
      ...asUser(technician),
    })
    expect(working.status).toBe('in_progress')
    expect(resolved.resolvedAt).toBeTruthy()
    const closed = await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { status: 'closed' },
      ...asUser(cs),
    })
    const reopened = await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { status: 'open' },
      ...asUser(cs),
    })
    expect([closed.status, reopened.status]).toEqual(['closed', 'open'])
    expect(reopened.timeline?.map((t) => t.note)).toEqual([
      'Tiket dibuat (Baru)',
      'Status: Baru → Ditugaskan',
      'Status: Ditugaskan → Dikerjakan',
      'Status: Dikerjakan → Selesai',
      'Status: Selesai → Ditutup',
      'Status: Ditutup → Baru',
    ])
    const history = await payload.find({
      collection: 'service-history',
      where: { ticket: { equals: ticket.id } },
      overrideAccess: true,
    })
    expect(history.docs.map((h) => h.type)).toEqual(['ticket_resolved'])
  })

  it('refuses skipping steps and assignment without a technician, with a clear message', async () => {
    const { customer } = await createCustomer(payload)
    const ticket = await payload.create({
      collection: 'tickets',
      data: { subject: 'Lambat', customer: customer.id, type: 'repair' } as never,
      ...asUser(cs),
    })
    expect(
      await rejectionMessages(
        payload.update({ collection: 'tickets', id: ticket.id, data: { status: 'resolved' }, ...asUser(cs) }),
      ),
    ).toMatch(/tidak bisa berpindah dari "Baru" ke "Selesai"/)
    expect(
      await rejectionMessages(
        payload.update({ collection: 'tickets', id: ticket.id, data: { status: 'assigned' }, ...asUser(cs) }),
      ),
    ).toMatch(/Pilih teknisi/)
    expect((await payload.findByID({ collection: 'tickets', id: ticket.id, overrideAccess: true })).status).toBe('open')
  })

  it('lets a customer open a ticket only for themself and rate it only once it is finished', async () => {
    const { customer } = await createCustomer(payload)
    const { customer: neighbour } = await createCustomer(payload)
    const self = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true })
    const ticket = await payload.create({
      collection: 'tickets',
      data: {
        subject: 'Internet mati',
        customer: neighbour.id,
        type: 'repair',
        status: 'resolved',
        priority: 'urgent',
      } as never,
      user: { ...self, collection: 'customers' },
      overrideAccess: false,
      depth: 0,
    })
    expect(ticket.customer).toBe(customer.id)
    expect(ticket.status).toBe('open')
    expect(ticket.priority).toBe('normal')

    const asCustomer = { user: { ...self, collection: 'customers' }, overrideAccess: false } as const
    expect(
      await rejectionMessages(
        payload.update({ collection: 'tickets', id: ticket.id, data: { rating: 5 }, ...asCustomer }),
      ),
    ).toMatch(/sudah selesai/)
    await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { assignedTechnician: technician.id },
      ...asUser(cs),
    })
    await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { status: 'in_progress' },
      ...asUser(technician),
    })
    await payload.update({ collection: 'tickets', id: ticket.id, data: { status: 'resolved' }, ...asUser(technician) })
    const rated = await payload.update({
      collection: 'tickets',
      id: ticket.id,
      data: { rating: 4, ratingComment: 'Cepat', status: 'closed' } as never,
      ...asCustomer,
    })
    expect(rated.rating).toBe(4)
    // The status in the same request is not the customer's to change.
    expect(rated.status).toBe('resolved')
    await expect(
      payload.update({ collection: 'tickets', id: ticket.id, data: { rating: 9 }, ...asCustomer }),
    ).rejects.toThrow()
  })
})
