import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { queueInvoicePdfRenders } from '../../src/plugins/billing/operations/documents/prerender'
import { voidInvoice } from '../../src/plugins/billing/operations/invoices/voidInvoice'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload } from '../helpers/payload'

let payload: Payload
let db: pg.Client
let cacheDir: string
beforeAll(async () => {
  // The server's PDF cache (global-setup): the jobs run here must render into the same one.
  cacheDir = path.join(inject('mediaDir'), 'pdf-cache')
  process.env.PDF_CACHE_DIR = cacheDir
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(async () => {
  await db.end()
})

/** The pre-render jobs of one invoice, oldest first. */
async function jobsOf(invoiceId: number) {
  const { rows } = await db.query<{ id: number; version: string; completed: boolean }>(
    `SELECT id, input->>'invoiceUpdatedAt' AS version, completed_at IS NOT NULL AS completed
       FROM payload_jobs WHERE task_slug = 'prerenderInvoicePdf' AND input->>'invoice' = $1 ORDER BY id`,
    [String(invoiceId)],
  )
  return rows
}

const cachedFilesOf = async (number: string) =>
  (await readdir(cacheDir).catch(() => [] as string[])).filter((f) => f.startsWith(`${number}-`) && f.endsWith('.pdf'))

describe('invoice PDFs rendered ahead of the first download', () => {
  it('issuing queues one job; after it the download is served from the cache; a change renders the new version', async () => {
    const pkg = await createPackage(payload, { monthlyPrice: 175_000 })
    const { customer, password } = await createCustomer(payload, { package: pkg.id, billingDay: 1 })
    const invoice = await payload.create({
      collection: 'invoices',
      data: {
        customer: customer.id,
        period: '2026-02',
        issueDate: '2026-02-01T00:00:00+07:00',
        dueDate: '2026-02-10T00:00:00+07:00',
        lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 175_000 }],
      } as never,
      overrideAccess: true,
    })
    // Issuing queued exactly one job; queueing the same version again adds none.
    const [job, ...more] = await jobsOf(invoice.id)
    expect(more).toEqual([])
    expect(job!.completed).toBe(false)
    const req = await createLocalReq({}, payload)
    expect(await queueInvoicePdfRenders(req, sql`${invoice.id}`)).toBe(0)
    expect(await jobsOf(invoice.id)).toHaveLength(1)
    expect(await cachedFilesOf(invoice.number!)).toEqual([])

    // The job renders the PDF into the cache.
    await payload.jobs.runByID({ id: job!.id, overrideAccess: true })
    expect((await jobsOf(invoice.id))[0]!.completed).toBe(true)
    const [file] = await cachedFilesOf(invoice.number!)
    expect(file).toBeDefined()
    const before = await stat(path.join(cacheDir, file!))

    // The first download is that file: same version, same bytes, nothing rendered or written.
    const token = await login('customers', { username: customer.username!, password })
    const first = await api(`/api/invoices/${invoice.id}/pdf`, { token })
    expect(first.status).toBe(200)
    expect(`${invoice.number}-${first.headers.get('etag')!.replaceAll('"', '')}.pdf`).toBe(file)
    expect(await cachedFilesOf(invoice.number!)).toEqual([file])
    expect((await stat(path.join(cacheDir, file!))).mtimeMs).toBe(before.mtimeMs)

    // Voiding changes the invoice: one more job, which replaces the cached PDF with the new version.
    const finance = await createStaff(payload, 'finance')
    const financeReq = await createLocalReq({ user: { ...finance.user, collection: 'users' } }, payload)
    await voidInvoice({ req: financeReq, id: invoice.id, reason: 'Salah periode' })
    const jobs = await jobsOf(invoice.id)
    expect(jobs).toHaveLength(2)
    expect(jobs[1]!.version).not.toBe(jobs[0]!.version)
    await payload.jobs.runByID({ id: jobs[1]!.id, overrideAccess: true })
    const [renewed, ...stale] = await cachedFilesOf(invoice.number!)
    expect(stale).toEqual([])
    expect(renewed).not.toBe(file)
    const after = await api(`/api/invoices/${invoice.id}/pdf`, { token })
    expect(after.status).toBe(200)
    expect(`${invoice.number}-${after.headers.get('etag')!.replaceAll('"', '')}.pdf`).toBe(renewed)
    expect(await cachedFilesOf(invoice.number!)).toEqual([renewed])
  })
})
