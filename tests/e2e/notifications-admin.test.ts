import fs from 'node:fs'

import type { Payload } from 'payload'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

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
  const cs = await createStaff(payload, 'customer_service')
  const server = inject('serverUrl')
  await page.goto(`${server}/admin/login`)
  await page.locator('input[name="email"]').fill(cs.email)
  await page.locator('input[name="password"]').fill(cs.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
})

afterAll(async () => {
  await browser?.close()
})

describe('notifications in the admin panel', () => {
  it('customer service opens a customer, sees the conversation, sends a template by hand (a double click sends once) and sees it there', async () => {
    const key = unique('info_gangguan_').toLowerCase()
    await payload.create({
      collection: 'message-templates',
      data: {
        key,
        name: unique('Info gangguan '),
        language: 'id',
        category: 'UTILITY',
        approvalStatus: 'approved',
        providerTemplateName: `${key}_v1`,
        body: 'Halo {{nama}} ({{nomor_pelanggan}}), {{catatan}}',
      },
      overrideAccess: true,
    })
    // A prospect: no welcome message of its own, whatever templates other files left behind.
    const { customer } = await createCustomer(payload, { name: unique('Rina Wati '), status: 'prospect' })
    const earlier = new Date(Date.now() - 60 * 60 * 1000).toISOString()
    await payload.create({
      collection: 'messages',
      data: {
        direction: 'out',
        channel: 'whatsapp',
        status: 'delivered',
        kind: 'text',
        customer: customer.id,
        to: customer.phone,
        body: 'Tagihan Anda sudah terbit.',
        dedupeKey: unique('e2e-out-'),
        providerMessageId: unique('wamid.E2E'),
        sentAt: earlier,
        deliveredAt: earlier,
      },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'messages',
      data: {
        direction: 'in',
        channel: 'whatsapp',
        status: 'received',
        kind: 'text',
        customer: customer.id,
        to: customer.phone,
        body: 'Internet di rumah mati sejak pagi.',
        dedupeKey: unique('e2e-in-'),
        providerMessageId: unique('wamid.E2EIN'),
        needsAttention: true,
      },
      overrideAccess: true,
    })
    const server = inject('serverUrl')

    await page.goto(`${server}/admin/collections/customers/${customer.id}`)
    await page.locator('.tabs-field__tab-button', { hasText: 'Percakapan' }).first().click()
    const conversation = page.getByTestId('conversation')
    const bubbles = conversation.getByTestId('conversation-message')
    await expect.poll(() => bubbles.count(), { timeout: 30_000 }).toBe(2)
    expect(await bubbles.nth(0).getAttribute('data-direction')).toBe('out')
    expect(await bubbles.nth(0).getByTestId('conversation-status').innerText()).toBe('✓✓ Diterima')
    expect(await bubbles.nth(1).getByTestId('conversation-body').innerText()).toBe('Internet di rumah mati sejak pagi.')
    expect(await bubbles.nth(1).getByTestId('needs-attention').innerText()).toContain('Perlu ditangani CS')
    expect(await conversation.getByTestId('conversation-window').innerText()).toContain('Jendela 24 jam terbuka')

    await conversation.locator('select[name="ct-template"]').selectOption(key)
    // Known values are prefilled; the rest is typed in.
    expect(await conversation.locator('input[name="ct-var-nama"]').inputValue()).toBe(customer.name)
    expect(await conversation.locator('input[name="ct-var-nomor_pelanggan"]').inputValue()).toBe(customer.number)
    expect(await conversation.getByTestId('template-missing').innerText()).toContain('catatan')
    await conversation.locator('input[name="ct-var-catatan"]').fill('teknisi kami menuju lokasi Anda.')
    const expected = `Halo ${customer.name} (${customer.number}), teknisi kami menuju lokasi Anda.`
    expect(await conversation.getByTestId('template-preview').innerText()).toBe(expected)
    await conversation.getByRole('button', { name: 'Kirim template' }).dblclick()

    await expect.poll(() => bubbles.count(), { timeout: 30_000 }).toBe(3)
    expect(await page.getByTestId('conversation-send-result').innerText()).toMatch(
      /antrean kirim|sudah dikirim sebelumnya/,
    )
    const sent = bubbles.nth(2)
    expect(await sent.getAttribute('data-direction')).toBe('out')
    expect(await sent.getByTestId('conversation-body').innerText()).toBe(expected)
    expect(await sent.getByTestId('conversation-status').innerText()).toBe('Antre')
    // Sending answered the waiting message: the marker is gone.
    expect(await conversation.getByTestId('needs-attention').count()).toBe(0)

    const manual = await payload.find({
      collection: 'messages',
      where: { customer: { equals: customer.id }, trigger: { equals: 'manual' } },
      overrideAccess: true,
      depth: 0,
    })
    expect(manual.docs.map((m) => [m.body, m.status])).toEqual([[expected, 'queued']])
  })

  it('customer service marks a waiting question as handled without replying: the marker goes, nothing is sent', async () => {
    const { customer } = await createCustomer(payload, { name: unique('Dedi Kurnia '), status: 'prospect' })
    await payload.create({
      collection: 'messages',
      data: {
        direction: 'in',
        channel: 'whatsapp',
        status: 'received',
        kind: 'text',
        customer: customer.id,
        to: customer.phone,
        body: 'Sudah saya telepon CS, terima kasih.',
        dedupeKey: unique('e2e-in-'),
        providerMessageId: unique('wamid.E2EIN'),
        needsAttention: true,
      },
      overrideAccess: true,
    })
    await page.goto(`${inject('serverUrl')}/admin/collections/customers/${customer.id}`)
    await page.locator('.tabs-field__tab-button', { hasText: 'Percakapan' }).first().click()
    const conversation = page.getByTestId('conversation')
    await expect.poll(() => conversation.getByTestId('needs-attention').count(), { timeout: 30_000 }).toBe(1)
    expect(await conversation.getByTestId('conversation-attention-count').innerText()).toContain(
      '1 pesan perlu ditangani CS',
    )

    await conversation.getByTestId('conversation-mark-handled').dblclick()
    await expect.poll(() => conversation.getByTestId('needs-attention').count(), { timeout: 30_000 }).toBe(0)
    expect(await page.getByTestId('conversation-send-result').innerText()).toMatch(
      /1 pesan ditandai sudah ditangani|Tidak ada pesan yang menunggu/,
    )
    expect(await conversation.getByTestId('conversation-attention-count').count()).toBe(0)
    const stored = await payload.find({
      collection: 'messages',
      where: { customer: { equals: customer.id } },
      overrideAccess: true,
      depth: 0,
    })
    expect(stored.docs.map((m) => [m.direction, m.needsAttention])).toEqual([['in', false]])
  })

  it('customer service opens the notifications dashboard from the nav: 14 days and the failure reasons', async () => {
    const server = inject('serverUrl')
    await page.goto(`${server}/admin`)
    const navLink = page.locator('a.nav__link', { hasText: 'Dasbor notifikasi' })
    await expect.poll(() => navLink.count(), { timeout: 30_000 }).toBe(1)
    await page.goto(`${server}${await navLink.getAttribute('href')}`)
    await expect.poll(() => page.getByTestId('dashboard-day').count(), { timeout: 30_000 }).toBe(14)
    expect(Number((await page.getByTestId('dashboard-queued').innerText()).replace(/\./g, ''))).toBeGreaterThanOrEqual(
      1,
    )
    expect(await page.getByTestId('dashboard-failures').count()).toBe(1)
  })
})
