import crypto from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../../db/sql'
import { inTransaction } from '../../../../db/transaction'
import { DomainError } from '../../../../lib/errors'
import { logger } from '../../../../lib/logger'
import type { CustomerImport } from '../../../../payload-types'
import { type CheckedRow, checkCustomerRows } from './check'
import type { SheetRow } from './sheet'

/** A row that did not go in, as the error sheet lists it. */
export type ImportProblem = Pick<CheckedRow, 'row' | 'values' | 'reasons'> & { action: 'skip' | 'error' }

/** Thrown inside a row's transaction to roll the row back and report it skipped. */
class RowAlreadyImported extends Error {}

const readable = (error: unknown): string => {
  const data = (error as { data?: { errors?: { message?: string; path?: string }[] } }).data
  if (data?.errors?.length) return data.errors.map((e) => e.message ?? e.path).join('; ')
  return error instanceof DomainError ? error.message : 'Baris tidak bisa disimpan.'
}

/** Starts an import of checked rows: the record the page follows, and the job that does the work. */
export async function startCustomerImport({
  req,
  fileName,
  rows,
}: {
  req: PayloadRequest
  fileName: string
  rows: SheetRow[]
}): Promise<{ id: number; jobId: number | string }> {
  const record = await req.payload.create({
    collection: 'customer-imports',
    data: {
      fileName: fileName.slice(0, 200),
      status: 'queued',
      total: rows.length,
      processed: 0,
      created: 0,
      skipped: 0,
      failed: 0,
      rows: rows as unknown as CustomerImport['rows'],
      problems: [],
      startedBy: req.user?.collection === 'users' ? req.user.id : undefined,
    },
    overrideAccess: true,
    req,
  })
  const job = await req.payload.jobs.queue({
    task: 'importCustomers',
    input: { importId: record.id },
    overrideAccess: true,
    req,
  })
  return { id: record.id, jobId: job.id }
}

/**
 * Imports the rows of a customer import, each row in its own transaction: a row's customer, its
 * import keys and the progress counters commit together or not at all, so a row is never half
 * written and a job that dies resumes at the first row not counted. Rows are re-checked against
 * the database when the job runs; a row whose phone or customer number was imported meanwhile
 * (another run of the same file) finds its unique key taken and is skipped.
 */
export async function runCustomerImport({ req, importId }: { req: PayloadRequest; importId: number }) {
  const { payload } = req
  const record = await payload.findByID({
    collection: 'customer-imports',
    id: importId,
    depth: 0,
    overrideAccess: true,
  })
  if (record.status === 'done') return { status: 'done' as const, created: record.created }
  const rows = (record.rows ?? []) as unknown as SheetRow[]
  await payload.update({
    collection: 'customer-imports',
    id: importId,
    data: { status: 'running' },
    overrideAccess: true,
  })
  const checked = await checkCustomerRows(req, rows)
  const password = () => crypto.randomBytes(18).toString('base64url')

  for (let index = record.processed; index < checked.length; index += 1) {
    const row = checked[index]
    let problem: ImportProblem | null =
      row.action === 'create' ? null : { row: row.row, values: row.values, reasons: row.reasons, action: row.action }
    if (!problem) {
      try {
        await inTransaction(payload, async (txReq) => {
          const customer = await payload.create({
            collection: 'customers',
            // The customer signs in with a code sent to their phone, or resets the password.
            data: { ...row.customer!, password: password() },
            overrideAccess: true,
            req: txReq,
          })
          for (const key of row.keys) {
            const { rows: inserted } = await executeSql(
              txReq,
              sql`INSERT INTO customer_import_keys (key, customer_id, customer_import_id, updated_at, created_at)
                  VALUES (${key}, ${customer.id}, ${importId}, now(), now())
                  ON CONFLICT (key) DO NOTHING RETURNING id`,
            )
            if (!inserted.length) throw new RowAlreadyImported(key)
          }
          await executeSql(
            txReq,
            sql`UPDATE customer_imports SET processed = ${index + 1}, created = created + 1, updated_at = now()
                 WHERE id = ${importId}`,
          )
        })
      } catch (error) {
        problem =
          error instanceof RowAlreadyImported
            ? {
                row: row.row,
                values: row.values,
                reasons: ['Sudah diimpor sebelumnya (nomor HP atau nomor pelanggan sama).'],
                action: 'skip',
              }
            : { row: row.row, values: row.values, reasons: [readable(error)], action: 'error' }
        if (!(error instanceof RowAlreadyImported))
          logger.warn({ importId, row: row.row, err: (error as Error).message }, 'customer import row refused')
      }
    }
    if (problem) {
      const counter = problem.action === 'skip' ? sql`skipped = skipped + 1` : sql`failed = failed + 1`
      await inTransaction(payload, (txReq) =>
        executeSql(
          txReq,
          sql`UPDATE customer_imports SET processed = ${index + 1}, ${counter},
                     problems = coalesce(problems, '[]'::jsonb) || ${JSON.stringify([problem])}::jsonb,
                     updated_at = now()
               WHERE id = ${importId}`,
        ),
      )
    }
  }
  const done = await payload.update({
    collection: 'customer-imports',
    id: importId,
    data: { status: 'done' },
    overrideAccess: true,
  })
  return { status: 'done' as const, created: done.created }
}
