import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, Where } from 'payload'

import { requireRole } from '../../../../access/requireRole'
import { inRequestTransaction } from '../../../../db/transaction'
import { DomainError } from '../../../../lib/errors'
import { customerTemplateVariables } from '../../../notifications/operations/conversation'
import { queueNotificationsBulk } from '../../../notifications/operations/queueBulk'
import { STAFF_TRIGGER_NAMES } from '../../../notifications/types'

/** Customers per bulk send; a bigger audience is split by area or package. */
export const BULK_SEND_MAX = 2000

export type CustomerFilter = {
  status?: string[]
  area?: string
  packageId?: number
  customerIds?: number[]
}

export type BulkSendResult = {
  /** Customers the filter matched. */
  matched: number
  /** Messages written by this call (queued or logged as failed, e.g. no WhatsApp number). */
  inserted: number
  queued: number
  failed: number
  /** Matched customers already sent this run's message by an earlier call with the same run key. */
  alreadySent: number
}

const STATUSES = new Set(['prospect', 'active', 'suspended', 'terminated'])

/** The filter as a Payload query; an empty filter is refused (a template to every customer by accident). */
export function customerWhere(filter: CustomerFilter): Where {
  const and: Where[] = []
  if (filter.status?.length) {
    if (filter.status.some((s) => !STATUSES.has(s)))
      throw new DomainError(
        'invalid',
        'Status pelanggan tidak dikenal: gunakan prospect, active, suspended atau terminated.',
      )
    and.push({ status: { in: filter.status } })
  }
  if (filter.area) and.push({ area: { equals: filter.area } })
  if (filter.packageId) and.push({ package: { equals: filter.packageId } })
  if (filter.customerIds?.length) and.push({ id: { in: filter.customerIds } })
  if (!and.length) throw new DomainError('invalid', 'Pilih penerima: status, wilayah, paket atau pelanggan tertentu.')
  return { and }
}

/**
 * Sends one message template to the customers a filter picks, as one bulk run: each customer's
 * message is written once per run (`bulk:<runKey>:<customer>` is the message's unique dedupe key, so
 * a repeated call — a double click, a retry — adds nobody twice), with the variables the customer
 * form would prefill, and paced at the WhatsApp rate and daily tier by the bulk queue. Admins and
 * customer service only; staff-only templates are refused.
 */
export async function sendTemplateToCustomers({
  req,
  templateId,
  filter,
  runKey,
}: {
  req: PayloadRequest
  templateId: number
  filter: CustomerFilter
  runKey: string
}): Promise<BulkSendResult> {
  requireRole(req, ['customer_service'], 'Hanya layanan pelanggan dan admin yang dapat mengirim pesan massal.')
  if (!/^[\x21-\x7e]{8,80}$/.test(runKey))
    throw new DomainError('invalid', 'Kunci pengiriman (runKey) harus 8–80 karakter tanpa spasi.')
  const template = await req.payload.findByID({
    collection: 'message-templates',
    id: templateId,
    depth: 0,
    overrideAccess: true,
    req,
    disableErrors: true,
  })
  if (!template) throw new DomainError('not_found', 'Template tidak ditemukan.')
  if (STAFF_TRIGGER_NAMES.includes(template.key))
    throw new DomainError('invalid', 'Template ini untuk staf, tidak bisa dikirim ke pelanggan.')
  const customers = await req.payload.find({
    collection: 'customers',
    where: customerWhere(filter),
    limit: BULK_SEND_MAX + 1,
    depth: 0,
    joins: false,
    overrideAccess: false,
    user: req.user,
    req,
  })
  if (customers.docs.length > BULK_SEND_MAX)
    throw new DomainError('invalid', `Terlalu banyak penerima (lebih dari ${BULK_SEND_MAX}); persempit saringannya.`)
  const rows = []
  for (const customer of customers.docs)
    rows.push({
      customer_id: customer.id,
      dedupe_key: `bulk:${runKey}:${customer.id}`,
      variables: await customerTemplateVariables({ req, customer }),
    })
  if (!rows.length) return { matched: 0, inserted: 0, queued: 0, failed: 0, alreadySent: 0 }
  const source = sql`SELECT customer_id, dedupe_key, variables
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(customer_id int, dedupe_key text, variables jsonb)`
  const result = await inRequestTransaction(req, (txReq) =>
    queueNotificationsBulk({ req: txReq, trigger: template.key, source }),
  )
  if (result.status === 'disabled')
    throw new DomainError(
      'invalid',
      `Pengiriman template "${template.name}" sedang dimatikan di pengaturan notifikasi.`,
    )
  if (result.status === 'refused') throw new DomainError('invalid', result.reason)
  return {
    matched: rows.length,
    inserted: result.inserted,
    queued: result.queued,
    failed: result.failed,
    alreadySent: rows.length - result.inserted,
  }
}
