import ExcelJS from 'exceljs'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { formatPhone } from '../../src/lib/phone'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

let payload: Payload
let csToken: string
let adminToken: string
let financeToken: string
let technicianToken: string
let packageName: string
let packageId: number

const csvFile = (text: string, name = 'pelanggan.csv') => {
  const form = new FormData()
  form.append('file', new Blob([text], { type: 'text/csv' }), name)
  return form
}

async function xlsxFile(rows: (string | number)[][], name = 'pelanggan.xlsx') {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Pelanggan')
  for (const row of rows) sheet.addRow(row)
  const form = new FormData()
  form.append(
    'file',
    new Blob([new Uint8Array(await workbook.xlsx.writeBuffer())], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    name,
  )
  return form
}

const customersWithPhones = async (phones: string[]) =>
  (
    await payload.find({
      collection: 'customers',
      where: { phone: { in: phones } },
      limit: 100,
      depth: 0,
      overrideAccess: true,
    })
  ).docs

const importsNamed = async (fileName: string) =>
  (
    await payload.count({
      collection: 'customer-imports',
      where: { fileName: { equals: fileName } },
      overrideAccess: true,
    })
  ).totalDocs

async function runImportJob(jobId: number | string) {
  await payload.jobs.runByID({ id: jobId, overrideAccess: true })
}

beforeAll(async () => {
  payload = await testPayload()
  const tokenOf = async (role: 'admin' | 'customer_service' | 'finance' | 'technician') => {
    const staff = await createStaff(payload, role)
    return login('users', { email: staff.email, password: staff.password })
  }
  ;[csToken, adminToken, financeToken, technicianToken] = await Promise.all([
    tokenOf('customer_service'),
    tokenOf('admin'),
    tokenOf('finance'),
    tokenOf('technician'),
  ])
  const pkg = await createPackage(payload, { name: unique('Paket Impor ') })
  packageName = pkg.name
  packageId = pkg.id
})

describe('customer import: who may, and what files', () => {
  it('refuses finance and technicians (403) and anyone not signed in (401), before reading the file', async () => {
    const body = `Nama,No HP\nAni,${formatPhone(uniquePhone())}\n`
    for (const token of [financeToken, technicianToken]) {
      const check = await api('/api/customer-import/check', { method: 'POST', token, body: csvFile(body) })
      expect(check.status).toBe(403)
      expect(check.json.errors[0].message).toBe('Hanya admin dan layanan pelanggan yang boleh mengimpor pelanggan.')
      const start = await api('/api/customer-import', { method: 'POST', token, body: csvFile(body) })
      expect(start.status).toBe(403)
    }
    const anonymous = await api('/api/customer-import/check', { method: 'POST', body: csvFile(body) })
    expect(anonymous.status).toBe(401)
    // An admin may.
    const admin = await api('/api/customer-import/check', { method: 'POST', token: adminToken, body: csvFile(body) })
    expect(admin.status).toBe(200)
  })

  it('answers a malformed file with a clear Indonesian 400', async () => {
    const broken = new FormData()
    broken.append('file', new Blob([Buffer.from('PK\u0003\u0004 ini bukan excel')]), 'rusak.xlsx')
    const excel = await api('/api/customer-import/check', { method: 'POST', token: csToken, body: broken })
    expect(excel.status).toBe(400)
    expect(excel.json.errors[0].message).toMatch(/^Berkas Excel tidak bisa dibaca/)

    const pdf = new FormData()
    pdf.append('file', new Blob(['%PDF-1.4']), 'daftar.pdf')
    const unknown = await api('/api/customer-import/check', { method: 'POST', token: csToken, body: pdf })
    expect(unknown.status).toBe(400)
    expect(unknown.json.errors[0].message).toBe('Jenis berkas tidak dikenal: unggah .xlsx (Excel) atau .csv.')

    const noPhone = await api('/api/customer-import/check', {
      method: 'POST',
      token: csToken,
      body: csvFile('Nama,Alamat\nAni,Jl. Mawar 1\n'),
    })
    expect(noPhone.status).toBe(400)
    expect(noPhone.json.errors[0].message).toBe('Kolom wajib tidak ditemukan di baris judul: No. HP.')

    const unclosed = await api('/api/customer-import/check', {
      method: 'POST',
      token: csToken,
      body: csvFile('Nama,No HP\n"Ani,0812\n'),
    })
    expect(unclosed.status).toBe(400)
    expect(unclosed.json.errors[0].message).toBe('Berkas CSV rusak: ada tanda kutip yang tidak ditutup.')

    const json = await api('/api/customer-import/check', { method: 'POST', token: csToken, body: { nama: 'Ani' } })
    expect(json.status).toBe(400)
    expect(json.json.errors[0].message).toBe('Unggah berkas .xlsx atau .csv di kolom "file" (formulir multipart).')
  })

  it('refuses a file over 2 MB with 413, and imports nothing', async () => {
    const fileName = `${unique('besar-')}.csv`
    const big = `Nama,No HP\n${'Ani,0812-3456-7890\n'.repeat(Math.ceil((2 * 1024 * 1024) / 18) + 10)}`
    const res = await api('/api/customer-import', { method: 'POST', token: csToken, body: csvFile(big, fileName) })
    expect(res.status).toBe(413)
    expect(res.json.errors[0].message).toBe('Berkas terlalu besar: maksimal 2 MB.')
    expect(await importsNamed(fileName)).toBe(0)
  })
})

describe('customer import: dry run, then the job', () => {
  it('the dry run says per row what would happen and writes nothing', async () => {
    const existing = await createCustomer(payload, { name: unique('Lama ') })
    const [good, badPackage, dup] = [uniquePhone(), uniquePhone(), uniquePhone()]
    const fileName = `${unique('uji-')}.csv`
    const csv = [
      'Nama;No. HP;Alamat;Paket;Tanggal tagihan',
      `Budi;${formatPhone(good)};Jl. Melati 2;${packageName};10`,
      `Citra;0812-34;Jl. Kenanga 3;${packageName};5`,
      `Dedi;${formatPhone(badPackage)};Jl. Dahlia 4;Paket Tidak Ada;5`,
      `Eka;+${dup};Jl. Anggrek 5;;`,
      `Eko;${formatPhone(dup)};Jl. Anggrek 6;;`,
      `Fajar;${formatPhone(existing.customer.phone)};Jl. Flamboyan;;`,
      `;${formatPhone(uniquePhone())};Jl. Tanpa Nama;;`,
    ].join('\n')
    const res = await api('/api/customer-import/check', {
      method: 'POST',
      token: csToken,
      body: csvFile(csv, fileName),
    })
    expect(res.status).toBe(200)
    expect(res.json.summary).toEqual({ total: 7, create: 2, skip: 1, error: 4 })
    const byRow = Object.fromEntries(res.json.rows.map((r: { row: number }) => [r.row, r]))
    expect(byRow[2]).toMatchObject({ action: 'create', reasons: [] })
    expect(byRow[3].action).toBe('error')
    expect(byRow[3].reasons[0]).toBe('No. HP "0812-34" tidak valid: gunakan nomor seluler, mis. 0812-3456-7890.')
    expect(byRow[4].reasons).toEqual([
      'Paket "Paket Tidak Ada" tidak ada. Tulis nama paket persis seperti di daftar paket.',
    ])
    expect(byRow[5]).toMatchObject({ action: 'create' })
    expect(byRow[6]).toMatchObject({ action: 'error', reasons: ['No. HP sama dengan baris 5.'] })
    expect(byRow[7].action).toBe('skip')
    expect(byRow[7].reasons[0]).toBe(`Sudah ada: pelanggan ${existing.customer.number} dengan No. HP ini.`)
    expect(byRow[8].reasons).toEqual(['Nama wajib diisi.'])

    expect(await customersWithPhones([good, badPackage, dup])).toEqual([])
    expect(await importsNamed(fileName)).toBe(0)
  })

  it('imports as a job with progress; bad rows in a downloadable sheet; the same file again adds nobody', async () => {
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()]
    const fileName = `${unique('impor-')}.xlsx`
    const rows = [
      ['Nomor pelanggan', 'Nama', 'No HP', 'Alamat', 'Wilayah', 'Paket', 'Status'],
      ['', 'Gita', formatPhone(phones[0]), 'Jl. Cempaka 7', 'Depok', packageName, 'Aktif'],
      // Excel drops the leading 0 of a number typed as a number: still a valid mobile number.
      ['', 'Hadi', Number(phones[1].slice(2)), 'Jl. Teratai 8', 'Depok', '', 'Calon'],
      ['', 'Indah', '12345', 'Jl. Seroja 9', 'Depok', packageName, 'Aktif'],
      ['', 'Joko', formatPhone(phones[2]), 'Jl. Tulip 10', 'Bogor', packageName, 'Entah'],
    ]
    const first = await api('/api/customer-import', {
      method: 'POST',
      token: csToken,
      body: await xlsxFile(rows, fileName),
    })
    expect(first.status).toBe(202)
    expect(first.json.summary).toEqual({ total: 4, create: 2, skip: 0, error: 2 })
    const queued = await api(`/api/customer-import/${first.json.id}`, { token: csToken })
    expect(queued.json).toMatchObject({ status: 'queued', total: 4, processed: 0, created: 0 })
    // Nothing is written until the job runs.
    expect(await customersWithPhones(phones)).toEqual([])

    await runImportJob(first.json.jobId)
    const done = await api(`/api/customer-import/${first.json.id}`, { token: csToken })
    expect(done.json).toMatchObject({
      status: 'done',
      total: 4,
      processed: 4,
      created: 2,
      skipped: 0,
      failed: 2,
      problems: 2,
    })
    const created = await customersWithPhones(phones)
    expect(created.map((c) => [c.name, c.phone, c.status, c.area]).sort()).toEqual([
      ['Gita', phones[0], 'active', 'Depok'],
      ['Hadi', phones[1], 'prospect', 'Depok'],
    ])
    expect(created.find((c) => c.name === 'Gita')!.package).toBe(packageId)
    expect(created.every((c) => /^CUS/.test(c.number ?? ''))).toBe(true)

    const sheet = await fetch(`${inject('serverUrl')}/api/customer-import/${first.json.id}/problems`, {
      headers: { authorization: `JWT ${csToken}` },
    })
    expect(sheet.status).toBe(200)
    expect(sheet.headers.get('content-type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await sheet.arrayBuffer())
    const listed = workbook.worksheets[0]
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1, 5))
    expect(listed[0]).toEqual(['Baris', 'Hasil', 'Alasan', 'Nomor pelanggan'])
    expect(listed.slice(1).map((row) => row.slice(0, 2))).toEqual([
      [4, 'Ditolak'],
      [5, 'Ditolak'],
    ])
    expect(String(listed[1][2])).toContain('No. HP "12345" tidak valid')
    expect(String(listed[2][2])).toContain('Status "Entah" tidak dikenal')

    // Another role cannot read the import's progress or its sheet.
    expect((await api(`/api/customer-import/${first.json.id}`, { token: financeToken })).status).toBe(403)

    // The same file again: both customers are there already, nobody is added.
    const again = await api('/api/customer-import', {
      method: 'POST',
      token: csToken,
      body: await xlsxFile(rows, fileName),
    })
    expect(again.status).toBe(202)
    expect(again.json.summary).toEqual({ total: 4, create: 0, skip: 2, error: 2 })
    await runImportJob(again.json.jobId)
    const second = await api(`/api/customer-import/${again.json.id}`, { token: csToken })
    expect(second.json).toMatchObject({ status: 'done', created: 0, skipped: 2, failed: 2 })
    expect(await customersWithPhones(phones)).toHaveLength(2)
  })

  it('two imports of one file queued before either runs still create each customer once', async () => {
    const phone = uniquePhone()
    const csv = `Nama,No HP,Alamat\nKartika,${formatPhone(phone)},Jl. Sakura 11\n`
    const a = await api('/api/customer-import', { method: 'POST', token: csToken, body: csvFile(csv) })
    const b = await api('/api/customer-import', { method: 'POST', token: adminToken, body: csvFile(csv) })
    expect(a.json.summary.create).toBe(1)
    expect(b.json.summary.create).toBe(1)
    await runImportJob(a.json.jobId)
    await runImportJob(b.json.jobId)
    const [ra, rb] = await Promise.all([
      api(`/api/customer-import/${a.json.id}`, { token: csToken }),
      api(`/api/customer-import/${b.json.id}`, { token: csToken }),
    ])
    expect([ra.json.created, rb.json.created]).toEqual([1, 0])
    expect(rb.json.skipped).toBe(1)
    expect(await customersWithPhones([phone])).toHaveLength(1)
  })
})
