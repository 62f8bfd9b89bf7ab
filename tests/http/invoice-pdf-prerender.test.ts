import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import pg from 'pg'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { startJobRunner } from '../../src/jobs/runner'
import { queueInvoicePdfRenders } from '../../src/plugins/billing/operations/documents/prerender'
import { voidInvoice } from '../../src/plugins/billing/operations/invoices/voidInvoice'
import { createCustomer, createPackage, createStaff } from '../helpers/fixtures'
import { api, login } from '../helpers/http'
import { testPayload, unique } from '../helpers/payload'

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
  it('renders wait on the documents queue: a worker runs every waiting job of an earlier queue first', async () => {
    const pkg = await createPackage(payload, { monthlyPrice: 150_000 })
    const { customer } = await createCustomer(payload, { package: pkg.id, billingDay: 1 })
    const issue = (period: string) =>
      payload.create({
        collection: 'invoices',
        data: {
          customer: customer.id,
          period,
          issueDate: `${period}-01T00:00:00+07:00`,
          dueDate: `${period}-10T00:00:00+07:00`,
          lines: [{ description: 'Paket', kind: 'package', quantity: 1, unitPrice: 150_000 }],
        } as never,
        overrideAccess: true,
      })
    const older = await issue('2026-03')
    const newer = await issue('2026-04')
    const [olderJob] = await jobsOf(older.id)
    const [newerJob] = await jobsOf(newer.id)
    const { rows } = await db.query<{ queue: string }>(
      'SELECT queue FROM payload_jobs WHERE id = ANY($1) ORDER BY id',
      [[olderJob!.id, newerJob!.id]],
    )
    expect(rows.map((r) => r.queue)).toEqual(['documents', 'documents'])

    // The same ordering on queues of this test's own (the suite's other jobs stay untouched): the
    // older job waits on the later queue, the newer one on the urgent queue, and runs first.
    const urgent = unique('urgent-')
    const later = unique('later-')
    await db.query('UPDATE payload_jobs SET queue = $2 WHERE id = $1', [olderJob!.id, later])
    await db.query('UPDATE payload_jobs SET queue = $2 WHERE id = $1', [newerJob!.id, urgent])
    const runner = await startJobRunner(payload, {
      queues: [urgent, later],
      idleDelayMs: 50,
      databaseUrl: inject('databaseUrl'),
    })
    try {
      await expect
        .poll(
          async () =>
            (await jobsOf(older.id)).every((j) => j.completed) && (await jobsOf(newer.id)).every((j) => j.completed),
          {
            timeout: 30_000,
          },
        )
        .toBe(true)
    } finally {
      await runner.stop()
    }
    const { rows: done } = await db.query<{ id: number }>(
      'SELECT id FROM payload_jobs WHERE id = ANY($1) ORDER BY completed_at, id',
      [[olderJob!.id, newerJob!.id]],
    )
    expect(done.map((r) => r.id)).toEqual([newerJob!.id, olderJob!.id])
  })
})
