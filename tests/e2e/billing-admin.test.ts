import fs from 'node:fs'

import { createLocalReq, type Payload } from 'payload'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { Customer, User } from '../../src/payload-types'
import { recordPayment } from '../../src/plugins/billing/operations/payments/recordPayment'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let payload: Payload
let browser: Browser
let page: Page
let finance: Awaited<ReturnType<typeof createStaff>>

async function issueInvoice(customer: Customer, amount: number) {
  const now = new Date().toISOString()
  return payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      issueDate: now,
      dueDate: now,
      lines: [{ description: 'Paket Rumahan 20 Mbps', kind: 'package', quantity: 1, unitPrice: amount }],
    } as never,
    overrideAccess: true,
  })
}

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
  finance = await createStaff(payload, 'finance')
  const server = inject('serverUrl')
  await page.goto(`${server}/admin/login`)
  await page.locator('input[name="email"]').fill(finance.email)
  await page.locator('input[name="password"]').fill(finance.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
})

afterAll(async () => {
  await browser?.close()
})

describe('billing in the admin panel', () => {
  it('finance records a cash payment on the customer page; a double click records it once and the invoice is paid', async () => {
    const { customer } = await createCustomer(payload, { name: unique('Siti Rahayu ') })
    const invoice = await issueInvoice(customer as Customer, 185_000)
    const server = inject('serverUrl')

    await page.goto(`${server}/admin/collections/customers/${customer.id}`)
    await page.locator('.tabs-field__tab-button', { hasText: 'Tagihan' }).first().click()
    const form = page.getByTestId('record-payment')
    await expect
      .poll(() => form.getByTestId('record-payment-open-balance').innerText(), { timeout: 30_000 })
      .toBe('Rp185.000')

    await form.locator('input[name="rp-invoice"]').check()
    await expect.poll(() => form.locator('input[name="rp-amount"]').inputValue()).toBe('185000')
    await form.locator('select[name="rp-method"]').selectOption('cash')
    await form.locator('input[name="rp-reference"]').fill('Kuitansi loket 0042')
    await form.getByRole('button', { name: 'Simpan pembayaran' }).dblclick()

    await expect
      .poll(
        () =>
          form
            .getByTestId('record-payment-number')
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/^PAY\d{11,}$/)
    expect(await form.getByTestId('record-payment-status').innerText()).toBe('Terverifikasi')
    await expect
      .poll(() => form.getByTestId('record-payment-open-balance').innerText(), { timeout: 30_000 })
      .toBe('Rp0')

    const payments = await payload.find({
      collection: 'payments',
      where: { customer: { equals: customer.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(payments.docs.map((p) => [p.number, p.amount, p.method, p.status])).toEqual([
      [await form.getByTestId('record-payment-number').innerText(), 185_000, 'cash', 'verified'],
    ])
    const paid = await payload.findByID({ collection: 'invoices', id: invoice.id, overrideAccess: true, depth: 0 })
    expect([paid.status, paid.balanceDue]).toEqual(['paid', 0])
  })

  it('finance verifies a pending payment from the verification queue and it leaves the queue', async () => {
    const { customer } = await createCustomer(payload, { name: unique('Agus Salim ') })
    const invoice = await issueInvoice(customer as Customer, 220_000)
    const cs = (await createStaff(payload, 'customer_service')).user as User
    const req = await createLocalReq({ user: { ...cs, collection: 'users' } as never }, payload)
    const { payment } = await recordPayment({
      req,
      input: {
        customer: customer.id,
        amount: 220_000,
        method: 'bank_transfer',
        reference: unique('BCA-'),
        invoices: [invoice.id],
      },
      idempotencyKey: unique('key-'),
    })
    expect(payment.status).toBe('pending')
    const server = inject('serverUrl')

    await page.goto(`${server}/admin/verifikasi-pembayaran`)
    const row = page.locator(`[data-testid="verification-row"][data-payment="${payment.number}"]`)
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1)
    expect(await row.innerText()).toContain('Rp220.000')
    await row.getByRole('button', { name: 'Verifikasi' }).click()
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0)
    expect(await page.getByTestId('verification-message').innerText()).toContain(
      `${payment.number}: Pembayaran diverifikasi.`,
    )

    const verified = await payload.findByID({ collection: 'payments', id: payment.id, overrideAccess: true, depth: 0 })
    expect(verified.status).toBe('verified')
    const paid = await payload.findByID({ collection: 'invoices', id: invoice.id, overrideAccess: true, depth: 0 })
    expect(paid.status).toBe('paid')
  })

  it('finance opens the revenue report from the nav; its Excel export arrives over HTTP with the same filters', async () => {
    const server = inject('serverUrl')
    await page.goto(`${server}/admin`)
    // The side nav may be collapsed (inert) at this width: follow the link it carries.
    const navLink = page.locator('a.nav__link', { hasText: 'Laporan pendapatan' })
    await expect.poll(() => navLink.count(), { timeout: 30_000 }).toBe(1)
    expect(await page.locator('a.nav__link', { hasText: 'Verifikasi pembayaran' }).count()).toBe(1)
    await page.goto(`${server}${await navLink.getAttribute('href')}`)
    await expect.poll(() => page.getByTestId('revenue-chart').count(), { timeout: 30_000 }).toBe(1)
    // The payments recorded above today are in this month's collected money.
    expect(await page.getByTestId('revenue-collected').innerText()).toMatch(/^Rp[\d.]+$/)
    expect(await page.getByTestId('revenue-by-method').innerText()).toContain('Tunai')

    await page.locator('select[name="method"]').selectOption('cash')
    await page.getByRole('button', { name: 'Terapkan' }).click()
    await page.waitForURL(/method=cash/, { timeout: 30_000 })
    const href = await page.getByTestId('export-xlsx').getAttribute('href')
    expect(href).toMatch(/format=xlsx&month=\d{4}-\d{2}&method=cash/)
    // As the browser follows the link from the page (a session cookie counts only on the product's own pages).
    const sameSite = { headers: { 'sec-fetch-site': 'same-origin' } }
    const res = await page.request.get(`${server}${href}`, sameSite)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="pembayaran-\d{4}-\d{2}\.xlsx"$/)
    const bad = await page.request.get(`${server}/api/payments/export?format=xlsx&month=2026-13`, sameSite)
    expect(bad.status()).toBe(400)
    expect(((await bad.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/tidak valid/)
  })

  it('customer service gets a 403 page on the revenue report and sees the isolir dry run', async () => {
    const cs = await createStaff(payload, 'customer_service')
    const server = inject('serverUrl')
    const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    const csPage = await context.newPage()
    await csPage.goto(`${server}/admin/login`)
    await csPage.locator('input[name="email"]').fill(cs.email)
    await csPage.locator('input[name="password"]').fill(cs.password)
    await csPage.locator('button[type="submit"]').click()
    await csPage.waitForURL(/\/admin\/?$/, { timeout: 60_000 })

    await csPage.goto(`${server}/admin/laporan-pendapatan`)
    await expect.poll(() => csPage.getByTestId('admin-view-forbidden').count(), { timeout: 30_000 }).toBe(1)
    expect(await csPage.getByTestId('revenue-billed').count()).toBe(0)

    await csPage.goto(`${server}/admin/pratinjau-isolir?day=2030-01-15`)
    await expect
      .poll(
        () =>
          csPage
            .getByTestId('suspension-preview-summary')
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/15 Januari 2030/)
    await context.close()
  })
})
