import pg from 'pg'
import type { Payload } from 'payload'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { generateDataset } from '../../src/seed/generator'
import { launchChromium } from '../helpers/browser'
import { createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

let payload: Payload
let browser: Browser

async function signIn(role: 'finance' | 'customer_service', viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const staff = await createStaff(payload, role)
  const page = await browser.newPage({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport })
  await page.goto(`${inject('serverUrl')}/admin/login`)
  await page.locator('input[name="email"]').fill(staff.email)
  await page.locator('input[name="password"]').fill(staff.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
  return page
}

beforeAll(async () => {
  payload = await testPayload()
  browser = await launchChromium()
  // Two years of generated history behind 150 customers, as the demo has.
  const db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  const technician = await createStaff(payload, 'technician')
  await generateDataset(db, { customers: 150, seed: 11, technicianIds: [technician.user.id] })
  await db.end()
})

afterAll(async () => {
  await browser?.close()
})

describe('analytics in the admin panel', () => {
  it('finance opens the analytics from the nav: numbers, recharts charts, definitions and exports', async () => {
    const page = await signIn('finance')
    // The side nav may be collapsed (inert) at this width: follow the link it carries.
    const navLink = page.locator('a.nav__link', { hasText: 'Pertumbuhan & churn' })
    await expect.poll(() => navLink.count(), { timeout: 30_000 }).toBe(1)
    await page.goto(`${inject('serverUrl')}${await navLink.getAttribute('href')}`)
    await expect.poll(() => page.getByTestId('figure-mrr').innerText(), { timeout: 30_000 }).toMatch(/^Rp[\d.]+$/)
    expect(await page.getByTestId('figure-customers').innerText()).toMatch(/^[\d.]+$/)
    expect(await page.getByTestId('figure-logo-churn').innerText()).toMatch(/%$/)
    // The charts are recharts SVGs.
    for (const chart of ['chart-mrr', 'chart-customers', 'chart-churn', 'chart-forecast'])
      await expect.poll(() => page.getByTestId(chart).locator('.recharts-wrapper').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.getByTestId('table-mrr').locator('tbody tr').count()).toBe(12)
    // Losses stack below zero in every month: contraction and churn bars hang from the zero line,
    // never on top of the new/expansion bars.
    const bars = await page.getByTestId('chart-mrr').evaluate((figure) =>
      [...figure.querySelectorAll('.recharts-bar')].map((layer) =>
        [...layer.querySelectorAll('path.recharts-rectangle')].map((path) => {
          const box = (path as SVGGraphicsElement).getBBox()
          return { x: Math.round(box.x + box.width / 2), top: box.y, bottom: box.y + box.height }
        }),
      ),
    )
    expect(bars).toHaveLength(4)
    const [gains, losses] = [
      [...bars[0]!, ...bars[1]!],
      [...bars[2]!, ...bars[3]!],
    ]
    expect(losses.length).toBeGreaterThan(1)
    // SVG y grows downwards: the zero line is the lowest edge of any gain bar.
    const zero = Math.max(...gains.map((g) => g.bottom))
    for (const gain of gains) expect(gain.top).toBeLessThanOrEqual(zero + 1)
    for (const loss of losses) expect(loss.top).toBeGreaterThanOrEqual(zero - 1)
    expect(await page.getByTestId('forecast-summary').innerText()).toMatch(/Holt-Winters aditif.*MAPE/)
    expect(await page.getByText('Logo churn = pelanggan berkurang dalam bulan').count()).toBe(1)
    expect(await page.getByTestId('export-mrr').getAttribute('href')).toMatch(
      /\/api\/analytics\/export\?table=mrr&from=/,
    )

    // Customer and network health.
    await page.goto(`${inject('serverUrl')}/admin/analitik/kesehatan`)
    await expect.poll(() => page.getByTestId('figure-health').innerText(), { timeout: 30_000 }).toMatch(/^[\d,]+$/)
    expect(await page.getByTestId('table-jaringan').locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('worsening-nodes').innerText()).toMatch(/ODP/)
    await page.close()
  })

  it('the coverage map renders the customers and ODPs offline, with no tiles', async () => {
    const page = await signIn('finance')
    const foreign: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith(inject('serverUrl')) && !request.url().startsWith('data:'))
        foreign.push(request.url())
    })
    await page.goto(`${inject('serverUrl')}/admin/analitik/peta`)
    const map = page.getByTestId('coverage-map')
    await expect
      .poll(() => map.locator('path.map-cluster, path.map-customer').count(), { timeout: 30_000 })
      .toBeGreaterThan(0)
    expect(await map.getAttribute('data-tiles')).toBe('none')
    expect(await map.locator('path.map-odp').count()).toBeGreaterThan(0)
    expect(await map.locator('path.map-density').count()).toBeGreaterThan(0)
    expect(await map.locator('img.leaflet-tile').count()).toBe(0)
    expect(await page.getByTestId('coverage-status').innerText()).toMatch(/[\d.]+ pelanggan di area yang tampak/)
    // Coloured by health: the same map, other colours.
    await page.goto(`${inject('serverUrl')}/admin/analitik/peta?colour=health`)
    await expect
      .poll(() => map.locator('path.map-cluster, path.map-customer').count(), { timeout: 30_000 })
      .toBeGreaterThan(0)
    expect(await page.getByText('Skor 80–100').count()).toBe(1)
    expect(foreign).toEqual([])
    await page.close()
  })

  it('on a phone the charts fit the screen', async () => {
    const page = await signIn('finance', { width: 390, height: 844 })
    await page.goto(`${inject('serverUrl')}/admin/analitik`)
    const chart = page.getByTestId('chart-mrr').locator('.recharts-wrapper')
    await expect.poll(() => chart.count(), { timeout: 30_000 }).toBe(1)
    const box = await chart.boundingBox()
    expect(box!.width).toBeGreaterThan(200)
    expect(box!.width).toBeLessThanOrEqual(390)
    await page.close()
  })

  it('customer service sees the technician ranking and CSAT, and a 403 page on the rest', async () => {
    const page = await signIn('customer_service')
    await page.goto(`${inject('serverUrl')}/admin/analitik/teknisi`)
    await expect
      .poll(() => page.getByTestId('table-teknisi').locator('tbody tr').count(), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => page.getByTestId('chart-csat').locator('.recharts-wrapper').count(), { timeout: 30_000 })
      .toBe(1)
    await page.goto(`${inject('serverUrl')}/admin/analitik`)
    await expect.poll(() => page.getByTestId('admin-view-forbidden').count(), { timeout: 30_000 }).toBe(1)
    await page.close()
  })
})
