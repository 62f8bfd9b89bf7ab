import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { customerConversation } from '../../src/plugins/notifications/operations/conversation'
import { dashboardFigures } from '../../src/plugins/adminUx/operations/dashboardFigures'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await testPayload()
})

const templateWithKey = async (key: string, name: string) => {
  const found = await payload.find({
    collection: 'message-templates',
    where: { key: { equals: key } },
    overrideAccess: true,
  })
  if (found.totalDocs > 0) return
  await payload.create({
    collection: 'message-templates',
    data: {
      key,
      name,
      body: 'Halo {{nama}}',
      language: 'id',
      category: 'UTILITY',
      approvalStatus: 'approved',
    } as never,
    overrideAccess: true,
  })
}

describe('writing to a customer', () => {
  it('offers customer templates but never the ones written for staff (technician jobs, alerts)', async () => {
    await templateWithKey('technician_job', 'Tugas teknisi')
    await templateWithKey('staff_alert', 'Peringatan staf')
    await templateWithKey('welcome', 'Selamat datang')
    const { customer } = await createCustomer(payload)
    const cs = (await createStaff(payload, 'customer_service')).user
    const req = await createLocalReq({ user: { ...cs, collection: 'users' } as never }, payload)
    const conversation = await customerConversation({ req, customerId: customer.id })
    const keys = conversation!.templates.map((t) => t.key)
    expect(keys).toContain('welcome')
    expect(keys).not.toContain('technician_job')
    expect(keys).not.toContain('staff_alert')
  })
})

describe('dashboard figures', () => {
  it('count what the lists hold: unfinished tickets, overdue visits, suspended customers, my open work', async () => {
    const tech = (await createStaff(payload, 'technician')).user
    const req = await createLocalReq({}, payload)
    const before = await dashboardFigures(req, tech.id)
    const { customer } = await createCustomer(payload, { name: unique('Joko '), status: 'suspended' })
    await payload.create({
      collection: 'tickets',
      data: {
        subject: 'ONT mati',
        customer: customer.id,
        assignedTechnician: tech.id,
        status: 'assigned',
        scheduledAt: new Date(Date.now() - 3_600_000).toISOString(),
      } as never,
      overrideAccess: true,
    })
    const after = await dashboardFigures(req, tech.id)
    expect(after.openTickets - before.openTickets).toBe(1)
    expect(after.overdueTickets - before.overdueTickets).toBe(1)
    expect(after.suspendedCustomers - before.suspendedCustomers).toBe(1)
    expect([before.myOpenTickets, after.myOpenTickets]).toEqual([0, 1])
    expect(after.revenueByDay).toHaveLength(14)
    const tickets = await payload.count({
      collection: 'tickets',
      where: { status: { not_in: ['resolved', 'closed'] } },
      overrideAccess: true,
    })
    expect(after.openTickets).toBe(tickets.totalDocs)
  })
})
