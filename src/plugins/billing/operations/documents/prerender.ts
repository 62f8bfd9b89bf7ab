import { readdir, rm } from 'node:fs/promises'

import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../../db/sql'
import { invoicePdf, pdfCacheDir } from './documents'

export const PRERENDER_TASK = 'prerenderInvoicePdf' // also in the index `payload_jobs_invoice_pdf_once`
/** Renders ahead of time wait behind the jobs people wait for (src/jobs/runner.ts, `JOB_QUEUES`). */
export const PRERENDER_QUEUE = 'documents'

/**
 * Queues the PDF render of invoices in the caller's transaction (committed or rolled back with the
 * change that made them): one job per invoice and version (`updated_at`, kept in the input as `invoiceUpdatedAt`). The unique index
 * `payload_jobs_invoice_pdf_once` makes it exactly once: the same version queued again, by a retry
 * or a second hook, adds nothing. `invoices` is a SQL fragment selecting invoice ids.
 */
export async function queueInvoicePdfRenders(req: PayloadRequest, invoices: unknown): Promise<number> {
  const { rows } = await executeSql(
    req,
    sql`INSERT INTO payload_jobs (input, task_slug, queue, created_at, updated_at)
        SELECT jsonb_build_object('invoice', i.id, 'invoiceUpdatedAt', i.updated_at), ${PRERENDER_TASK}, ${PRERENDER_QUEUE}, now(), now()
          FROM invoices i WHERE i.id IN (${invoices})
        ON CONFLICT ((input->>'invoice'), (input->>'invoiceUpdatedAt')) WHERE input ? 'invoiceUpdatedAt'
        DO NOTHING RETURNING id`,
  )
  return rows.length
}

/**
 * The job: renders the invoice's PDF into the cache as the download would (same data, same key),
 * so the customer's first download is a cache hit, and removes the invoice's PDFs of earlier
 * versions. A job for a version that has since changed renders the current one (harmless: the
 * later job finds it cached).
 */
export async function prerenderInvoicePdf({
  req,
  invoiceId,
}: {
  req: PayloadRequest
  invoiceId: number
}): Promise<{ rendered: boolean; removed: number }> {
  const invoice = await req.payload.findByID({
    collection: 'invoices',
    id: invoiceId,
    depth: 0,
    joins: false,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!invoice?.number) return { rendered: false, removed: 0 }
  const { version } = await invoicePdf({ req, invoice, prerender: true })
  const current = `${invoice.number}-${version}.pdf`
  const stale = (await readdir(pdfCacheDir()).catch(() => [] as string[])).filter(
    (file) => file.startsWith(`${invoice.number}-`) && file.endsWith('.pdf') && file !== current,
  )
  await Promise.all(stale.map((file) => rm(`${pdfCacheDir()}/${file}`, { force: true })))
  return { rendered: true, removed: stale.length }
}
