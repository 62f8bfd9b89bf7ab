import type { Payload } from 'payload'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { formatPhone } from '../../src/lib/phone'
import { launchChromium } from '../helpers/browser'
import { createStaff } from '../helpers/fixtures'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

let payload: Payload
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  payload = await testPayload()
  browser = await launchChromium()
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
})

describe('importing customers from a spreadsheet in the admin', () => {
  it('customer service checks a file with a bad row, imports it and follows the progress', async () => {
    const staff = await createStaff(payload, 'customer_service')
    const context = await browser.newContext({
      locale: 'id-ID',
      timezoneId: 'Asia/Jakarta',
      viewport: { width: 1400, height: 1000 },
    })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${inject('serverUrl')}/admin/login`)
    await page.locator('input[name="email"]').fill(staff.email)
    await page.locator('input[name="password"]').fill(staff.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })

    // In the menu (which may be folded away at this width), then opened.
    expect(await page.locator('nav a', { hasText: 'Impor pelanggan' }).first().getAttribute('href')).toBe(
      '/admin/impor-pelanggan',
    )
    await page.goto(`${inject('serverUrl')}/admin/impor-pelanggan`)
    const phone = uniquePhone()
    const fileName = `${unique('halaman-')}.csv`
    const csv = `Nama,No HP,Alamat\nLestari,${formatPhone(phone)},Jl. Kamboja 12\nMaman,0812,Jl. Kamboja 13\n`
    await page
      .locator('#customer-import-file')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: 'Periksa (uji coba)' }).click()
    const summary = page.getByTestId('customer-import-summary')
    await summary.waitFor({ timeout: 30_000 })
    expect(await summary.innerText()).toBe('2 baris: 1 akan dibuat, 0 dilewati (sudah ada), 1 ditolak.')
    expect(await page.getByTestId('import-row-3').innerText()).toContain('No. HP "0812" tidak valid')
    // The dry run wrote nothing.
    expect(
      (await payload.count({ collection: 'customers', where: { phone: { equals: phone } }, overrideAccess: true }))
        .totalDocs,
    ).toBe(0)

    await page.getByRole('button', { name: 'Impor', exact: true }).click()
    const progress = page.getByTestId('customer-import-progress')
    await progress.waitFor({ timeout: 30_000 })
    expect(await progress.getAttribute('data-status')).toBe('queued')

    // A worker runs the job; the page follows it without a reload.
    const record = (
      await payload.find({
        collection: 'customer-imports',
        where: { fileName: { equals: fileName } },
        overrideAccess: true,
      })
    ).docs[0]!
    const jobs = await payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'importCustomers' }, completedAt: { exists: false } },
      limit: 100,
      overrideAccess: true,
    })
    const job = jobs.docs.find((j) => (j.input as { importId?: number } | null)?.importId === record.id)!
    await payload.jobs.runByID({ id: job.id, overrideAccess: true })
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 30_000 }).toBe('done')
    expect(await page.getByTestId('customer-import-counts').innerText()).toBe(
      '2 dari 2 baris diproses: 1 dibuat, 0 dilewati, 1 ditolak.',
    )
    expect(await page.getByTestId('customer-import-problems').getAttribute('href')).toBe(
      `/api/customer-import/${record.id}/problems`,
    )
    expect(
      (await payload.count({ collection: 'customers', where: { phone: { equals: phone } }, overrideAccess: true }))
        .totalDocs,
    ).toBe(1)
  }, 180_000)

  it('finance gets the 403 notice on the import page and no menu link', async () => {
    const staff = await createStaff(payload, 'finance')
    const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${inject('serverUrl')}/admin/login`)
    await page.locator('input[name="email"]').fill(staff.email)
    await page.locator('input[name="password"]').fill(staff.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
    expect(await page.locator('nav a', { hasText: 'Impor pelanggan' }).count()).toBe(0)
    await page.goto(`${inject('serverUrl')}/admin/impor-pelanggan`)
    await page.getByTestId('admin-view-forbidden').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('customer-import').count()).toBe(0)
  }, 120_000)
})
