import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { stringify } from 'qs-esm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { StaffRole } from '../../src/access/roles'
import { launchChromium } from '../helpers/browser'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { pdfPages } from '../helpers/pdfText'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let browser: Browser
const contexts: BrowserContext[] = []

async function signIn(role: StaffRole) {
  const staff = await createStaff(payload, role)
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
  return { page, context, staff }
}

/** Opens a list narrowed to the given rows and ticks every row's checkbox. */
async function selectRows(page: Page, collection: string, ids: number[]) {
  await page.goto(`${inject('serverUrl')}/admin/collections/${collection}?${stringify({ where: { id: { in: ids } } })}`)
  const boxes = page.locator('tbody .select-row input[type="checkbox"]')
  await expect.poll(() => boxes.count(), { timeout: 30_000 }).toBe(ids.length)
  for (let i = 0; i < ids.length; i++) await boxes.nth(i).check()
}

/** A GET from inside the signed-in page (the browser's session cookie, as the admin itself sends it). */
async function browserGet(page: Page, url: string) {
  const { status, type, base64 } = await page.evaluate(async (target) => {
    const res = await fetch(target, { credentials: 'include' })
    const bytes = new Uint8Array(await res.arrayBuffer())
    let binary = ''
    for (const byte of bytes) binary += String.fromCharCode(byte)
    return { status: res.status, type: res.headers.get('content-type'), base64: btoa(binary) }
  }, url)
  return { status, type, body: Buffer.from(base64, 'base64') }
}

const invoice = (customer: number, unitPrice: number) => {
  const now = new Date().toISOString()
  return payload.create({
    collection: 'invoices',
    data: {
      customer,
      issueDate: now,
      dueDate: now,
      lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice }],
    } as never,
    overrideAccess: true,
  })
}

beforeAll(async () => {
  payload = await testPayload()
  browser = await launchChromium()
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
})

describe('bulk actions in the admin lists', () => {
  it('customer service ticks two tickets, picks a technician and assigns both', async () => {
    const technician = await createStaff(payload, 'technician')
    const { customer } = await createCustomer(payload, { name: unique('Tugas ') })
    const tickets = await Promise.all(
      [1, 2].map(() =>
        payload.create({
          collection: 'tickets',
          data: { subject: unique('Massal '), customer: customer.id, type: 'repair' } as never,
          overrideAccess: true,
        }),
      ),
    )
    const { page } = await signIn('customer_service')
    await selectRows(
      page,
      'tickets',
      tickets.map((t) => t.id),
    )
    const bar = page.getByTestId('bulk-assign')
    await expect.poll(() => bar.locator(`option[value="${technician.user.id}"]`).count(), { timeout: 20_000 }).toBe(1)
    await bar.locator('select').selectOption(String(technician.user.id))
    await bar.getByRole('button', { name: /Tugaskan yang dipilih \(2\)/ }).click()
    await expect.poll(() => bar.getByRole('status').textContent(), { timeout: 20_000 }).toBe('2 tiket ditugaskan.')

    // Checked over the API, as the signed-in staff member.
    for (const ticket of tickets) {
      const res = await browserGet(page, `/api/tickets/${ticket.id}?depth=0`)
      expect(res.status).toBe(200)
      const body = JSON.parse(res.body.toString('utf8')) as { assignedTechnician: number }
      expect(body.assignedTechnician).toBe(technician.user.id)
    }
  })

  it('finance ticks two invoices and "Cetak yang dipilih" gives one PDF with both', async () => {
    const a = await createCustomer(payload, { name: unique('Cetak A ') })
    const b = await createCustomer(payload, { name: unique('Cetak B ') })
    const first = await invoice(a.customer.id, 150_000)
    const second = await invoice(b.customer.id, 275_000)
    const { page, context } = await signIn('finance')
    await selectRows(page, 'invoices', [first.id, second.id])
    const print = page.getByTestId('bulk-print').getByRole('link', { name: /Cetak yang dipilih \(2\)/ })
    await expect.poll(() => print.count(), { timeout: 20_000 }).toBe(1)
    const href = await print.getAttribute('href')
    expect(href).toMatch(/\/api\/bulk\/invoices\.pdf\?ids=\d+,\d+$/)
    // The link opens the PDF in a new tab.
    const [popup] = await Promise.all([context.waitForEvent('page'), print.click()])
    expect(popup.url()).toBe(new URL(href!, inject('serverUrl')).toString())
    const res = await browserGet(page, href!)
    expect(res.status).toBe(200)
    expect(res.type).toBe('application/pdf')
    const pages = pdfPages(res.body)
    expect(pages).toHaveLength(2)
    const text = pages.join('\n')
    for (const doc of [first, second]) expect(text).toContain(doc.number!)
    expect(text).toContain(a.customer.name)
    expect(text).toContain(b.customer.name)
  })

  it('roles the endpoints refuse see no button: a technician or finance on tickets, a technician on customers', async () => {
    for (const role of ['technician', 'finance'] as const) {
      const { page } = await signIn(role)
      await page.goto(`${inject('serverUrl')}/admin/collections/tickets`)
      await page.locator('.collection-list').first().waitFor({ timeout: 30_000 })
      expect(await page.getByTestId('bulk-assign').count()).toBe(0)
      if (role === 'technician') {
        await page.goto(`${inject('serverUrl')}/admin/collections/customers`)
        await page.locator('.collection-list').first().waitFor({ timeout: 30_000 })
        expect(await page.getByTestId('bulk-send-template').count()).toBe(0)
      }
    }
  })

  it('customer service sends a template to the filtered customer list after confirming the count', async () => {
    const area = unique('Blok Massal ')
    const customers = await Promise.all(
      ['Ani', 'Budi'].map((name) => createCustomer(payload, { name: unique(`${name} `), area })),
    )
    const key = unique('promo_massal_')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '')
    const template = await payload.create({
      collection: 'message-templates',
      data: { key, name: unique('Promo '), body: 'Halo {{nama}}.', language: 'id', category: 'UTILITY' } as never,
      overrideAccess: true,
    })
    const { page } = await signIn('customer_service')
    await page.goto(
      `${inject('serverUrl')}/admin/collections/customers?${stringify({ where: { area: { equals: area } } })}`,
    )
    const bar = page.getByTestId('bulk-send-template')
    await expect.poll(() => bar.locator(`option[value="${template.id}"]`).count(), { timeout: 30_000 }).toBe(1)
    // Staff-only templates are not offered.
    const staffOnly = await payload.find({
      collection: 'message-templates',
      where: { key: { in: ['technician_job', 'staff_alert'] } },
      overrideAccess: true,
      depth: 0,
    })
    for (const doc of staffOnly.docs) expect(await bar.locator(`option[value="${doc.id}"]`).count()).toBe(0)
    await bar.locator('select').selectOption(String(template.id))
    await bar.getByRole('button', { name: 'Kirim template ke daftar ini' }).click()
    await expect
      .poll(() => bar.getByTestId('bulk-send-count').textContent(), { timeout: 20_000 })
      .toContain('akan dikirim ke 2 pelanggan')
    await bar.getByRole('button', { name: 'Ya, kirim' }).click()
    await expect
      .poll(() => bar.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('2 pesan masuk antrean')

    const messages = await payload.find({
      collection: 'messages',
      where: { customer: { in: customers.map((c) => c.customer.id) }, trigger: { equals: key } },
      overrideAccess: true,
      depth: 0,
    })
    expect(messages.docs.map((m) => m.customer).sort()).toEqual(customers.map((c) => c.customer.id).sort())
  })
})
