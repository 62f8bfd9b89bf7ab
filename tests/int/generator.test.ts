import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { normalizeIndonesianMobile } from '../../src/lib/phone'
import { normalizeMac } from '../../src/lib/mac'
import { generateDataset } from '../../src/seed/generator'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

let payload: Payload
let client: pg.Client
beforeAll(async () => {
  payload = await testPayload()
  client = new pg.Client({ connectionString: inject('databaseUrl') })
  await client.connect()
})
afterAll(async () => {
  await client.end()
})

describe('bulk data generator', () => {
  it('writes valid customers, tickets in every state, equipment and history that the app accepts', async () => {
    const technician = (await createStaff(payload, 'technician')).user
    const result = await generateDataset(client, { customers: 1500, seed: 7, technicianIds: [technician.id] })
    expect(result.customers).toBe(1500)
    expect(result.tickets).toBe(750)

    const { rows: customers } = await client.query<{ phone: string; number: string; status: string }>(
      'SELECT phone, number, status FROM customers ORDER BY id DESC LIMIT 1500',
    )
    expect(customers.every((c) => normalizeIndonesianMobile(c.phone) === c.phone)).toBe(true)
    expect(new Set(customers.map((c) => c.number)).size).toBe(1500)
    const { rows: states } = await client.query<{ status: string }>(
      `SELECT DISTINCT status FROM tickets WHERE assigned_technician_id = $1 OR status = 'open'`,
      [technician.id],
    )
    expect(states.map((s) => s.status).sort()).toEqual(['assigned', 'closed', 'in_progress', 'open', 'resolved'])
    const { rows: macs } = await client.query<{ mac: string }>(
      'SELECT mac FROM equipment WHERE mac IS NOT NULL LIMIT 200',
    )
    expect(macs.every((m) => normalizeMac(m.mac) === m.mac)).toBe(true)

    // A generated customer can be edited and saved through the app's own validation…
    const sample = await payload.find({
      collection: 'customers',
      where: { number: { equals: customers[0]!.number } },
      overrideAccess: true,
      depth: 0,
    })
    await payload.update({
      collection: 'customers',
      id: sample.docs[0]!.id,
      data: { area: 'Beji' },
      overrideAccess: true,
    })
    // …and can sign in with the generated password.
    const login = await payload.login({
      collection: 'customers',
      data: { username: customers[0]!.number, password: 'pelanggan123' },
    })
    expect(login.user?.id).toBe(sample.docs[0]!.id)
  })

  it('leaves every per-day counter at or above the numbers it wrote, so numbers made in the app later cannot collide', async () => {
    await createCustomer(payload)
    await generateDataset(client, { customers: 300, seed: 8 })
    // Numbers the counters make (prefix, WIB day, sequence); fixtures of other files may set their own.
    const { rows } = await client.query(`
      SELECT count(*)::int AS behind FROM (
        SELECT left(number, 3) AS prefix, substr(number, 4, 8) AS day, max(substr(number, 12)::int) AS top FROM customers WHERE number ~ '^[A-Z]{3}[0-9]{9,}$' GROUP BY 1, 2
        UNION ALL
        SELECT left(number, 3), substr(number, 4, 8), max(substr(number, 12)::int) FROM tickets WHERE number ~ '^[A-Z]{3}[0-9]{9,}$' GROUP BY 1, 2
        UNION ALL
        SELECT left(number, 3), substr(number, 4, 8), max(substr(number, 12)::int) FROM invoices WHERE number ~ '^[A-Z]{3}[0-9]{9,}$' GROUP BY 1, 2
        UNION ALL
        SELECT left(number, 3), substr(number, 4, 8), max(substr(number, 12)::int) FROM payments WHERE number ~ '^[A-Z]{3}[0-9]{9,}$' GROUP BY 1, 2
      ) used LEFT JOIN number_sequences s ON s.prefix = used.prefix AND s.day = used.day
      WHERE s.last_value IS NULL OR s.last_value < used.top`)
    expect(rows[0].behind).toBe(0)
    const { customer } = await createCustomer(payload)
    const { rows: same } = await client.query('SELECT count(*)::int AS n FROM customers WHERE number = $1', [
      customer.number,
    ])
    expect(same[0].n).toBe(1)
  })
})
