import type { Payload } from 'payload'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { StaffRole } from '../../src/access/roles'
import { launchChromium } from '../helpers/browser'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let browser: Browser
const contexts: BrowserContext[] = []

async function signIn(role: StaffRole): Promise<Page> {
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
  return page
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des']
/** `d MMM yyyy HH:mm` of an instant seen from a fixed offset (hours), computed by hand. */
function shownAt(at: Date, offsetHours: number): string {
  const shifted = new Date(at.getTime() + offsetHours * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${shifted.getUTCDate()} ${MONTHS[shifted.getUTCMonth()]} ${shifted.getUTCFullYear()} ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`
}

beforeAll(async () => {
  payload = await testPayload()
  browser = await launchChromium()
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
})

describe('small fixes in the admin', () => {
  it("a customer's Riwayat tab names the technician of an assigned ticket", async () => {
    const tech = await createStaff(payload, 'technician')
    const technicianName = unique('Teknisi Budi ')
    await payload.update({
      collection: 'users',
      id: tech.user.id,
      data: { name: technicianName },
      overrideAccess: true,
    })
    const { customer } = await createCustomer(payload, { name: unique('Riwayat ') })
    await payload.create({
      collection: 'tickets',
      data: {
        subject: 'Modem mati',
        customer: customer.id,
        assignedTechnician: tech.user.id,
        status: 'assigned',
      } as never,
      overrideAccess: true,
    })
    const page = await signIn('customer_service')
    await page.goto(`${inject('serverUrl')}/admin/collections/customers/${customer.id}`)
    await page.getByRole('button', { name: 'Riwayat', exact: true }).click()
    const table = page.locator('.tabs-field__content-wrap')
    await expect.poll(() => table.innerText(), { timeout: 20_000 }).toContain(technicianName)
    expect(await table.innerText()).not.toMatch(/<Tidak ada/)
  }, 120_000)

  it("a message's variables read as labelled values, not raw JSON", async () => {
    const message = await payload.create({
      collection: 'messages',
      data: {
        direction: 'out',
        channel: 'whatsapp',
        status: 'sent',
        kind: 'template',
        to: '6281234567890',
        variables: { nomor_pelanggan: 'PLG-0042', nama: 'Ani' },
      } as never,
      overrideAccess: true,
    })
    const page = await signIn('admin')
    await page.goto(`${inject('serverUrl')}/admin/collections/messages/${message.id}`)
    const list = page.getByTestId('message-variables')
    await list.waitFor({ timeout: 20_000 })
    const text = await list.innerText()
    expect(text).toContain('Nomor pelanggan')
    expect(text).toContain('PLG-0042')
    expect(text).not.toContain('{')
    expect(text).not.toContain('nomor_pelanggan')
  }, 120_000)

  it("the header shows the ISP's mark whole, not cut off", async () => {
    const page = await signIn('admin')
    const mark = page.getByTestId('brand-icon').first()
    await mark.waitFor({ timeout: 20_000 })
    const fits = await mark.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 || el.tagName === 'IMG')
    expect(fits).toBe(true)
    const home = await page
      .locator('.step-nav__home')
      .first()
      .evaluate((el) => el.scrollWidth <= el.clientWidth + 1)
    expect(home).toBe(true)
  }, 120_000)

  it('a version of a document is titled in WIB, as the lists are', async () => {
    const article = await payload.create({
      collection: 'knowledge-base',
      data: {
        title: unique('Cara bayar '),
        category: 'billing',
        _status: 'published',
        body: {
          root: {
            type: 'root',
            version: 1,
            direction: null,
            format: '',
            indent: 0,
            children: [
              {
                type: 'paragraph',
                version: 1,
                direction: null,
                format: '',
                indent: 0,
                children: [{ type: 'text', text: 'Transfer ke rekening.', version: 1 }],
              },
            ],
          },
        },
      } as never,
      overrideAccess: true,
    })
    const versions = await payload.findVersions({
      collection: 'knowledge-base',
      where: { parent: { equals: article.id } },
      overrideAccess: true,
      sort: '-updatedAt',
      limit: 1,
    })
    const version = versions.docs[0]
    const page = await signIn('admin')
    await page.goto(`${inject('serverUrl')}/admin/collections/knowledge-base/${article.id}/versions/${version.id}`)
    const at = new Date(version.updatedAt)
    // The version's dates load after the header ("Memuat..."): wait for them before reading the page.
    await page.getByText(shownAt(at, 7)).first().waitFor({ timeout: 30_000 })
    const text = await page.locator('body').innerText()
    expect(text).toContain(shownAt(at, 7))
    expect(text).not.toContain(shownAt(at, 0))
  }, 120_000)
})
