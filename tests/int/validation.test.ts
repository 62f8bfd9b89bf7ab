import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createPackage } from '../helpers/fixtures'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

let payload: Payload
beforeAll(async () => {
  payload = await testPayload()
})

/** Runs a write that must fail; returns the message, after checking the table did not change. */
async function rejected(
  collection: 'customers' | 'packages' | 'equipment' | 'tickets' | 'users',
  write: () => Promise<unknown>,
): Promise<string> {
  const before = await payload.count({ collection, overrideAccess: true })
  let message = ''
  await write().then(
    () => {
      throw new Error('write was accepted')
    },
    (error: { message: string; data?: { errors?: { message: string }[] } }) => {
      message = [error.message, ...(error.data?.errors?.map((e) => e.message) ?? [])].join(' | ')
    },
  )
  const after = await payload.count({ collection, overrideAccess: true })
  expect(after.totalDocs).toBe(before.totalDocs)
  return message
}

const customer = (data: Record<string, unknown>) => () =>
  payload.create({
    collection: 'customers',
    data: { name: 'Uji', phone: uniquePhone(), password: 'rahasia-123', ...data } as never,
    overrideAccess: true,
  })

describe('bad input is refused with a clear message and nothing written', () => {
  it('invalid phone numbers', async () => {
    for (const phone of ['12345', '021-555-1234', 'telepon saya', '+1 202 555 0101']) {
      expect(await rejected('customers', customer({ phone }))).toMatch(/Nomor HP tidak valid/)
    }
  })

  it('stores phone numbers typed any common way as 628…', async () => {
    const { customer: c } = await createCustomer(payload, { phone: '0813-1111-2222' })
    expect(c.phone).toBe('6281311112222')
    const updated = await payload.update({
      collection: 'customers',
      id: c.id,
      data: { phone: '+62 813 1111 3333' },
      overrideAccess: true,
    })
    expect(updated.phone).toBe('6281311113333')
  })

  it('invalid email', async () => {
    expect(await rejected('customers', customer({ email: 'bukan-email' }))).toMatch(/email/i)
  })

  it('unknown status value', async () => {
    expect(await rejected('customers', customer({ status: 'dibekukan' }))).toMatch(/status/i)
  })

  it('billing day outside 1–28', async () => {
    expect(await rejected('customers', customer({ billingDay: 31 }))).toMatch(/28/)
  })

  it('oversized text', async () => {
    expect(await rejected('customers', customer({ name: 'x'.repeat(121) }))).toMatch(/120/)
    expect(await rejected('customers', customer({ address: 'x'.repeat(501) }))).toMatch(/500/)
  })

  it('negative or fractional package prices', async () => {
    const pkg = (monthlyPrice: number) => () =>
      payload.create({
        collection: 'packages',
        data: { name: unique('P'), downloadMbps: 10, uploadMbps: 5, monthlyPrice },
        overrideAccess: true,
      })
    expect(await rejected('packages', pkg(-1000))).toMatch(/0/)
    expect(await rejected('packages', pkg(150000.5))).toMatch(/bulat/)
  })

  it('invalid or duplicate MAC address and serial', async () => {
    const device = (data: Record<string, unknown>) => () =>
      payload.create({
        collection: 'equipment',
        data: { type: 'ont', serial: unique('SN'), ...data } as never,
        overrideAccess: true,
      })
    expect(await rejected('equipment', device({ mac: 'zz:zz:zz:zz:zz:zz' }))).toMatch(/MAC tidak valid/)
    expect(await rejected('equipment', device({ mac: '11:22:33' }))).toMatch(/MAC tidak valid/)
    expect(await rejected('equipment', device({ type: 'modem-ajaib' }))).toMatch(/type|jenis/i)

    const serial = unique('SN')
    const first = await payload.create({
      collection: 'equipment',
      data: { type: 'ont', serial, mac: `aa-bb-cc-${uniquePhone().slice(-6).match(/../g)!.join('-')}` } as never,
      overrideAccess: true,
    })
    expect(first.mac).toMatch(/^AA:BB:CC:[0-9]{2}:[0-9]{2}:[0-9]{2}$/)
    expect(await rejected('equipment', device({ serial }))).toMatch(/unik|unique/i)
    expect(await rejected('equipment', device({ mac: first.mac!.toLowerCase() }))).toMatch(/unik|unique/i)
  })

  it('a ticket for a customer that does not exist', async () => {
    expect(
      await rejected('tickets', () =>
        payload.create({
          collection: 'tickets',
          data: { subject: 'Uji', customer: 999_999_999, type: 'repair' } as never,
          overrideAccess: true,
        }),
      ),
    ).toMatch(/customer|pelanggan|tidak valid|invalid/i)
  })

  it('an update that fails leaves the record as it was', async () => {
    const pkg = await createPackage(payload)
    const { customer: c } = await createCustomer(payload, { package: pkg.id })
    await expect(
      payload.update({
        collection: 'customers',
        id: c.id,
        data: { name: 'Nama Baru', phone: '999' },
        overrideAccess: true,
      }),
    ).rejects.toThrow()
    const again = await payload.findByID({ collection: 'customers', id: c.id, overrideAccess: true })
    expect(again.name).toBe(c.name)
    expect(again.phone).toBe(c.phone)
  })
})
