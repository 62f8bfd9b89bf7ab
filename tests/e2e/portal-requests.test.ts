/**
 * A package change from the portal, end to end at a phone's size (390×844) in Debian's Chromium,
 * against the production server: the customer sees the prorated quote and asks for the change,
 * customer service finds it in the admin queue and approves it, the next invoice carries the
 * proration line, and the customer sees the approval. Then a comment on a ticket. Every portal page
 * visited is checked with axe: no serious or critical violations.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Payload } from 'payload'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { formatPhone } from '../../src/lib/phone'
import { wibIsoDay } from '../../src/lib/wib'
import { generateInvoices } from '../../src/plugins/billing/operations/invoices/generateInvoices'
import { launchChromium } from '../helpers/browser'
import { createCustomer, createPackage, createStaff, TEST_PASSWORD } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let browser: Browser
let page: Page
let customer: Awaited<ReturnType<typeof createCustomer>>['customer']
const pkg = {} as Record<'from' | 'to', { id: number; name: string }>

const url = (p: string) => `${inject('serverUrl')}${p}`
const rupiah = (n: number) => `Rp${new Intl.NumberFormat('id-ID').format(n)}`

async function seriousViolations(target: Page) {
  const result = await new AxeBuilder({ page: target }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

/** The proration for a change today from 200.000 to 320.000 a month, by hand. */
function expectedProration(): number {
  const [year, month, day] = wibIsoDay().split('-').map(Number) as [number, number, number]
  const totalDays = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return Math.round((120_000 * (totalDays - day + 1)) / totalDays)
}

