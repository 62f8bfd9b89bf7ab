/**
 * The monitoring seam read by the portal and analytics: network incidents, customer outages, daily
 * usage and the customer's connection state, each read with the reader's own access (Local API,
 * `overrideAccess: false`). A customer sees only their own rows and never who else is affected.
 */
import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

let payload: Payload
let A: Awaited<ReturnType<typeof createCustomer>>['customer']
let B: Awaited<ReturnType<typeof createCustomer>>['customer']
let C: Awaited<ReturnType<typeof createCustomer>>['customer']
let incidentAB: number
let incidentC: number

const as = (user: unknown) => ({ user, overrideAccess: false, depth: 0 }) as const
const ids = (docs: { id: number }[]) => docs.map((d) => d.id).sort((x, y) => x - y)
const exec = (query: ReturnType<typeof sql>) =>
  (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<{ rows: any[] }> } }).drizzle.execute(query)

beforeAll(async () => {
  payload = await testPayload()
  A = (await createCustomer(payload, { area: 'Seam-1' })).customer
  B = (await createCustomer(payload, { area: 'Seam-1' })).customer
  C = (await createCustomer(payload, { area: 'Seam-2' })).customer
  const started = new Date(Date.now() - 3600_000).toISOString()
  const incident = async (title: string, customers: number[]) => {
    const { rows } = await exec(
      sql`INSERT INTO network_incidents (title, status, started_at, area, affected_count, customer_message, cause)
          VALUES (${title}, 'open', ${started}, 'Seam-1', ${customers.length}, 'Sedang diperbaiki', 'ODP rusak') RETURNING id`,
    )
    for (const [i, customer] of customers.entries())
      await exec(
        sql`INSERT INTO network_incidents_rels ("order", parent_id, path, customers_id) VALUES (${i + 1}, ${rows[0].id}, 'affectedCustomers', ${customer})`,
      )
    return rows[0].id as number
  }
  incidentAB = await incident('Gangguan ODP Seam-1', [A.id, B.id])
  incidentC = await incident('Gangguan ODP Seam-2', [C.id])
  for (const c of [A, B, C]) {
    await exec(
      sql`INSERT INTO customer_outages (customer_id, started_at, incident_id, source) VALUES (${c.id}, ${started}, ${c.id === C.id ? incidentC : incidentAB}, 'test')`,
    )
    await exec(
      sql`INSERT INTO usage_daily (customer_id, day, rx_bytes, tx_bytes) VALUES (${c.id}, '2026-12-01', 1000, 100)`,
    )
  }
  await exec(
    sql`UPDATE customers SET network_status_online = false, network_status_since = ${started}, network_status_last_seen_at = ${started} WHERE id IN (${A.id}, ${B.id}, ${C.id})`,
  )
})

describe('monitoring seam', () => {
  it('a customer reads only the incidents that affect them, without the list of affected customers', async () => {
    const seen = await payload.find({ collection: 'network-incidents', ...as({ ...A, collection: 'customers' }) })
    expect(ids(seen.docs)).toEqual([incidentAB])
    const incident = seen.docs[0] as unknown as Record<string, unknown>
    expect(incident.title).toBe('Gangguan ODP Seam-1')
    expect(incident.customerMessage).toBe('Sedang diperbaiki')
    expect(incident.affectedCount).toBe(2)
    expect(incident.affectedCustomers).toBeUndefined()
    expect(incident.cause).toBeUndefined()
    const other = await payload
      .findByID({ collection: 'network-incidents', id: incidentC, ...as({ ...A, collection: 'customers' }) })
      .catch((e: Error) => e)
    expect(other).toBeInstanceOf(Error)
  })

  it('a customer reads only their own outages and usage', async () => {
    const user = { ...A, collection: 'customers' }
    const outages = await payload.find({ collection: 'customer-outages', ...as(user) })
    expect(outages.docs.map((o) => o.customer)).toEqual([A.id])
    const usage = await payload.find({ collection: 'usage-daily', ...as(user) })
    expect(usage.docs.map((u) => [u.customer, u.day, u.rxBytes])).toEqual([[A.id, '2026-12-01', 1000]])
    const self = await payload.findByID({ collection: 'customers', id: A.id, ...as(user) })
    expect(self.networkStatus?.online).toBe(false)
    expect(self.networkStatus?.lastSeenAt).toBeTruthy()
  })

  it('staff on the network see every affected customer; a content editor sees nothing', async () => {
    const technician = (await createStaff(payload, 'technician')).user
    const found = await payload.find({
      collection: 'network-incidents',
      where: { id: { in: [incidentAB, incidentC] } },
      ...as({ ...technician, collection: 'users' }),
    })
    const ab = found.docs.find((d) => d.id === incidentAB)!
    expect([...(ab.affectedCustomers as number[])].sort((x, y) => x - y)).toEqual([A.id, B.id].sort((x, y) => x - y))
    const editor = (await createStaff(payload, 'content_editor')).user
    for (const collection of ['network-incidents', 'customer-outages', 'usage-daily'] as const)
      await expect(payload.find({ collection, ...as({ ...editor, collection: 'users' }) })).rejects.toThrow()
  })

  it('nobody writes the rows or the connection state by hand', async () => {
    const user = { ...A, collection: 'customers' }
    const cs = (await createStaff(payload, 'customer_service')).user
    await expect(
      payload.create({
        collection: 'customer-outages',
        data: { customer: A.id, startedAt: new Date().toISOString() },
        ...as({ ...cs, collection: 'users' }),
      }),
    ).rejects.toThrow()
    await expect(
      payload.create({
        collection: 'usage-daily',
        data: { customer: A.id, day: '2026-12-02', rxBytes: 1, txBytes: 1 },
        ...as(user),
      }),
    ).rejects.toThrow()
    await payload.update({
      collection: 'customers',
      id: A.id,
      data: { networkStatus: { online: true } },
      ...as(user),
    })
    const { rows } = await exec(sql`SELECT network_status_online FROM customers WHERE id = ${A.id}`)
    expect(rows[0].network_status_online).toBe(false)
  })

  it('the database keeps one usage row per customer and day, and one open outage per customer', async () => {
    await expect(
      exec(sql`INSERT INTO usage_daily (customer_id, day, rx_bytes, tx_bytes) VALUES (${A.id}, '2026-12-01', 1, 1)`),
    ).rejects.toThrow()
    await expect(
      exec(sql`INSERT INTO customer_outages (customer_id, started_at) VALUES (${A.id}, now())`),
    ).rejects.toThrow()
  })
})
