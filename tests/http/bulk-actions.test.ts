import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { executeSqlOutsideTransaction } from '../../src/db/sql'
import { formatPhone } from '../../src/lib/phone'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { pdfPages } from '../helpers/pdfText'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let csToken: string
let financeToken: string
let technicianToken: string
let technicianId: number

beforeAll(async () => {
  payload = await testPayload()
  const tokenOf = async (role: 'customer_service' | 'finance' | 'technician') => {
    const staff = await createStaff(payload, role)
    return { token: await login('users', { email: staff.email, password: staff.password }), id: staff.user.id }
  }
  const [cs, finance, technician] = await Promise.all([
    tokenOf('customer_service'),
    tokenOf('finance'),
    tokenOf('technician'),
  ])
  csToken = cs.token
  financeToken = finance.token
  technicianToken = technician.token
  technicianId = technician.id
})

describe('bulk: a template to a filtered list of customers', () => {
  it('queues one paced message per customer per run; the same run again adds nobody', async () => {
    const area = unique('Perumahan ')
    const customers = await Promise.all(
      ['Ani', 'Budi', 'Cici'].map((name) => createCustomer(payload, { name: unique(`${name} `), area })),
    )
    // Someone in another area, and a prospect in this one: the filter leaves both out.
    await createCustomer(payload, { name: unique('Luar '), area: unique('Lain ') })
    await createCustomer(payload, { name: unique('Calon '), area, status: 'prospect' })
    const key = unique('info_gangguan_')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '')
    const template = await payload.create({
      collection: 'message-templates',
      data: {
        key,
        name: 'Info gangguan',
        body: 'Halo {{nama}} ({{nomor_pelanggan}}), ada pemeliharaan jaringan malam ini.',
        language: 'id',
        category: 'UTILITY',
      } as never,
      overrideAccess: true,
    })
    const runKey = unique('run-')
    const body = { templateId: template.id, runKey, filter: { area, status: ['active'] } }
    const first = await api('/api/bulk/send-template', { method: 'POST', token: csToken, body })
    expect(first.status).toBe(202)
    expect(first.json).toEqual({ matched: 3, inserted: 3, queued: 3, failed: 0, alreadySent: 0 })

    const { rows } = await executeSqlOutsideTransaction(
      payload,
      sql`SELECT m.customer_id, m."to", m.body, m.status, m.scheduled_for, j.wait_until
            FROM messages m
            JOIN payload_jobs j ON j.task_slug = 'sendNotification' AND (j.input->>'messageId')::int = m.id
           WHERE m.dedupe_key LIKE ${`bulk:${runKey}:%`} ORDER BY m.customer_id`,
    )
    expect(rows.map((r) => r.customer_id)).toEqual(customers.map((c) => c.customer.id).sort((a, b) => a - b))
    for (const row of rows) {
      const customer = customers.find((c) => c.customer.id === row.customer_id)!.customer
      expect(row.to).toBe(customer.phone)
      expect(row.body).toBe(`Halo ${customer.name} (${customer.number}), ada pemeliharaan jaringan malam ini.`)
      expect(row.status).toBe('queued')
      // Paced: each send job waits for the time the pacing gave its message.
      expect(row.scheduled_for).not.toBeNull()
      expect(new Date(row.wait_until as string).getTime()).toBe(new Date(row.scheduled_for as string).getTime())
    }

    // A double click, or a retry: the same run key writes nothing new.
    const again = await api('/api/bulk/send-template', { method: 'POST', token: csToken, body })
    expect(again.status).toBe(202)
    expect(again.json).toEqual({ matched: 3, inserted: 0, queued: 0, failed: 0, alreadySent: 3 })
    const count = await executeSqlOutsideTransaction(
      payload,
      sql`SELECT count(*)::int AS n FROM messages WHERE dedupe_key LIKE ${`bulk:${runKey}:%`}`,
    )
    expect(count.rows[0]!.n).toBe(3)
  })

  it('refuses other roles, an empty filter and a bad run key, writing nothing', async () => {
    const body = { templateId: 1, runKey: unique('run-'), filter: { area: 'Mana saja' } }
    for (const token of [financeToken, technicianToken]) {
      const res = await api('/api/bulk/send-template', { method: 'POST', token, body })
      expect(res.status).toBe(403)
      expect(res.json.errors[0].message).toBe('Hanya layanan pelanggan dan admin yang dapat mengirim pesan massal.')
    }
    const empty = await api('/api/bulk/send-template', {
      method: 'POST',
      token: csToken,
      body: { ...body, filter: {} },
    })
    expect(empty.status).toBe(400)
    expect(empty.json.errors[0].message).toBe('Pilih penerima: status, wilayah, paket atau pelanggan tertentu.')
    const badKey = await api('/api/bulk/send-template', {
      method: 'POST',
      token: csToken,
      body: { ...body, runKey: 'x' },
    })
    expect(badKey.status).toBe(400)
    expect(badKey.json.errors[0].message).toBe('Kunci pengiriman (runKey) harus 8–80 karakter tanpa spasi.')
    const broken = await api('/api/bulk/send-template', { method: 'POST', token: csToken, body: '{bukan json' })
    expect(broken.status).toBe(400)
    expect(broken.json.errors[0].message).toBe('Isi permintaan harus berupa JSON yang sah.')
  })
})

