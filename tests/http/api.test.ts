import sharp from 'sharp'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, freshIp, gql, login } from '../helpers/http'
import { testPayload, uniquePhone } from '../helpers/payload'

let payload: Payload
let csToken: string
beforeAll(async () => {
  payload = await testPayload()
  const cs = await createStaff(payload, 'customer_service')
  csToken = await login('users', { email: cs.email, password: cs.password })
})

describe('server', () => {
  it('answers health and readiness probes', async () => {
    expect(await api('/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } })
    expect(await api('/readyz')).toMatchObject({ status: 200, json: { status: 'ready', database: 'ok' } })
  })

  it('serves the admin login page', async () => {
    const res = await api('/admin/login')
    expect(res.status).toBe(200)
    expect(res.text).toContain('<html')
  })
})

describe('REST and GraphQL', () => {
  it('creates, reads, updates and lists a customer over REST as customer service', async () => {
    const created = await api('/api/customers', {
      method: 'POST',
      token: csToken,
      body: {
        name: 'Siti Aminah',
        phone: '0813-2222-3333',
        password: TEST_PASSWORD,
        address: 'Jl. Margonda Raya No. 1, Depok',
        area: 'Beji',
        status: 'active',
      },
    })
    expect(created.status).toBe(201)
    const id = created.json.doc.id
    expect(created.json.doc).toMatchObject({ phone: '6281322223333', status: 'active' })
    expect(created.json.doc.number).toMatch(/^CUS\d{11,}$/)
    expect(created.json.doc.hash).toBeUndefined()

    const updated = await api(`/api/customers/${id}`, { method: 'PATCH', token: csToken, body: { area: 'Sukmajaya' } })
    expect(updated.json.doc.area).toBe('Sukmajaya')
    const listed = await api(`/api/customers?where[number][equals]=${created.json.doc.number}&depth=0`, {
      token: csToken,
    })
    expect(listed.json.docs.map((d: { id: number }) => d.id)).toEqual([id])
  })

  it('answers a GraphQL query with the same data', async () => {
    const { customer } = await createCustomer(payload, { area: 'Limo' })
    const res = await gql(
      `query($id: Int!) { Customer(id: $id) { id name phone area status } }`,
      { id: customer.id },
      csToken,
    )
    expect(res.errors).toBeUndefined()
    expect(res.data.Customer).toEqual({
      id: customer.id,
      name: customer.name,
      phone: customer.phone,
      area: 'Limo',
      status: 'active',
    })
  })

  it('rejects malformed JSON and invalid fields with 400 and a message, writing nothing', async () => {
    const before = await payload.count({ collection: 'customers', overrideAccess: true })
    const malformed = await api('/api/customers', { method: 'POST', token: csToken, body: '{"name": "Budi",' })
    expect(malformed.status).toBeGreaterThanOrEqual(400)
    expect(malformed.status).toBeLessThan(500)
    const invalid = await api('/api/customers', {
      method: 'POST',
      token: csToken,
      body: { name: 'Budi', phone: '12345', password: TEST_PASSWORD },
    })
    expect(invalid.status).toBe(400)
    expect(JSON.stringify(invalid.json)).toMatch(/Nomor HP tidak valid/)
    const oversized = await api('/api/customers', {
      method: 'POST',
      token: csToken,
      body: { name: 'B'.repeat(5000), phone: '081233334444', password: TEST_PASSWORD },
    })
    expect(oversized.status).toBe(400)
    expect((await payload.count({ collection: 'customers', overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })

  it('refuses anonymous writes', async () => {
    const res = await api('/api/customers', {
      method: 'POST',
      body: { name: 'Anon', phone: '081200001111', password: TEST_PASSWORD },
    })
    expect(res.status).toBe(403)
  })
})

describe('portal login', () => {
  it('signs a customer in with the customer number or the phone number typed any way', async () => {
    const { customer } = await createCustomer(payload)
    const local = `0${customer.phone.slice(2)}`
    for (const loginName of [customer.number!, customer.number!.toLowerCase(), local, `+${customer.phone}`]) {
      const res = await api('/api/customers/portal-login', {
        method: 'POST',
        body: { login: loginName, password: TEST_PASSWORD },
      })
      expect(res.status, loginName).toBe(200)
      expect(res.json.user.id).toBe(customer.id)
      expect(res.headers.get('set-cookie')).toMatch(/payload-token=/)
    }
  })

  it('answers a wrong password and an unknown account the same way', async () => {
    const { customer } = await createCustomer(payload)
    const wrong = await api('/api/customers/portal-login', {
      method: 'POST',
      body: { login: customer.number, password: 'salah-sandi' },
    })
    const unknown = await api('/api/customers/portal-login', {
      method: 'POST',
      body: { login: '081299998888', password: 'salah-sandi' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.json).toEqual(unknown.json)
  })

  it('asks for the customer number when a phone belongs to several customers', async () => {
    const phone = uniquePhone()
    await createCustomer(payload, { phone })
    await createCustomer(payload, { phone })
    const res = await api('/api/customers/portal-login', {
      method: 'POST',
      body: { login: phone, password: TEST_PASSWORD },
    })
    expect(res.status).toBe(409)
    expect(res.json.errors[0].message).toMatch(/nomor pelanggan/)
  })

  it('rejects malformed, missing and oversized input with 400', async () => {
    for (const body of [
      'not json',
      {},
      { login: 'x' },
      { login: 12, password: 'x' },
      { login: 'x'.repeat(65), password: 'x' },
      { login: 'CUS1', password: 'x'.repeat(257) },
    ]) {
      const res = await api('/api/customers/portal-login', { method: 'POST', body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json.errors[0].message).toBeTruthy()
    }
  })
})

describe('rate limits', () => {
  it('makes a client address wait after 20 failed sign-in attempts, on every auth route (more in sign-in.test.ts)', async () => {
    const ip = freshIp()
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) {
      const res = await api('/api/users/login', {
        method: 'POST',
        ip,
        body: { email: `nobody-${i}@uji.id`, password: 'x' },
      })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses[20]).toBe(429)
    const portal = await api('/api/customers/portal-login', {
      method: 'POST',
      ip,
      body: { login: 'CUS1', password: 'x' },
    })
    expect(portal.status).toBe(429)
    expect(portal.json.errors[0].message).toMatch(/Terlalu banyak/)
    const reset = await api('/api/users/forgot-password', { method: 'POST', ip, body: { email: 'a@b.id' } })
    expect(reset.status).toBe(429)
    // Another address is not affected.
    expect((await api('/api/users/login', { method: 'POST', body: { email: 'x@uji.id', password: 'x' } })).status).toBe(
      401,
    )
  })
})

describe('uploads', () => {
  const png = () =>
    sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366ff' } })
      .png()
      .toBuffer()
  const form = (bytes: Buffer | string, name: string, type: string) => {
    const data = new FormData()
    data.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name)
    data.append('_payload', JSON.stringify({ alt: 'uji' }))
    return data
  }

  it('accepts an image and records who uploaded it, ignoring an owner sent in the body', async () => {
    const { customer } = await createCustomer(payload)
    const { customer: other } = await createCustomer(payload)
    const token = await login('customers', { username: customer.number!, password: TEST_PASSWORD })
    const data = form(await png(), 'bukti-transfer.png', 'image/png')
    data.set('_payload', JSON.stringify({ alt: 'bukti', owner: other.id }))
    const res = await api('/api/media', { method: 'POST', token, body: data })
    expect(res.status).toBe(201)
    expect(res.json.doc.mimeType).toBe('image/png')
    const stored = await payload.findByID({ collection: 'media', id: res.json.doc.id, overrideAccess: true, depth: 0 })
    expect(stored.owner).toBe(customer.id)
    const file = await api(`/api/media/file/${res.json.doc.filename}`, { token })
    expect(file.status).toBe(200)
  })

  it('accepts a PDF (a scanned receipt) and refuses a truncated one', async () => {
    const res = await api('/api/media', {
      method: 'POST',
      token: csToken,
      body: form(minimalPdf(), 'kwitansi.pdf', 'application/pdf'),
    })
    expect(res.status).toBe(201)
    expect(res.json.doc.mimeType).toBe('application/pdf')
    const truncated = minimalPdf().subarray(0, 200)
    const bad = await api('/api/media', {
      method: 'POST',
      token: csToken,
      body: form(truncated, 'rusak.pdf', 'application/pdf'),
    })
    expect(bad.status).toBe(400)
  })

  it.each([
    ['HTML renamed to .png', '<html><script>alert(1)</script></html>', 'foto.png', 'image/png'],
    [
      'an SVG image',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'logo.svg',
      'image/svg+xml',
    ],
    ['a script', '#!/bin/sh\nrm -rf /', 'run.sh', 'application/x-sh'],
  ])('rejects %s', async (_label, content, name, type) => {
    const before = await payload.count({ collection: 'media', overrideAccess: true })
    const res = await api('/api/media', { method: 'POST', token: csToken, body: form(content, name, type) })
    expect(res.status).toBe(400)
    expect((await payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })

  it('rejects a file over the size limit', async () => {
    const big = await sharp({ create: { width: 1400, height: 1400, channels: 3, background: '#000' } })
      .raw()
      .toBuffer()
    const bmpLike = Buffer.concat([await png(), big])
    const before = await payload.count({ collection: 'media', overrideAccess: true })
    const res = await api('/api/media', {
      method: 'POST',
      token: csToken,
      body: form(bmpLike, 'besar.png', 'image/png'),
    })
    expect(res.status).toBe(413)
    expect(res.json.errors[0].message).toMatch(/terlalu besar: maksimal 2 MB/)
    expect((await payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before.totalDocs)
  })

  it('refuses anonymous uploads', async () => {
    const res = await api('/api/media', { method: 'POST', body: form(await png(), 'x.png', 'image/png') })
    expect(res.status).toBe(403)
  })
})

describe('GraphQL input', () => {
  it('reports a malformed query as an error without a server failure', async () => {
    const res = await gql('{ Customers( }', {}, csToken)
    expect(res.status).toBeLessThan(500)
    expect(res.errors?.[0]?.message).toMatch(/Syntax Error/)
    expect(res.data ?? null).toBeNull()
  })

  it('does not let an anonymous caller list customers', async () => {
    const res = await gql('{ Customers { docs { id name } } }')
    expect(res.errors?.[0]?.message ?? '').toMatch(/not allowed|tidak diizinkan|izin/i)
    expect(res.data?.Customers ?? null).toBeNull()
  })
})

/** A small, well-formed one-page PDF with a correct cross-reference table. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 35 >>\nstream\nBT /F1 12 Tf 20 100 Td (Lunas) Tj ET\nendstream',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((content, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${i + 1} 0 obj\n${content}\nendobj\n`
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
