/**
 * The customer portal in Debian's Chromium at a phone's size (390×844), against the production
 * server: sign in by phone number, read the dashboard, open an invoice, upload a transfer proof and
 * follow it to "terverifikasi" once finance verifies it, open a ticket with a photo; and every main
 * page checked with axe: no serious or critical accessibility violations.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { formatPhone } from '../../src/lib/phone'
import { launchChromium } from '../helpers/browser'
import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let browser: Browser
let context: BrowserContext
let page: Page
let customer: Awaited<ReturnType<typeof createCustomer>>['customer']
let invoiceId: number
let invoiceNumber: string
let photoPath: string

const url = (p: string) => `${inject('serverUrl')}${p}`

async function seriousViolations(target: Page) {
  const result = await new AxeBuilder({ page: target }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

beforeAll(async () => {
  payload = await testPayload()
  const pkg = await createPackage(payload, { name: unique('Paket Rumah 30 Mbps ') })
  customer = (await createCustomer(payload, { package: pkg.id, name: unique('Siti Portal ') })).customer
  const invoice = await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      issueDate: new Date().toISOString(),
      dueDate: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      lines: [{ description: 'Paket Rumah 30 Mbps', kind: 'package', quantity: 1, unitPrice: 250_000 }],
    } as never,
    overrideAccess: true,
  })
  invoiceId = invoice.id
  invoiceNumber = invoice.number!
  photoPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-')), 'bukti.png')
  await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .png()
    .toFile(photoPath)
  browser = await launchChromium()
  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
  })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
})

describe('customer portal on a phone', () => {
  it('sign-in and forgot-password pages have no serious accessibility violations', async () => {
    await page.goto(url('/portal/masuk'))
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.goto(url('/portal/lupa-sandi'))
    expect.soft(await seriousViolations(page)).toEqual([])
  })

  it('signs in by phone number and shows the dashboard with the unpaid invoice', async () => {
    await page.goto(url('/portal'))
    await page.waitForURL(/\/portal\/masuk$/)
    await page.getByLabel('Nomor pelanggan atau nomor HP').fill(formatPhone(customer.phone))
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    await page.waitForURL(/\/portal$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(customer.name)
    const body = await page.textContent('main')
    expect(body).toContain('Rp250.000')
    expect(body).toContain(invoiceNumber)
    expect(body).toContain('Aktif')
    expect.soft(await seriousViolations(page)).toEqual([])
  })

  it('opens the invoice with its lines, a pay button and the PDF link', async () => {
    await page
      .getByRole('link', { name: new RegExp(invoiceNumber) })
      .first()
      .click()
    await page.waitForURL(new RegExp(`/portal/tagihan/${invoiceId}$`))
    expect(await page.textContent('main')).toContain('Paket Rumah 30 Mbps')
    await expect.poll(() => page.getByRole('button', { name: 'Bayar sekarang' }).count()).toBe(1)
    const pdf = await page.getByRole('link', { name: 'Unduh PDF' }).getAttribute('href')
    // As the browser follows the link from the page (a session cookie counts only on the product's own pages).
    const res = await context.request.get(url(pdf!), { headers: { 'sec-fetch-site': 'same-origin' } })
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toBe('application/pdf')
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.goto(url('/portal/tagihan'))
    expect.soft(await seriousViolations(page)).toEqual([])
  })

  it('uploads a transfer proof, sees it pending, and sees it verified after finance checks it', async () => {
    await page.goto(url(`/portal/pembayaran?tagihan=${invoiceId}`))
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Nomor referensi (boleh kosong)').fill('TRF-001')
    await page.getByLabel('Foto bukti transfer').setInputFiles(photoPath)
    await page.getByRole('button', { name: 'Kirim bukti transfer' }).click()
    // The form says so, then the page reloads with the payment in the history.
    await expect
      .poll(async () => `${await page.textContent('main')} ${await page.getByRole('alert').first().textContent()}`, {
        timeout: 30_000,
      })
      .toMatch(/menunggu verifikasi/i)
    await page.waitForLoadState('load')
    await expect
      .poll(async () => (await page.textContent('main')) ?? '', { timeout: 30_000 })
      .toContain('Menunggu verifikasi')

    const payments = await payload.find({
      collection: 'payments',
      where: { customer: { equals: customer.id } },
      overrideAccess: true,
      depth: 1,
    })
    expect(payments.docs).toHaveLength(1)
    const payment = payments.docs[0]!
    expect(payment.status).toBe('pending')
    expect(payment.amount).toBe(250_000)
    expect(payment.source).toBe('portal')
    // Compressed on the phone: a JPEG went up, not the PNG.
    expect((payment.proof as { mimeType?: string }).mimeType).toBe('image/jpeg')

    const finance = await createStaff(payload, 'finance')
    const token = await login('users', { email: finance.email, password: finance.password })
    expect((await api(`/api/payments/${payment.id}/verify`, { method: 'POST', token })).status).toBeLessThan(300)
    await page.reload()
    expect(await page.textContent('main')).toContain('Terverifikasi')
    await page.goto(url(`/portal/tagihan/${invoiceId}`))
    expect(await page.textContent('main')).toContain('Lunas')
  })

  it('opens a ticket with a photo and follows it', async () => {
    await page.goto(url('/portal/tiket'))
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.getByRole('link', { name: 'Lapor gangguan atau keluhan' }).click()
    await page.waitForURL(/\/portal\/tiket\/baru$/)
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Apa yang terjadi?').fill('Internet mati sejak pagi, lampu LOS merah.')
    await page.getByLabel('Foto (maksimal 3, boleh kosong)').setInputFiles(photoPath)
    await page.getByRole('button', { name: 'Kirim laporan' }).click()
    await page.waitForURL(/\/portal\/tiket\/\d+$/)
    const main = await page.textContent('main')
    expect(main).toContain('Internet mati sejak pagi')
    expect(main).toContain('Baru')
    expect.soft(await seriousViolations(page)).toEqual([])
    const tickets = await payload.find({
      collection: 'tickets',
      where: { customer: { equals: customer.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(tickets.docs).toHaveLength(1)
    expect(tickets.docs[0]!.photos).toHaveLength(1)
  })

  it('package, FAQ and profile pages are accessible, and signing out ends the session', async () => {
    for (const path of ['/portal/paket', '/portal/faq?q=internet+lambat']) {
      await page.goto(url(path))
      expect.soft(await seriousViolations(page), path).toEqual([])
    }
    await page.goto(url('/portal/profil'))
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Keluar' }).click()
    await page.waitForURL(/\/portal\/masuk$/)
    await page.goto(url('/portal'))
    await page.waitForURL(/\/portal\/masuk$/)
  })
})
