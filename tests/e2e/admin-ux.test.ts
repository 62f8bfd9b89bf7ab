import AxeBuilder from '@axe-core/playwright'
import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { StaffRole } from '../../src/access/roles'
import { formatPhone } from '../../src/lib/phone'
import { launchChromium } from '../helpers/browser'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload, unique, uniquePhone } from '../helpers/payload'

let payload: Payload
let browser: Browser
const contexts: BrowserContext[] = []

async function signIn(role: StaffRole, viewport = { width: 1400, height: 1000 }) {
  const staff = await createStaff(payload, role)
  const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport })
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(`${inject('serverUrl')}/admin/login`)
  await page.locator('input[name="email"]').fill(staff.email)
  await page.locator('input[name="password"]').fill(staff.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
  return { page, staff }
}

/** The menu's group labels and link labels, in order (read from the DOM: the nav may be collapsed). */
async function menu(page: Page) {
  return page.evaluate(() => ({
    groups: [...document.querySelectorAll('nav .nav-group__toggle, nav .nav-group__label')].map((el) =>
      (el.textContent ?? '').trim(),
    ),
    links: [...document.querySelectorAll('nav a')].map((el) => (el.textContent ?? '').trim()),
  }))
}

const figure = async (page: Page, key: string) =>
  (await page.getByTestId(`figure-${key}`).getByTestId('figure-value').innerText()).trim()

beforeAll(async () => {
  payload = await testPayload()
  browser = await launchChromium()
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
})

describe("each role lands on its day's work", () => {
  it('finance: money first in the menu, pending verifications and unpaid invoices counted by the database', async () => {
    const { page } = await signIn('finance')
    const dashboard = page.getByTestId('dashboard')
    expect(await dashboard.getAttribute('data-role')).toBe('finance')
    const pending = await payload.count({
      collection: 'payments',
      where: { status: { equals: 'pending' } },
      overrideAccess: true,
    })
    expect(await figure(page, 'pending-verifications')).toBe(String(pending.totalDocs))
    expect(await figure(page, 'unpaid')).toMatch(/^Rp[\d.]+$/)
    expect(await page.getByTestId('figure-unpaid').getAttribute('href')).toContain('/admin/collections/invoices?')
    expect(await page.getByTestId('figure-open-tickets').count()).toBe(0)
    await expect
      .poll(() => page.locator('[data-testid="revenue-chart"] svg').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)

    const { groups, links } = await menu(page)
    expect(groups[0]).toBe('Tagihan')
    expect(links).not.toContain('Router')
    expect(links).not.toContain('Template pesan')

    const axe = await new AxeBuilder({ page }).include('[data-testid="dashboard"]').analyze()
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  })

  it('customer service: tickets, installations and failed messages, each a link to its list', async () => {
    const { page } = await signIn('customer_service')
    expect(await page.getByTestId('dashboard').getAttribute('data-role')).toBe('customer_service')
    const open = await payload.count({
      collection: 'tickets',
      where: { status: { not_in: ['resolved', 'closed'] } },
      overrideAccess: true,
    })
    expect(await figure(page, 'open-tickets')).toBe(String(open.totalDocs))
    for (const key of ['overdue-tickets', 'installations-today', 'failed-messages', 'suspended'])
      expect(await figure(page, key)).toMatch(/^\d+$/)
    await page.getByTestId('figure-open-tickets').click()
    await page.waitForURL(/\/admin\/collections\/tickets\?/, { timeout: 30_000 })
    const { groups } = await menu(page)
    expect(groups[0]).toBe('Pelanggan')
  })

  it('admin: every figure, the backup state, and 0 serious accessibility problems on the dashboard', async () => {
    const { page } = await signIn('admin')
    for (const key of ['open-tickets', 'pending-verifications', 'unpaid', 'suspended', 'failed-messages', 'backup'])
      expect(await page.getByTestId(`figure-${key}`).count()).toBe(1)
    const axe = await new AxeBuilder({ page }).include('[data-testid="dashboard"]').analyze()
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  })

  it('content editor: the FAQ and message templates, nothing of billing', async () => {
    const { page } = await signIn('content_editor')
    expect(await page.getByTestId('dashboard').getAttribute('data-role')).toBe('content_editor')
    const { links } = await menu(page)
    expect(links).toContain('Template pesan')
    expect(links).not.toContain('Pembayaran')
    expect(links).not.toContain('Pelanggan')
  })
})

