import ExcelJS from 'exceljs'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { StaffRole } from '../../src/access/roles'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { api, freshIp, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let db: pg.Client
const tokens: Partial<Record<StaffRole | 'customer', string>> = {}
let area: string

async function download(path: string, token?: string) {
  const res = await fetch(`${inject('serverUrl')}${path}`, {
    headers: { 'x-forwarded-for': freshIp(), ...(token ? { authorization: `JWT ${token}` } : {}) },
  })
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) }
}

async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as never)
  const rows: unknown[][] = []
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  for (const role of ['admin', 'finance', 'customer_service', 'technician'] as const) {
    const { email, password } = await createStaff(payload, role)
    tokens[role] = await login('users', { email, password })
  }
  const { customer, password } = await createCustomer(payload)
  tokens.customer = await login('customers', { username: customer.number!, password })

  // A hand-made February 2020 in an area of its own: 2 customers at the start (100k, 200k), one
  // leaves, one joins at 300k.
  area = unique('AreaHttp')
  const pkg = await createPackage(payload)
  const ids: number[] = []
  for (let i = 0; i < 3; i++) ids.push((await createCustomer(payload, { area, status: 'prospect' })).customer.id)
  const rows: [number, string, number][] = [
    [ids[0]!, '2020-01-31', 100_000],
    [ids[1]!, '2020-01-31', 200_000],
    [ids[0]!, '2020-02-29', 100_000],
    [ids[2]!, '2020-02-29', 300_000],
  ]
  for (const [customer, day, mrr] of rows)
    await db.query(
      `INSERT INTO mrr_snapshots (customer_id, day, mrr, area, package_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [customer, day, mrr, area, pkg.id],
    )
})
afterAll(async () => {
  await db.end()
})

const OVERVIEW = '/api/analytics/overview'
const TECHNICIANS = '/api/analytics/technicians'
const HEALTH = '/api/analytics/health'

describe('who reads the analytics', () => {
  it('admin and finance read every view; customer service only the technician ranking', async () => {
    const expectations: [string, keyof typeof tokens | null, number][] = [
      [OVERVIEW, 'admin', 200],
      [OVERVIEW, 'finance', 200],
      [OVERVIEW, 'customer_service', 403],
      [OVERVIEW, 'technician', 403],
      [OVERVIEW, 'customer', 403],
      [OVERVIEW, null, 401],
      [HEALTH, 'admin', 200],
      [HEALTH, 'finance', 200],
      [HEALTH, 'customer_service', 403],
      [HEALTH, 'technician', 403],
      [HEALTH, 'customer', 403],
      [HEALTH, null, 401],
      [TECHNICIANS, 'admin', 200],
      [TECHNICIANS, 'finance', 200],
      [TECHNICIANS, 'customer_service', 200],
      [TECHNICIANS, 'technician', 403],
      [TECHNICIANS, 'customer', 403],
      [TECHNICIANS, null, 401],
    ]
    for (const [path, who, status] of expectations) {
      const res = await api(path, { token: who ? tokens[who] : undefined })
      expect({ path, who, status: res.status }).toEqual({ path, who, status })
      if (status >= 400) expect(res.json.errors[0].message).toMatch(/Silakan masuk|tidak berhak/)
    }
  })

  it('exports follow the same rules', async () => {
    expect((await download('/api/analytics/export?table=teknisi', tokens.customer_service)).status).toBe(200)
    expect((await download('/api/analytics/export?table=mrr', tokens.customer_service)).status).toBe(403)
    expect((await download('/api/analytics/export?table=kesehatan', tokens.technician)).status).toBe(403)
    expect((await download('/api/analytics/export?table=mrr', tokens.customer)).status).toBe(403)
    expect((await download('/api/analytics/export?table=mrr')).status).toBe(401)
  })

  it('the snapshots themselves: finance reads them, customer service, technicians and customers do not', async () => {
    expect((await api('/api/mrr-snapshots?limit=1', { token: tokens.finance })).status).toBe(200)
    for (const who of ['customer_service', 'technician', 'customer'] as const)
      expect((await api('/api/mrr-snapshots?limit=1', { token: tokens[who] })).status).toBe(403)
    const anonymous = await api('/api/mrr-snapshots?limit=1')
    expect(anonymous.status).toBe(403)
    // Nobody writes them over the API.
    const write = await api('/api/mrr-snapshots', {
      method: 'POST',
      token: tokens.admin,
      body: { customer: 1, day: '2020-01-01', mrr: 1 },
    })
    expect(write.status).toBe(403)
  })
})

describe('filters and numbers', () => {
  it('malformed filters get a 400 in Indonesian', async () => {
    for (const query of ['from=2026-13', 'from=2026-05&to=2026-04', 'to=2999-01', 'package=abc', 'from=abc']) {
      const res = await api(`${OVERVIEW}?${query}`, { token: tokens.finance })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toMatch(/harus|tidak boleh/)
    }
    const table = await api('/api/analytics/export?table=rahasia', { token: tokens.finance })
    expect(table.status).toBe(400)
    expect(table.json.errors[0].message).toMatch(/tidak dikenal/)
  })

  it('the API and the Excel export give the same numbers for the same filters', async () => {
    const query = `from=2020-02&to=2020-02&area=${encodeURIComponent(area)}`
    const res = await api(`${OVERVIEW}?${query}`, { token: tokens.finance })
    expect(res.status).toBe(200)
    expect(res.json.months).toEqual([
      expect.objectContaining({
        month: '2020-02',
        complete: true,
        startMrr: 300_000,
        newMrr: 300_000,
        churnedMrr: 200_000,
        endMrr: 400_000,
        startCustomers: 2,
        lostCustomers: 1,
        gainedCustomers: 1,
        logoChurn: 50,
        grossRetention: 33.33,
        arpu: 200_000,
      }),
    ])
    const file = await download(`/api/analytics/export?table=mrr&${query}`, tokens.finance)
    expect(file.status).toBe(200)
    expect(file.type).toContain('spreadsheetml')
    const rows = await sheetRows(file.body)
    expect(rows[0]).toEqual(['Pergerakan MRR'])
    expect(String(rows[1]![0])).toContain(`wilayah ${area}`)
    const header = rows.findIndex((r) => r[0] === 'Bulan')
    expect(rows[header]).toEqual(['Bulan', 'Awal', 'Baru', 'Ekspansi', 'Kontraksi', 'Churn', 'Akhir', 'Bersih'])
    expect(rows[header + 1]).toEqual(['Februari 2020', 300_000, 300_000, 0, 0, 200_000, 400_000, 100_000])
    // The definitions travel with the numbers.
    expect(rows.some((r) => String(r[0]).startsWith('MRR (pendapatan berulang bulanan)'))).toBe(true)

    const churn = await sheetRows((await download(`/api/analytics/export?table=churn&${query}`, tokens.admin)).body)
    const churnHeader = churn.findIndex((r) => r[0] === 'Bulan')
    expect(churn[churnHeader + 1]).toEqual(['Februari 2020', 50, 66.67, 33.33, 33.33, 200_000])
  })
})

describe('termination over REST', () => {
  it('customer service must give a reason; with one, the customer is terminated and dated', async () => {
    const { customer } = await createCustomer(payload)
    const refused = await api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      token: tokens.customer_service,
      body: { status: 'terminated' },
    })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.json)).toContain('Pilih alasan berhenti')
    const done = await api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      token: tokens.customer_service,
      body: { status: 'terminated', terminationReason: 'price' },
    })
    expect(done.status).toBe(200)
    expect(done.json.doc).toMatchObject({ status: 'terminated', terminationReason: 'price' })
    expect(done.json.doc.terminatedAt).toBeTruthy()
  })
})

describe('coverage map data', () => {
  const MAP = '/api/analytics/map'
  let mapArea: string
  const made: Record<string, number> = {}

  beforeAll(async () => {
    mapArea = unique('AreaPeta')
    const odp = unique('ODP-PETA-')
    const spots: [string, string, number | null, number | null][] = [
      ['active1', 'active', -6.4001, 106.8201],
      ['active2', 'active', -6.4003, 106.8205],
      ['suspended', 'suspended', -6.4005, 106.8203],
      ['prospect', 'prospect', -6.4002, 106.8207],
      ['terminated', 'terminated', -6.4004, 106.8202],
      ['nowhere', 'active', null, null],
    ]
    for (const [name, status, latitude, longitude] of spots) {
      const { customer } = await createCustomer(payload, {
        area: mapArea,
        odp,
        status,
        ...(latitude === null ? {} : { latitude, longitude }),
        ...(status === 'terminated' ? { terminationReason: 'moved' } : {}),
      })
      made[name] = customer.id
    }
  })

  it('only admin and finance get it; the others 403, nobody 401', async () => {
    const expectations: [keyof typeof tokens | null, number][] = [
      ['admin', 200],
      ['finance', 200],
      ['customer_service', 403],
      ['technician', 403],
      ['customer', 403],
      [null, 401],
    ]
    for (const [who, status] of expectations) {
      const res = await api(`${MAP}?area=${encodeURIComponent(mapArea)}`, { token: who ? tokens[who] : undefined })
      expect({ who, status: res.status }).toEqual({ who, status })
    }
  })

  it('close up: each customer with coordinates as itself, no names, phones or addresses; the ODP at their centroid', async () => {
    const res = await api(`${MAP}?area=${encodeURIComponent(mapArea)}&zoom=17`, { token: tokens.finance })
    expect(res.status).toBe(200)
    const data = res.json
    // Active, isolir and prospect with coordinates; not the terminated one, not the one without a place.
    expect(data.total).toBe(4)
    expect(
      data.points
        .map((p: { id: number; key: string; count: number }) => [p.id, p.key, p.count])
        .sort((a: number[], b: number[]) => a[0]! - b[0]!),
    ).toEqual([
      [made.active1, 'active', 1],
      [made.active2, 'active', 1],
      [made.suspended, 'suspended', 1],
      [made.prospect, 'prospect', 1],
    ])
    for (const point of data.points)
      expect(Object.keys(point).sort()).toEqual(['count', 'id', 'key', 'lat', 'lng', 'number', 'status'])
    expect(JSON.stringify(data.points)).not.toMatch(/"(name|phone|address|email)"/)
    for (const node of data.odps)
      expect(Object.keys(node).sort()).toEqual(['customers', 'key', 'lat', 'lng', 'name', 'score'])
    // The ODP: the three customers on it (prospects are not), at their mean position.
    expect(data.odps).toHaveLength(1)
    expect(data.odps[0].customers).toBe(3)
    expect(data.odps[0].lat).toBeCloseTo((-6.4001 - 6.4003 - 6.4005) / 3, 6)
    expect(data.odps[0].lng).toBeCloseTo((106.8201 + 106.8205 + 106.8203) / 3, 6)
    expect(data.extent).toEqual([
      [-6.4005, 106.8201],
      [-6.4001, 106.8207],
    ])
  })

  it('zoomed out: one cluster of four, mostly active; by health only active and isolir, healthy on average', async () => {
    const res = await api(`${MAP}?area=${encodeURIComponent(mapArea)}&zoom=10`, { token: tokens.admin })
    expect(res.json.points).toEqual([{ lat: expect.any(Number), lng: expect.any(Number), count: 4, key: 'active' }])
    expect(res.json.density.map((d: { count: number }) => d.count)).toEqual([4])
    const health = await api(`${MAP}?area=${encodeURIComponent(mapArea)}&zoom=10&colour=health`, {
      token: tokens.finance,
    })
    expect(health.json.points).toEqual([
      // 100, 100 and 90 (the isolir customer's suspension costs 10): mean 96.7 → 97.
      { lat: expect.any(Number), lng: expect.any(Number), count: 3, key: 'h3', score: 97 },
    ])
    // Outside the box: nothing.
    const away = await api(`${MAP}?area=${encodeURIComponent(mapArea)}&zoom=12&bbox=-7,110,-6.9,110.1`, {
      token: tokens.finance,
    })
    expect([away.json.total, away.json.points.length]).toEqual([0, 0])
  })

  it('the tile setting: admin sets it, finance reads it, a template without {z}/{x}/{y} is refused', async () => {
    const SETTINGS = '/api/globals/analytics-settings'
    expect((await api(SETTINGS, { token: tokens.finance })).json.mapTiles).toBe('none')
    expect((await api(SETTINGS, { token: tokens.customer_service })).status).toBe(403)
    const bad = await api(SETTINGS, {
      method: 'POST',
      token: tokens.admin,
      body: { mapTiles: 'url', tileUrl: 'https://tile.contoh.id/peta.png' },
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.json)).toMatch(/harus memuat \{z\}/)
    const byFinance = await api(SETTINGS, { method: 'POST', token: tokens.finance, body: { mapTiles: 'url' } })
    expect(byFinance.status).toBe(403)
    expect((await api(SETTINGS, { token: tokens.admin })).json.mapTiles).toBe('none')
  })

  it('the PMTiles setting: an http(s) or same-server .pmtiles address is kept, anything else refused', async () => {
    const SETTINGS = '/api/globals/analytics-settings'
    const set = (body: Record<string, unknown>) => api(SETTINGS, { method: 'POST', token: tokens.admin, body })
    try {
      const refused: [unknown, RegExp][] = [
        [undefined, /Isi alamat berkas PMTiles/],
        [
          'ftp://peta.contoh.id/wilayah.pmtiles',
          /harus diawali http:\/\/, https:\/\/, atau garis miring untuk berkas di server ini\./,
        ],
        ['peta/wilayah.pmtiles', /harus diawali/],
        ['//peta.contoh.id/wilayah.pmtiles', /harus diawali/],
        ['https://peta.contoh.id/wilayah.mbtiles', /berakhiran \.pmtiles/],
        ['https://peta.contoh.id/.pmtiles', /berakhiran \.pmtiles/],
        ['https://peta.contoh.id/{z}/{x}/{y}.png', /berakhiran \.pmtiles/],
        ['/peta/wilayah ku.pmtiles', /spasi/],
      ]
      for (const [pmtilesUrl, message] of refused) {
        const res = await set({ mapTiles: 'pmtiles', pmtilesUrl })
        expect(res.status, String(pmtilesUrl)).toBe(400)
        expect(JSON.stringify(res.json), String(pmtilesUrl)).toMatch(message)
      }
      // Nothing half-written: still no background.
      expect((await api(SETTINGS, { token: tokens.finance })).json.mapTiles).toBe('none')

      for (const pmtilesUrl of [
        'https://peta.contoh.id/tiles/wilayah.pmtiles',
        'http://10.0.0.5:8080/wilayah.PMTILES?v=2',
        '/peta/wilayah.pmtiles',
      ]) {
        const res = await set({ mapTiles: 'pmtiles', pmtilesUrl })
        expect(res.status, pmtilesUrl).toBe(200)
        const read = (await api(SETTINGS, { token: tokens.finance })).json
        expect([read.mapTiles, read.pmtilesUrl]).toEqual(['pmtiles', pmtilesUrl])
      }
      // The tile-template check does not apply to a PMTiles address, and the other way round.
      expect((await set({ mapTiles: 'url', tileUrl: 'https://tile.contoh.id/{z}/{x}/{y}.png' })).status).toBe(200)
      expect((await api(SETTINGS, { token: tokens.finance })).json.mapTiles).toBe('url')
    } finally {
      await set({ mapTiles: 'none' })
    }
    expect((await api(SETTINGS, { token: tokens.admin })).json.mapTiles).toBe('none')
  })

  it('bad map parameters get a 400 in Indonesian', async () => {
    const zoom = await api(`${MAP}?zoom=99`, { token: tokens.finance })
    expect(zoom.status).toBe(400)
    expect(zoom.json.errors[0].message).toMatch(/zoom/)
    const bbox = await api(`${MAP}?bbox=1,2,3`, { token: tokens.finance })
    expect(bbox.status).toBe(400)
    expect(bbox.json.errors[0].message).toMatch(/bbox.*derajat/)
  })
})