describe('bulk: assign tickets to a technician', () => {
  async function ticket(customer: number, status?: string) {
    const created = await payload.create({
      collection: 'tickets',
      data: { subject: unique('Gangguan '), customer, ...(status ? {} : {}) } as never,
      overrideAccess: true,
    })
    if (status === 'resolved') {
      const tech = await createStaff(payload, 'technician')
      await payload.update({
        collection: 'tickets',
        id: created.id,
        data: { assignedTechnician: tech.user.id } as never,
        overrideAccess: true,
      })
      await payload.update({
        collection: 'tickets',
        id: created.id,
        data: { status: 'in_progress' },
        overrideAccess: true,
      })
      return payload.update({
        collection: 'tickets',
        id: created.id,
        data: { status: 'resolved' },
        overrideAccess: true,
      })
    }
    return created
  }

  it('assigns every selected open ticket, which becomes "assigned"', async () => {
    const { customer } = await createCustomer(payload)
    const [a, b] = [await ticket(customer.id), await ticket(customer.id)]
    const res = await api('/api/bulk/assign-tickets', {
      method: 'POST',
      token: csToken,
      body: { ticketIds: [a.id, b.id], technicianId },
    })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ assigned: 2 })
    for (const id of [a.id, b.id]) {
      const stored = await payload.findByID({ collection: 'tickets', id, depth: 0, overrideAccess: true })
      expect(stored.assignedTechnician).toBe(technicianId)
      expect(stored.status).toBe('assigned')
    }
  })

  it('all or none: a finished ticket among them refuses the lot; other roles get 403', async () => {
    const { customer } = await createCustomer(payload)
    const open = await ticket(customer.id)
    const done = await ticket(customer.id, 'resolved')
    const res = await api('/api/bulk/assign-tickets', {
      method: 'POST',
      token: csToken,
      body: { ticketIds: [open.id, done.id], technicianId },
    })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toBe(`Tiket yang sudah selesai tidak bisa ditugaskan: ${done.number}.`)
    const stored = await payload.findByID({ collection: 'tickets', id: open.id, depth: 0, overrideAccess: true })
    expect(stored.assignedTechnician ?? null).toBeNull()
    expect(stored.status).toBe('open')

    const notTechnician = await createStaff(payload, 'finance')
    const wrongPerson = await api('/api/bulk/assign-tickets', {
      method: 'POST',
      token: csToken,
      body: { ticketIds: [open.id], technicianId: notTechnician.user.id },
    })
    expect(wrongPerson.status).toBe(400)
    expect(wrongPerson.json.errors[0].message).toBe('Pilih staf dengan peran Teknisi.')

    for (const token of [financeToken, technicianToken]) {
      const refused = await api('/api/bulk/assign-tickets', {
        method: 'POST',
        token,
        body: { ticketIds: [open.id], technicianId },
      })
      expect(refused.status).toBe(403)
    }
    expect(
      (await payload.findByID({ collection: 'tickets', id: open.id, depth: 0, overrideAccess: true })).status,
    ).toBe('open')
  })
})

describe('bulk: print selected invoices as one PDF', () => {
  async function invoice(customer: number, unitPrice: number) {
    return payload.create({
      collection: 'invoices',
      data: {
        customer,
        issueDate: new Date().toISOString(),
        dueDate: new Date().toISOString(),
        lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice }],
      } as never,
      overrideAccess: true,
    })
  }

  it('one page per invoice, in the order asked, drawn by the invoice renderer', async () => {
    const a = await createCustomer(payload, { name: unique('Cetak A ') })
    const b = await createCustomer(payload, { name: unique('Cetak B ') })
    const first = await invoice(a.customer.id, 150_000)
    const second = await invoice(b.customer.id, 275_000)
    const res = await fetch(`${inject('serverUrl')}/api/bulk/invoices.pdf?ids=${second.id},${first.id}`, {
      headers: { authorization: `JWT ${financeToken}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const pages = pdfPages(Buffer.from(await res.arrayBuffer()))
    expect(pages).toHaveLength(2)
    expect(pages[0]).toContain(second.number!)
    expect(pages[0]).toContain(b.customer.name)
    expect(pages[0]).toContain('Rp275.000')
    expect(pages[1]).toContain(first.number!)
    expect(pages[1]).toContain(a.customer.name)
    // The phone as people read it, not 628…
    expect(pages[1]).toContain(`Telp. ${formatPhone(a.customer.phone)}`)
  })

  it('refuses a technician (403), an unknown invoice (404) and no selection (400)', async () => {
    const { customer } = await createCustomer(payload)
    const one = await invoice(customer.id, 100_000)
    const technician = await api(`/api/bulk/invoices.pdf?ids=${one.id}`, { token: technicianToken })
    expect(technician.status).toBe(403)
    const unknown = await api(`/api/bulk/invoices.pdf?ids=${one.id},2147483000`, { token: financeToken })
    expect(unknown.status).toBe(404)
    expect(unknown.json.errors[0].message).toBe('Tagihan tidak ditemukan: 2147483000.')
    const none = await api('/api/bulk/invoices.pdf', { token: financeToken })
    expect(none.status).toBe(400)
    expect(none.json.errors[0].message).toBe('Pilih minimal satu tagihan (ids=1,2,3).')
  })
})
