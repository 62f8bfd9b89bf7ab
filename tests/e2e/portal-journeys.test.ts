/**
 * Portal journeys in Debian's Chromium at a phone's size (390×844), against the production server
 * and the fake Midtrans: a customer in isolir signs in by phone, reads why and how to be restored,
 * pays through Midtrans, comes back to the portal and sees the invoice lunas and the service
 * restored; the speed test runs from its button and saves a result; the profile changes the
 * password (with the current one) and the notification choices. Every page checked with axe.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { formatPhone } from '../../src/lib/phone'
import { launchChromium } from '../helpers/browser'
import { createCustomer, createPackage, TEST_PASSWORD } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let browser: Browser
let context: BrowserContext
let page: Page
let customer: Awaited<ReturnType<typeof createCustomer>>['customer']
let invoiceId: number
let invoiceNumber: string

const url = (p: string) => `${inject('serverUrl')}${p}`

async function seriousViolations(target: Page) {
  const result = await new AxeBuilder({ page: target }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

beforeAll(async () => {
  payload = await testPayload()
  const pkg = await createPackage(payload, { name: unique('Paket Keluarga 20 Mbps '), monthlyPrice: 180_000 })
  customer = (await createCustomer(payload, { package: pkg.id, name: unique('Rina Isolir ') })).customer
  const invoice = await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      issueDate: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      lines: [{ description: 'Paket Keluarga 20 Mbps', kind: 'package', quantity: 1, unitPrice: 180_000 }],
    } as never,
    overrideAccess: true,
  })
  invoiceId = invoice.id
  invoiceNumber = invoice.number!
  // In isolir for the overdue invoice, marked as the isolir run marks it.
  await payload.update({
    collection: 'customers',
    id: customer.id,
    data: { status: 'suspended' },
    overrideAccess: true,
  })
  await payload.db.updateOne({ collection: 'customers', id: customer.id, data: { suspensionSource: 'billing' } })
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

describe('pay journey from isolir', () => {
  it('signs in by phone and sees the isolir, why, and how to be restored', async () => {
    await page.goto(url('/portal/masuk'))
    await page.getByLabel('Nomor pelanggan atau nomor HP').fill(formatPhone(customer.phone))
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    await page.waitForURL(/\/portal$/)
    const isolir = page.getByRole('region', { name: 'Layanan Anda diisolir' })
    await expect.poll(() => isolir.count()).toBe(1)
    const text = (await isolir.textContent()) ?? ''
    expect(text).toContain(`Karena tagihan ${invoiceNumber} lewat jatuh tempo`)
    expect(text).toContain('Rp180.000')
    expect(text).toContain('internet aktif kembali otomatis')
    expect(await page.textContent('main')).toContain('Isolir')
    expect.soft(await seriousViolations(page)).toEqual([])
  })

  it('pays through Midtrans, comes back, and sees lunas and the service restored', async () => {
    await page.getByRole('button', { name: 'Bayar Rp180.000' }).click()
    // The gateway's hosted page (the fake Midtrans): the amount and one "Bayar" button.
    await page.waitForURL((u) => u.href.startsWith(inject('midtransUrl')))
    expect(await page.textContent('body')).toContain('180.000')
    await page.getByRole('button', { name: 'Bayar' }).click()
    await expect.poll(async () => (await page.textContent('body')) ?? '').toContain('Pembayaran berhasil')

    // Back to the portal: the invoice is paid, the isolir lifted at once.
    await page.goto(url(`/portal/tagihan/${invoiceId}`))
    expect(await page.textContent('main')).toContain('Lunas pada')
    await page.goto(url('/portal'))
    expect(await page.getByRole('region', { name: 'Layanan Anda diisolir' }).count()).toBe(0)
    const main = (await page.textContent('main')) ?? ''
    expect(main).toContain('Aktif')
    expect(main).toContain('Tidak ada tagihan yang belum dibayar')
    const stored = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true })
    expect(stored.status).toBe('active')
    expect.soft(await seriousViolations(page)).toEqual([])
  })
})

describe('speed test and profile pages', () => {
  it('runs the speed test from its button and keeps the result', async () => {
    await page.goto(url('/portal'))
    await page.getByRole('link', { name: 'Tes kecepatan internet' }).click()
    await page.waitForURL(/\/portal\/tes-kecepatan$/)
    expect(await page.textContent('main')).toContain('unduh 20 Mbps')
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Mulai tes kecepatan' }).click()
    const result = page.getByTestId('hasil-tes')
    await expect.poll(() => result.count(), { timeout: 60_000 }).toBe(1)
    expect(await result.textContent()).toMatch(/Latensi\d+ msUnduh[\d.,]+ Mbps \(paket 20 Mbps\)Unggah[\d.,]+ Mbps/)
    const saved = await payload.find({
      collection: 'speed-tests',
      where: { customer: { equals: customer.id } },
      overrideAccess: true,
    })
    expect(saved.docs).toHaveLength(1)
    expect(saved.docs[0]!.downloadMbps).toBeGreaterThan(0)
    expect(saved.docs[0]!.promisedDownloadMbps).toBe(20)
    await page.reload()
    expect(await page.textContent('main')).not.toContain('Belum ada hasil tes')
  })

  it('changes the password with the current one, and the notification choices', async () => {
    await page.goto(url('/portal/profil'))
    expect.soft(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Kata sandi lama').fill('bukan-sandinya')
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('sandi-baru-4567')
    await page.getByLabel('Ulangi kata sandi baru').fill('sandi-baru-4567')
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click()
    await expect.poll(() => page.getByText('Kata sandi lama salah.').count(), { timeout: 30_000 }).toBe(1)
    await page.getByLabel('Kata sandi lama').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click()
    // Checking the old password and hashing the new one take a moment on a busy machine.
    const passwordForm = page.getByRole('form', { name: 'Ganti kata sandi' })
    await expect
      .poll(async () => (await passwordForm.textContent()) ?? '', { timeout: 30_000 })
      .toContain('Kata sandi baru tersimpan.')

    const promo = page.getByRole('group', { name: 'Promo dan penawaran' })
    await promo.getByLabel('WhatsApp').check()
    await page.getByRole('group', { name: 'Pengingat tagihan' }).getByLabel('Email').uncheck()
    await page.getByRole('button', { name: 'Simpan pilihan notifikasi' }).click()
    await expect.poll(() => page.getByText('Pilihan notifikasi tersimpan.').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.getByTestId('persetujuan').textContent()).toMatch(/^Persetujuan terakhir: .+ WIB$/)
    const stored = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true })
    expect(stored.notificationPreferences).toMatchObject({
      promoWhatsapp: true,
      billingEmail: false,
      billingWhatsapp: true,
    })
    expect(stored.notificationPreferences?.consentedAt).toBeTruthy()
  })
})