/** The first day of next month (WIB), as the invoice run takes it. */
function nextPeriodDay(): string {
  const [year, month] = wibIsoDay().split('-').map(Number) as [number, number]
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`
}

beforeAll(async () => {
  payload = await testPayload()
  pkg.from = await createPackage(payload, { name: unique('Paket Hemat 20 Mbps '), monthlyPrice: 200_000 })
  pkg.to = await createPackage(payload, { name: unique('Paket Kencang 50 Mbps '), monthlyPrice: 320_000 })
  // Billing day 1: the next month's invoice run on its first day includes this customer.
  customer = (await createCustomer(payload, { package: pkg.from.id, name: unique('Rina Paket '), billingDay: 1 }))
    .customer
  // This month is invoiced (and paid), so a change now is prorated onto the next invoice.
  await payload.create({
    collection: 'invoices',
    data: {
      customer: customer.id,
      period: wibIsoDay().slice(0, 7),
      issueDate: new Date().toISOString(),
      dueDate: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      lines: [{ description: pkg.from.name, kind: 'package', quantity: 1, unitPrice: 200_000 }],
    } as never,
    overrideAccess: true,
  })
  browser = await launchChromium()
  const context = await browser.newContext({
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

describe('changing package from the portal', () => {
  it('signs in, sees the prorated quote and asks for the change', async () => {
    await page.goto(url('/portal/masuk'))
    await page.getByLabel('Nomor pelanggan atau nomor HP').fill(formatPhone(customer.phone))
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    await page.waitForURL(/\/portal$/)
    await page.goto(url('/portal/paket'))
    const card = page.locator('section', { has: page.getByRole('heading', { name: pkg.to.name }) })
    expect(await card.locator('[data-quote]').getAttribute('data-quote')).toBe(String(expectedProration()))
    expect(await card.textContent()).toContain(rupiah(expectedProration()))
    expect.soft(await seriousViolations(page)).toEqual([])
    await card.getByRole('button', { name: `Ajukan ganti ke ${pkg.to.name}` }).click()
    await expect
      .poll(() => page.textContent('main'), { timeout: 30_000 })
      .toContain('Permintaan ganti paket menunggu persetujuan')
    expect(await page.getByRole('button', { name: /Ajukan ganti ke/ }).count()).toBe(0)
    expect.soft(await seriousViolations(page)).toEqual([])
  })

  it('customer service finds it in the admin queue and approves it', async () => {
    const cs = await createStaff(payload, 'customer_service')
    const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' })
    const admin = await context.newPage()
    await admin.goto(url('/admin/login'))
    await admin.locator('input[name="email"]').fill(cs.email)
    await admin.locator('input[name="password"]').fill(cs.password)
    await admin.locator('button[type="submit"]').click()
    await admin.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
    await admin.goto(url('/admin/collections/package-change-requests'))
    const row = admin.locator('tr', { hasText: customer.name })
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1)
    await row.locator('a').first().click()
    await admin.waitForURL(/\/admin\/collections\/package-change-requests\/\d+/)
    await admin.locator('#field-status .rs__control').click()
    await admin.locator('.rs__option', { hasText: 'Disetujui' }).click()
    await admin.locator('#action-save').click()
    await expect
      .poll(
        async () =>
          (
            await payload.find({
              collection: 'package-change-requests',
              where: { customer: { equals: customer.id } },
              overrideAccess: true,
              depth: 0,
            })
          ).docs.map((d) => d.status),
        { timeout: 30_000 },
      )
      .toEqual(['approved'])
    await context.close()
  })

  it('the next invoice carries the proration line; the customer sees the approval and the new package', async () => {
    await generateInvoices({ payload, day: nextPeriodDay() })
    const next = await payload.find({
      collection: 'invoices',
      where: { customer: { equals: customer.id }, period: { equals: nextPeriodDay().slice(0, 7) } },
      overrideAccess: true,
      depth: 0,
    })
    expect(next.docs).toHaveLength(1)
    const invoice = next.docs[0]!
    const proration = invoice.lines.find((l) => l.kind === 'proration')
    expect(proration?.amount).toBe(expectedProration())
    expect(invoice.lines.find((l) => l.kind === 'package')?.amount).toBe(320_000)

    await page.goto(url('/portal/paket'))
    const main = await page.textContent('main')
    expect(main).toContain('Permintaan ganti paket disetujui')
    expect(main).toContain('Paket Anda sekarang')
    expect(await page.locator('#sekarang + p').textContent()).toBe(pkg.to.name)
    expect.soft(await seriousViolations(page)).toEqual([])

    await page.goto(url(`/portal/tagihan/${invoice.id}`))
    const detail = await page.textContent('main')
    expect(detail).toContain('Selisih ganti paket')
    expect(detail).toContain(rupiah(expectedProration()))
    expect.soft(await seriousViolations(page)).toEqual([])
  })

  it('comments on a ticket and sees the reply of customer service in the timeline', async () => {
    const ticket = await payload.create({
      collection: 'tickets',
      data: {
        subject: unique('Wifi putus-putus '),
        customer: customer.id,
        type: 'repair',
        description: 'Putus',
      } as never,
      overrideAccess: true,
    })
    await payload.create({
      collection: 'ticket-comments',
      data: { ticket: ticket.id, body: 'Teknisi kami datang besok pukul 10.00.' },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'ticket-comments',
      data: { ticket: ticket.id, body: 'Catatan internal: ODP sering bermasalah.', internal: true },
      overrideAccess: true,
    })
    await page.goto(url(`/portal/tiket/${ticket.id}`))
    await page.getByLabel('Tambah komentar').fill('Baik, saya ada di rumah besok.')
    await page.getByRole('button', { name: 'Kirim komentar' }).click()
    await expect
      .poll(() => page.getByTestId('ticket-timeline').textContent(), { timeout: 30_000 })
      .toContain('Baik, saya ada di rumah besok.')
    const timeline = await page.getByTestId('ticket-timeline').textContent()
    expect(timeline).toContain('Teknisi kami datang besok pukul 10.00.')
    expect(timeline).not.toContain('Catatan internal')
    expect.soft(await seriousViolations(page)).toEqual([])
  })
})
