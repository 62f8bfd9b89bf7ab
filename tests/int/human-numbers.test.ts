import { createLocalReq } from 'payload'
import { describe, expect, it } from 'vitest'

import { nextHumanNumber } from '../../src/operations/nextHumanNumber'
import { wibDateStamp } from '../../src/lib/wib'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

const sequenceOf = (number: string) => Number(number.slice(11))

describe('human numbers', () => {
  it('numbers customers CUS + WIB date + per-day sequence, gap-free under 40 concurrent creates', async () => {
    const payload = await testPayload()
    const created = await Promise.all(Array.from({ length: 40 }, () => createCustomer(payload)))
    const numbers = created.map((c) => c.customer.number!).sort()
    const today = wibDateStamp()
    for (const n of numbers) expect(n).toMatch(new RegExp(`^CUS${today}\\d{3,}$`))
    expect(new Set(numbers).size).toBe(40)
    const sequences = numbers.map(sequenceOf).sort((a, b) => a - b)
    // Consecutive: no number skipped between the first and the last of the burst.
    expect(sequences.at(-1)! - sequences[0]!).toBe(39)
  })

  it('rolls a number back with a failed create, so the next create takes it', async () => {
    const payload = await testPayload()
    const before = (await createCustomer(payload)).customer.number!
    await expect(
      payload.create({
        collection: 'customers',
        data: { name: 'Gagal', phone: 'bukan-nomor', password: 'x-12345678' } as never,
        overrideAccess: true,
      }),
    ).rejects.toThrow()
    const after = (await createCustomer(payload)).customer.number!
    expect(sequenceOf(after)).toBe(sequenceOf(before) + 1)
  })

  it('uses the WIB calendar day: 17:30 UTC is already the next day in Jakarta', async () => {
    const payload = await testPayload()
    const req = await createLocalReq({}, payload)
    const number = await nextHumanNumber({ req, prefix: 'ZZT', at: new Date('2025-10-10T17:30:00Z') })
    expect(number).toMatch(/^ZZT20251011\d{3}$/)
    const earlier = await nextHumanNumber({ req, prefix: 'ZZT', at: new Date('2025-10-10T16:59:00Z') })
    expect(earlier).toMatch(/^ZZT20251010\d{3}$/)
  })

  it('gives tickets their own TKT sequence and keeps numbers read-only through the API', async () => {
    const payload = await testPayload()
    const { customer } = await createCustomer(payload)
    const { user } = await createStaff(payload, 'customer_service')
    const ticket = await payload.create({
      collection: 'tickets',
      data: { subject: 'Internet mati', customer: customer.id, type: 'repair', number: 'TKT-HACKED' } as never,
      overrideAccess: false,
      user,
    })
    expect(ticket.number).toMatch(new RegExp(`^TKT${wibDateStamp()}\\d{3,}$`))
  })
})
