import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})

async function historyOf(customerId: number) {
  const { docs } = await payload.find({
    collection: 'service-history',
    where: { customer: { equals: customerId } },
    sort: 'occurredAt',
    limit: 100,
    overrideAccess: true,
    depth: 0,
  })
  return docs
}

describe('service history', () => {
  it('records activation, package change, suspension, restore and termination with the acting staff member', async () => {
    const { user: cs } = await createStaff(payload, 'customer_service')
    const [basic, fast] = [await createPackage(payload), await createPackage(payload, { monthlyPrice: 350_000 })]
    const { customer } = await createCustomer(payload, { status: 'prospect', package: basic.id })
    expect(await historyOf(customer.id)).toEqual([])

    for (const data of [
      { status: 'active' },
      { package: fast.id },
      { status: 'suspended' },
      { status: 'active' },
      { status: 'terminated', terminationReason: 'moved' },
    ]) {
      await payload.update({
        collection: 'customers',
        id: customer.id,
        data: data as never,
        user: cs,
        overrideAccess: false,
      })
    }
    const history = await historyOf(customer.id)
    expect(history.map((h) => h.type)).toEqual(['activation', 'package_change', 'suspension', 'restore', 'termination'])
    expect(history.every((h) => h.actor === cs.id)).toBe(true)
    expect(history[1]!.details).toEqual({ fromPackage: basic.id, toPackage: fast.id })
  })

  it('records equipment installed, swapped and returned against the right customer', async () => {
    const { customer } = await createCustomer(payload)
    const { customer: other } = await createCustomer(payload)
    const ont = await payload.create({
      collection: 'equipment',
      data: { type: 'ont', serial: unique('SN'), status: 'in_stock' },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'equipment',
      id: ont.id,
      data: { status: 'installed', holder: customer.id },
      overrideAccess: true,
    })
    const replacement = await payload.create({
      collection: 'equipment',
      data: { type: 'ont', serial: unique('SN'), status: 'installed', holder: customer.id, replaces: ont.id },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'equipment',
      id: ont.id,
      data: { status: 'broken', holder: null },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'equipment',
      id: replacement.id,
      data: { holder: other.id },
      overrideAccess: true,
    })

    expect((await historyOf(customer.id)).map((h) => [h.type, h.equipment])).toEqual([
      ['activation', null],
      ['equipment_installed', ont.id],
      ['equipment_swapped', replacement.id],
      ['equipment_broken', ont.id],
      ['equipment_returned', replacement.id],
    ])
    expect((await historyOf(other.id)).map((h) => h.type)).toEqual(['activation', 'equipment_installed'])
  })

  it('is part of the customer record (join) and cannot be written through the API, even by an admin', async () => {
    const { user: admin } = await createStaff(payload, 'admin')
    const { customer } = await createCustomer(payload)
    const withJoins = await payload.findByID({
      collection: 'customers',
      id: customer.id,
      user: admin,
      overrideAccess: false,
      depth: 0,
    })
    expect((withJoins.serviceHistory?.docs ?? []).length).toBe(1)

    await expect(
      payload.create({
        collection: 'service-history',
        data: { customer: customer.id, type: 'restore', summary: 'palsu', occurredAt: new Date().toISOString() },
        user: admin,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/izin|not allowed|forbidden/i)
    const [entry] = await historyOf(customer.id)
    await expect(
      payload.update({
        collection: 'service-history',
        id: entry!.id,
        data: { summary: 'diubah' },
        user: admin,
        overrideAccess: false,
      }),
    ).rejects.toThrow()
    await expect(
      payload.delete({ collection: 'service-history', id: entry!.id, user: admin, overrideAccess: false }),
    ).rejects.toThrow()
    expect((await historyOf(customer.id))[0]!.summary).toBe(entry!.summary)
  })

  it('rolls back with the change it describes', async () => {
    const { customer } = await createCustomer(payload, { status: 'prospect' })
    // The status change is valid, the phone is not: the whole update fails, history included.
    await expect(
      payload.update({
        collection: 'customers',
        id: customer.id,
        data: { status: 'active', phone: 'x' },
        overrideAccess: true,
      }),
    ).rejects.toThrow()
    expect(await historyOf(customer.id)).toEqual([])
  })
})

describe('deleting customers', () => {
  it('refuses to delete a customer with history (terminate instead), and deletes a bare prospect', async () => {
    const { user: admin } = await createStaff(payload, 'admin')
    const { customer } = await createCustomer(payload)
    const message = await payload
      .delete({ collection: 'customers', id: customer.id, user: admin, overrideAccess: false })
      .then(
        () => 'deleted',
        (error: Error & { status?: number }) => `${error.status} ${error.message}`,
      )
    expect(message).toMatch(/^409 .*ubah statusnya menjadi "Berhenti"/)
    expect((await historyOf(customer.id)).length).toBe(1)
    const { customer: prospect } = await createCustomer(payload, { status: 'prospect' })
    await payload.delete({ collection: 'customers', id: prospect.id, user: admin, overrideAccess: false })
    await expect(payload.findByID({ collection: 'customers', id: prospect.id, overrideAccess: true })).rejects.toThrow()
  })
})
