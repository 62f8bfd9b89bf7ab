import type { Payload } from 'payload'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { type RasterArchive, rangeServer, rasterPmtiles, solidPng } from '../fixtures/rasterPmtiles'
import { launchChromium } from '../helpers/browser'
import { createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

let payload: Payload
let browser: Browser
let archive: RasterArchive
let host: Awaited<ReturnType<typeof rangeServer>>
let vectorHost: Awaited<ReturnType<typeof rangeServer>>
const COLOUR: [number, number, number] = [10, 120, 200]

async function signIn(): Promise<Page> {
  const staff = await createStaff(payload, 'finance')
  const page = await browser.newPage({
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: { width: 1200, height: 900 },
  })
  await page.goto(`${inject('serverUrl')}/admin/login`)
  await page.locator('input[name="email"]').fill(staff.email)
  await page.locator('input[name="password"]').fill(staff.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
  return page
}

async function setTiles(data: Record<string, unknown>) {
  await payload.updateGlobal({ slug: 'analytics-settings', data, overrideAccess: true })
}

beforeAll(async () => {
  payload = await testPayload()
  browser = await launchChromium()
  // The ISP's own file host: one raster tile at z0, served with Range support.
  archive = rasterPmtiles(solidPng(COLOUR))
  host = await rangeServer('/peta/wilayah.pmtiles', archive.bytes)
  vectorHost = await rangeServer('/peta/vektor.pmtiles', rasterPmtiles(solidPng(COLOUR), 1).bytes)
})

afterAll(async () => {
  await setTiles({ mapTiles: 'none', pmtilesUrl: null, tileAttribution: null })
  await browser?.close()
  await host?.close()
  await vectorHost?.close()
})

describe('coverage map on a self-hosted PMTiles file', () => {
  it('reads the header and the tile by Range requests and draws the tile under the points', async () => {
    await setTiles({ mapTiles: 'pmtiles', pmtilesUrl: host.url, tileAttribution: 'Peta wilayah ISP' })
    const page = await signIn()
    const tileRequests: string[] = []
    page.on('request', (request) => {
      if (request.url() === host.url) tileRequests.push(request.headers()['range'] ?? '')
    })
    await page.goto(`${inject('serverUrl')}/admin/analitik/peta`)
    const map = page.getByTestId('coverage-map')
    expect(await map.getAttribute('data-tiles')).toBe('pmtiles')
    const tile = map.locator('.leaflet-tile-pane img.leaflet-tile.leaflet-tile-loaded')
    await expect.poll(() => tile.count(), { timeout: 30_000 }).toBeGreaterThan(0)
    // The header and root directory in one range, then exactly the tile's bytes.
    const tileRange = `bytes=${archive.tileDataOffset}-${archive.tileDataOffset + archive.tileLength - 1}`
    expect(host.ranges).toContain('bytes=0-16383')
    expect(host.ranges).toContain(tileRange)
    expect(tileRequests).toContain(tileRange)
    // Drawn: the image decoded from the archive, 256 px wide, of the tile's colour.
    const drawn = await tile.first().evaluate((img: HTMLImageElement) => {
      const canvas = document.createElement('canvas')
      canvas.width = canvas.height = 8
      const context = canvas.getContext('2d')!
      context.drawImage(img, 0, 0, 8, 8)
      const [r, g, b] = context.getImageData(4, 4, 1, 1).data
      return { src: img.src.slice(0, 5), complete: img.complete, width: img.naturalWidth, rgb: [r, g, b] }
    })
    expect(drawn).toEqual({ src: 'blob:', complete: true, width: 256, rgb: COLOUR })
    expect(await map.locator('.leaflet-control-attribution').innerText()).toContain('Peta wilayah ISP')
    expect(await page.getByTestId('coverage-tile-error').count()).toBe(0)
    await page.close()
  })

  it('a vector PMTiles file is refused on the page with a reason, the map still works', async () => {
    await setTiles({ mapTiles: 'pmtiles', pmtilesUrl: vectorHost.url })
    const page = await signIn()
    await page.goto(`${inject('serverUrl')}/admin/analitik/peta`)
    await expect.poll(() => page.getByTestId('coverage-tile-error').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.getByTestId('coverage-tile-error').innerText()).toMatch(/tile vektor/)
    await expect
      .poll(() => page.getByTestId('coverage-status').innerText(), { timeout: 30_000 })
      .toMatch(/pelanggan di area yang tampak/)
    expect(await page.locator('.leaflet-tile-pane img.leaflet-tile').count()).toBe(0)
    await page.close()
  })
})
