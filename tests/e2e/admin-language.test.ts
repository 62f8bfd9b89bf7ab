import type { Payload } from 'payload'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { StaffRole } from '../../src/access/roles'
import { launchChromium } from '../helpers/browser'
import { createCustomer, createStaff } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

let payload: Payload
let browser: Browser

/** English that Payload or our code would show untranslated; checked as whole words. */
const ENGLISH = [
  'Create New',
  'Search by',
  'Filters',
  'Columns',
  'No results',
  'Dashboard',
  'Log out',
  'Per Page',
  'Successfully',
  'Loading',
  'Collections',
  'Save',
  'Delete',
  'Created At',
  'Updated At',
  'Invalid',
  'is required',
  'not allowed',
  'Not Found',
  'Nothing found',
  'Showing',
]

/**
 * Provider template names (`…_v1`), template variables named in a refusal ("Variabel nomor_tiket …")
 * and PostgreSQL's programs named in a failed backup's reason on the admin's dashboard ("pg_dump …").
 */
const VERBATIM_NAMES =
  /\bpg_(?:dump|restore)\b|\b[a-z]+(?:_[a-z0-9]+)*_v\d+\b|(?<=\b(?:variabel|Variabel|missing|kurang)[^.\n]{0,40})\b[a-z]+(?:_[a-z0-9]+)+\b/g

/** What a page says that is not Indonesian: English words, raw `<…>` placeholders, snake_case keys. */
function problems(text: string): string[] {
  const found: string[] = []
  // E-mail addresses and web addresses may carry underscores and English; they are data.
  // Template variables (`{{nomor_tiket}}`) are the syntax editors write, shown as written.
  const prose = text
    .replace(/\S+@\S+/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\{\{[^}]*\}\}/g, ' ')
    // Names staff must see verbatim because they type them elsewhere: a template's name at Meta
    // (`tagihan_terbit_v1`) and a variable a template lacks (`nomor_tiket`, in a refusal's reason).
    .replace(VERBATIM_NAMES, ' ')
    // Staff made by the test fixtures are named after their role (`Uji customer_service`): data.
    .replace(/\bUji [a-z_]+/g, ' ')
  for (const word of ENGLISH) if (new RegExp(`\\b${word}\\b`).test(prose)) found.push(`English: ${word}`)
  for (const match of prose.match(/<[^<>\n]{1,60}>/g) ?? []) found.push(`placeholder: ${match}`)
  for (const match of prose.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []) found.push(`raw key: ${match}`)
  return found
}

async function signIn(role: StaffRole): Promise<Page> {
  const staff = await createStaff(payload, role)
  const context = await browser.newContext({
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: { width: 1400, height: 1000 },
  })
  const page = await context.newPage()
  await page.goto(`${inject('serverUrl')}/admin/login`)
  await page.locator('input[name="email"]').fill(staff.email)
  await page.locator('input[name="password"]').fill(staff.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
  return page
}

/** The admin pages a role reaches from its menu: each collection's list and the first document. */
async function walk(page: Page): Promise<{ report: Record<string, string[]>; visited: number }> {
  const server = inject('serverUrl')
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll('nav a')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => href.startsWith('/admin/')),
  )
  const report: Record<string, string[]> = {}
  let visited = 0
  const visit = async (path: string) => {
    visited += 1
    await page.goto(`${server}${path}`, { waitUntil: 'load' })
    // Lists and documents render their tables and fields after hydration.
    await page
      .locator('.collection-list, .collection-edit, .global-edit, [data-testid="dashboard"], .gutter')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined)
    await page.waitForTimeout(400)
    const found = problems(await page.locator('body').innerText())
    if (found.length) report[path] = found
  }
  await visit('/admin')
  for (const href of [...new Set(hrefs)]) {
    await visit(href)
    if (href.startsWith('/admin/collections/')) {
      const first = await page
        .locator('.table tbody tr a')
        .first()
        .getAttribute('href', { timeout: 2_000 })
        .catch(() => null)
      if (first) await visit(first)
    }
  }
  return { report, visited }
}

beforeAll(async () => {
  payload = await testPayload()
  browser = await launchChromium()
  // Something in every list a role opens, so documents are walked too.
  const { customer } = await createCustomer(payload, { name: unique('Ani '), address: 'Jl. Anggrek 1, Depok' })
  // A template under a key of its own (not a trigger's): the list shows its key, readably.
  await payload.create({
    collection: 'message-templates',
    data: {
      key: unique('info_gangguan_')
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, ''),
      name: 'Info gangguan',
      body: 'Halo {{nama}}, ada gangguan di {{wilayah}}.',
      language: 'id',
      category: 'UTILITY',
    } as never,
    overrideAccess: true,
  })
  const tech = await createStaff(payload, 'technician')
  await payload.create({
    collection: 'tickets',
    data: {
      subject: 'Internet putus sejak pagi',
      customer: customer.id,
      assignedTechnician: tech.user.id,
      status: 'assigned',
      timeline: [{ at: new Date().toISOString(), note: 'Pelanggan menelepon' }],
    } as never,
    overrideAccess: true,
  })
})

afterAll(async () => {
  await browser?.close()
})

describe('the admin speaks Indonesian throughout', () => {
  for (const role of ['admin', 'finance', 'customer_service', 'technician', 'content_editor'] as StaffRole[])
    it(`${role}: no English, raw placeholders or raw keys on the pages in its menu`, async () => {
      const page = await signIn(role)
      const { report, visited } = await walk(page)
      expect(report).toEqual({})
      // The dashboard, every list in the menu and a document: not a vacuous pass.
      expect(visited).toBeGreaterThanOrEqual(4)
      await page.context().close()
    }, 900_000)

  it('an address that does not exist gets an Indonesian 404 page, inside and outside the admin', async () => {
    const server = inject('serverUrl')
    const outside = await fetch(`${server}/tidak-ada-${Date.now()}`)
    expect(outside.status).toBe(404)
    const html = await outside.text()
    expect(html).toContain('Halaman tidak ditemukan')
    expect(html).not.toContain('This page could not be found')
  })

  it("answers field and upload errors in the reader's language only", async () => {
    const cs = await createStaff(payload, 'customer_service')
    const token = await login('users', { email: cs.email, password: cs.password })
    const bad = { name: unique('Tono '), phone: '0812-34', password: 'sandi-portal-123' }
    const indonesian = await api('/api/customers', {
      method: 'POST',
      token,
      body: bad,
      headers: { 'accept-language': 'id' },
    })
    expect(indonesian.status).toBe(400)
    expect(indonesian.text).toContain('Nomor HP tidak valid')
    expect(indonesian.text).not.toContain('Invalid phone')
    const english = await api('/api/customers', {
      method: 'POST',
      token,
      body: bad,
      headers: { 'accept-language': 'en' },
    })
    expect(english.text).toContain('Invalid phone')
    expect(english.text).not.toContain('Nomor HP tidak valid')

    const form = new FormData()
    form.append('file', new Blob(['bukan gambar'], { type: 'text/plain' }), 'catatan.txt')
    form.append('_payload', JSON.stringify({ alt: 'uji' }))
    const upload = await api('/api/media', { method: 'POST', token, body: form, headers: { 'accept-language': 'id' } })
    expect(upload.status).toBe(400)
    expect(upload.text).not.toMatch(/is not allowed|The following field/)
    expect(upload.text).toMatch(/tidak diizinkan|tidak valid/)
  })
})
