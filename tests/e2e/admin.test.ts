import fs from 'node:fs'

import type { Payload } from 'payload'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { createPackage, createStaff } from '../helpers/fixtures'
import { testPayload } from '../helpers/payload'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let payload: Payload
let browser: Browser
let page: Page

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    )
  payload = await testPayload()
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  page = await browser.newPage({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1400, height: 1000 } })
})

afterAll(async () => {
  await browser?.close()
})

describe('admin panel in a real browser', () => {
  it('a customer service agent logs in and creates a customer, who gets a CUS number and a 628… phone', async () => {
    const cs = await createStaff(payload, 'customer_service')
    const pkg = await createPackage(payload, { name: `Rumahan 20 Mbps ${Date.now()}` })
    const server = inject('serverUrl')

    await page.goto(`${server}/admin/login`)
    await page.locator('input[name="email"]').fill(cs.email)
    await page.locator('input[name="password"]').fill(cs.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })

    await page.goto(`${server}/admin/collections/customers/create`)
    await page.locator('input[name="name"]').fill('Bambang Sutrisno')
    await page.locator('input[name="phone"]').fill('0812-7777-8888')
    await page.locator('textarea[name="address"]').fill('Jl. Tole Iskandar No. 5, Sukmajaya, Depok')
    await page.locator('input[name="password"]').fill('sandi-portal-123')
    await page.locator('input[name="confirm-password"]').fill('sandi-portal-123')
    await page.locator('#action-save').click()
    await page.waitForURL(/\/admin\/collections\/customers\/\d+$/, { timeout: 60_000 })

    const id = Number(page.url().split('/').pop())
    const saved = await payload.findByID({ collection: 'customers', id, overrideAccess: true, depth: 0 })
    expect(saved).toMatchObject({ name: 'Bambang Sutrisno', phone: '6281277778888', status: 'prospect' })
    expect(saved.number).toMatch(/^CUS\d{11,}$/)
    // The number the system assigned is what the agent sees on the page.
    await expect.poll(() => page.locator('input[name="number"]').inputValue(), { timeout: 15_000 }).toBe(saved.number)
    expect(pkg.id).toBeGreaterThan(0)
  })

  it('an admin sees the age of the newest verified backup on the dashboard and can queue one now', async () => {
    const admin = await createStaff(payload, 'admin')
    const server = inject('serverUrl')
    const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    const adminPage = await context.newPage()
    await adminPage.goto(`${server}/admin/login`)
    await adminPage.locator('input[name="email"]').fill(admin.email)
    await adminPage.locator('input[name="password"]').fill(admin.password)
    await adminPage.locator('button[type="submit"]').click()
    await adminPage.waitForURL(/\/admin\/?$/, { timeout: 60_000 })

    const newest = await payload.find({
      collection: 'backups',
      where: { status: { equals: 'verified' } },
      sort: '-finishedAt',
      limit: 1,
      overrideAccess: true,
    })
    const finishedAt = newest.docs[0]?.finishedAt
    const stale = !finishedAt || Date.now() - new Date(finishedAt).getTime() > 26 * 60 * 60 * 1000
    const panel = adminPage.getByTestId('backup-status')
    await expect.poll(() => panel.getAttribute('data-stale'), { timeout: 30_000 }).toBe(String(stale))
    expect(await panel.innerText()).toMatch(stale ? /Peringatan/ : /Cadangan terverifikasi terakhir/)

    const jobsBefore = await payload.count({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'backup' } },
      overrideAccess: true,
    })
    await adminPage.getByRole('button', { name: 'Cadangkan sekarang' }).click()
    await expect
      .poll(
        () =>
          adminPage
            .getByTestId('backup-now-result')
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('Pencadangan dijadwalkan.')
    const jobsAfter = await payload.count({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'backup' } },
      overrideAccess: true,
    })
    expect(jobsAfter.totalDocs).toBe(jobsBefore.totalDocs + 1)
    await context.close()
  })
})