describe('a technician on a phone (390×844)', () => {
  it('lands on "Pekerjaan saya": assigned unfinished tickets by schedule, with address, tap-to-call and a map link', async () => {
    const tech = await createStaff(payload, 'technician')
    const phone = uniquePhone()
    const { customer } = await createCustomer(payload, {
      name: unique('Dewi '),
      phone,
      address: 'Jl. Kenanga 12, Cibinong, Bogor',
      latitude: -6.48,
      longitude: 106.85,
    })
    const other = (await createCustomer(payload, { name: unique('Rudi '), address: 'Jl. Mawar 3, Depok' })).customer
    const ticket = (data: Record<string, unknown>) =>
      payload.create({
        collection: 'tickets',
        data: { subject: unique('Tiket '), customer: customer.id, type: 'repair', ...data } as never,
        overrideAccess: true,
      })
    const later = await ticket({
      assignedTechnician: tech.user.id,
      status: 'assigned',
      scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    })
    const sooner = await ticket({
      customer: other.id,
      type: 'installation',
      assignedTechnician: tech.user.id,
      status: 'in_progress',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    })
    await ticket({ assignedTechnician: tech.user.id, status: 'assigned' })
    const done = await payload.create({
      collection: 'tickets',
      data: {
        subject: unique('Selesai '),
        customer: customer.id,
        assignedTechnician: tech.user.id,
        status: 'assigned',
      } as never,
      overrideAccess: true,
    })
    for (const status of ['in_progress', 'resolved'])
      await payload.update({
        collection: 'tickets',
        id: done.id,
        data: { status, resolution: 'Konektor diganti' } as never,
        overrideAccess: true,
      })

    const context = await browser.newContext({
      locale: 'id-ID',
      timezoneId: 'Asia/Jakarta',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${inject('serverUrl')}/admin/login`)
    await page.locator('input[name="email"]').fill(tech.email)
    await page.locator('input[name="password"]').fill(tech.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })

    const items = page.getByTestId('my-work-item')
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(3)
    const order = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-ticket')))
    // Soonest visit first, unscheduled last; the finished one is not there.
    expect(order.slice(0, 2)).toEqual([sooner.number, later.number])
    expect(order).not.toContain(done.number)

    const laterItem = page.locator(`[data-testid="my-work-item"][data-ticket="${later.number}"]`)
    expect(await laterItem.getByTestId('my-work-address').innerText()).toBe('Jl. Kenanga 12, Cibinong, Bogor')
    expect(await laterItem.getByTestId('my-work-call').getAttribute('href')).toBe(`tel:+${phone}`)
    expect(await laterItem.getByTestId('my-work-call').innerText()).toContain(formatPhone(phone))
    expect(await laterItem.getByTestId('my-work-map').getAttribute('href')).toContain('-6.48,106.85')
    expect(await laterItem.getByTestId('my-work-schedule').innerText()).toMatch(/\d{4} \d{2}\.\d{2} WIB$/)
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    const { links } = await menu(page)
    for (const hidden of ['Router', 'Template pesan', 'Pesan', 'Pengaturan tagihan'])
      expect(links).not.toContain(hidden)

    // The ticket form on the phone: status (and the resolution notes) before the description.
    await page.goto(`${inject('serverUrl')}/admin/collections/tickets/${later.id}`)
    const status = page.locator('#field-status')
    await expect.poll(() => status.count(), { timeout: 30_000 }).toBe(1)
    const statusTop = (await status.boundingBox())!.y
    const descriptionTop = (await page.locator('#field-description').boundingBox())!.y
    expect(statusTop).toBeLessThan(descriptionTop)
    expect((await page.locator('#field-resolution').boundingBox())!.y).toBeLessThan(descriptionTop)
  })
})

describe('fixes on the customer form', () => {
  it('a phone corrected to 0812-3456-7890 after a wrong one saves, stored as 628…', async () => {
    const { page } = await signIn('customer_service')
    const server = inject('serverUrl')
    const stored = uniquePhone()
    await page.goto(`${server}/admin/collections/customers/create`)
    await page.locator('input[name="name"]').fill(unique('Sri Wahyuni '))
    await page.locator('input[name="phone"]').fill('0812-34')
    await page.locator('input[name="password"]').fill('sandi-portal-123')
    await page.locator('input[name="confirm-password"]').fill('sandi-portal-123')
    await page.locator('#action-save').click()
    // The field is marked in error, with the message in Indonesian only.
    await expect.poll(() => page.locator('.field-type.text.error #field-phone').count(), { timeout: 20_000 }).toBe(1)
    const html = await page.content()
    expect(html).toContain('Nomor HP tidak valid: gunakan nomor seluler Indonesia, mis. 0812-3456-7890')
    expect(html).not.toContain('Invalid phone')

    await page.locator('input[name="phone"]').fill(formatPhone(stored))
    // The check runs again on the corrected text and passes it: the error goes before saving.
    await expect.poll(() => page.locator('.field-type.text.error #field-phone').count(), { timeout: 20_000 }).toBe(0)
    await page.locator('#action-save').click()
    await page.waitForURL(/\/admin\/collections\/customers\/\d+$/, { timeout: 20_000 }).catch(async (error) => {
      throw new Error(`${(error as Error).message}\n${await page.locator('body').innerText()}`)
    })
    const id = Number(page.url().split('/').pop())
    const saved = await payload.findByID({ collection: 'customers', id, overrideAccess: true, depth: 0 })
    expect(saved.phone).toBe(stored)
  })

  it('a second customer with the same name and address gets a warning before saving', async () => {
    const name = unique('Hendra Gunawan ')
    const address = 'Perum Griya Asri Blok C2 No. 7, Tambun'
    await createCustomer(payload, { name, address })
    const { page } = await signIn('customer_service')
    await page.goto(`${inject('serverUrl')}/admin/collections/customers/create`)
    await page.locator('input[name="name"]').fill(name)
    await page.locator('textarea[name="address"]').fill(`  ${address.toLowerCase()} `)
    await expect.poll(() => page.getByTestId('duplicate-customer-warning').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.getByTestId('duplicate-customer-warning').innerText()).toContain('Kemungkinan pelanggan ganda')
  })

  it('after recording a payment the payment history and credit on the same page show it, without a reload', async () => {
    const { customer } = await createCustomer(payload, { name: unique('Yanti ') })
    const now = new Date().toISOString()
    await payload.create({
      collection: 'invoices',
      data: {
        customer: customer.id,
        issueDate: now,
        dueDate: now,
        lines: [{ description: 'Paket Rumahan 20 Mbps', kind: 'package', quantity: 1, unitPrice: 150_000 }],
      } as never,
      overrideAccess: true,
    })
    const { page } = await signIn('finance')
    await page.goto(`${inject('serverUrl')}/admin/collections/customers/${customer.id}`)
    await page.locator('.tabs-field__tab-button', { hasText: 'Tagihan' }).first().click()
    const form = page.getByTestId('record-payment')
    await expect
      .poll(() => form.getByTestId('record-payment-open-balance').innerText(), { timeout: 30_000 })
      .toBe('Rp150.000')
    // Paying more than is owed leaves credit, which the customer's credit field shows at once.
    await form.locator('input[name="rp-amount"]').fill('200000')
    await form.locator('select[name="rp-method"]').selectOption('cash')
    await form.getByRole('button', { name: 'Simpan pembayaran' }).click()
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
    const number = await form.getByTestId('record-payment-number').innerText()
    await expect.poll(() => page.locator('#field-payments').innerText(), { timeout: 30_000 }).toContain(number)
    const credit = await payload.findByID({ collection: 'customers', id: customer.id, overrideAccess: true, depth: 0 })
    await expect
      .poll(() => page.locator('input[name="creditBalance"]').inputValue(), { timeout: 15_000 })
      .toBe(String((credit as { creditBalance?: number }).creditBalance ?? 0))
  })

  it('the header search finds a customer by the phone as people type it', async () => {
    const phone = uniquePhone()
    const { customer } = await createCustomer(payload, { name: unique('Wulan ') })
    await payload.update({ collection: 'customers', id: customer.id, data: { phone } as never, overrideAccess: true })
    const { page } = await signIn('customer_service')
    const box = page.getByTestId('global-search').locator('input')
    await box.fill(formatPhone(phone))
    const hit = page.locator(`[data-testid="global-search-hit"][href$="/customers/${customer.id}"]`)
    await expect.poll(() => hit.count(), { timeout: 30_000 }).toBe(1)
    await hit.click()
    await page.waitForURL(new RegExp(`/admin/collections/customers/${customer.id}$`), { timeout: 30_000 })
  })
})
