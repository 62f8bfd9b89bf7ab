import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hasRole, isCustomer } from '../../../access/roles'
import { executeSql } from '../../../db/sql'
import { DomainError } from '../../../lib/errors'
import { formatRupiah } from '../../../lib/money'
import { relationId } from '../../../lib/relationId'
import type { Customer, Package, PackageChangeRequest } from '../../../payload-types'
import { periodOf, wibDay } from '../../billing/operations/calendar'
import { packageChangeProration } from '../../billing/operations/invoices/midMonthChanges'
import { notify } from '../../notifications'

type RequestData = Partial<PackageChangeRequest>

/**
 * What changing from one package to another costs this month, as billing will charge it: the
 * billing plugin's proration, when the customer is active and this month is already invoiced
 * (otherwise the new price simply starts with the next invoice, and the quote is 0).
 */
export async function packageChangeQuote({
  req,
  customer,
  from,
  to,
  day = wibDay(),
}: {
  req: PayloadRequest
  customer: Customer
  from: Package | null
  to: Package
  day?: string
}): Promise<number> {
  if (!from || customer.status !== 'active') return 0
  const invoiced = await req.payload.count({
    collection: 'invoices',
    where: { customer: { equals: customer.id }, period: { equals: periodOf(day) }, status: { not_equals: 'void' } },
    overrideAccess: true,
    req,
  })
  if (invoiced.totalDocs === 0) return 0
  return packageChangeProration({ fromPrice: from.monthlyPrice, toPrice: to.monthlyPrice, day }).amount
}

/**
 * A new request: a customer asks for themself (whatever customer id they sent), for a package on
 * sale other than their own, with no other request waiting. Records the package they leave and the
 * quote they saw. The partial unique index on pending rows backs the "one waiting" rule under races.
 */
export async function preparePackageChangeRequest({
  req,
  data,
}: {
  req: PayloadRequest
  data: RequestData
}): Promise<RequestData> {
  const customerId = isCustomer(req.user) ? req.user!.id : relationId(data.customer)
  if (!customerId) throw new DomainError('invalid', 'Pilih pelanggan.')
  const toId = relationId(data.toPackage)
  if (!toId) throw new DomainError('invalid', 'Pilih paket baru.')
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    joins: false,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!customer) throw new DomainError('not_found', 'Pelanggan tidak ditemukan.')
  if (customer.status === 'terminated')
    throw new DomainError('invalid', 'Layanan sudah berhenti; paket tidak dapat diganti.')
  const to = await req.payload.findByID({
    collection: 'packages',
    id: toId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  if (!to || !to.active) throw new DomainError('invalid', 'Paket itu tidak dijual. Pilih paket lain.')
  const fromId = relationId(customer.package)
  if (fromId === toId) throw new DomainError('invalid', 'Itu paket Anda sekarang. Pilih paket lain.')
  // Two requests at once (a double tap, two phones) take turns here until the first commits, so the
  // second sees it waiting and gets the sentence below, not the unique index's error.
  await executeSql(req, sql`SELECT pg_advisory_xact_lock(hashtext('package-change-request'), ${Number(customerId)})`)
  const waiting = await req.payload.count({
    collection: 'package-change-requests',
    where: { customer: { equals: customerId }, status: { equals: 'pending' } },
    overrideAccess: true,
    req,
  })
  if (waiting.totalDocs > 0)
    throw new DomainError(
      'conflict',
      'Masih ada permintaan ganti paket yang menunggu persetujuan. Tunggu hasilnya dulu.',
    )
  const from = fromId
    ? await req.payload.findByID({ collection: 'packages', id: fromId, depth: 0, overrideAccess: true, req })
    : null
  return {
    ...data,
    customer: customerId,
    toPackage: toId,
    fromPackage: fromId,
    status: 'pending',
    quotedAmount: await packageChangeQuote({ req, customer, from, to }),
  }
}

/**
 * A decision on a waiting request, by customer service or finance: the row is locked and must
 * still be waiting (a second click, or a colleague deciding at the same moment, gets a conflict
 * and changes nothing); a rejection needs a reason. Records who decided and when.
 */
export async function decidePackageChange({
  req,
  data,
  original,
}: {
  req: PayloadRequest
  data: RequestData
  original: PackageChangeRequest
}): Promise<RequestData> {
  if (data.status === undefined || data.status === original.status) return data
  if (req.user && !hasRole(req.user, 'customer_service', 'finance'))
    throw new DomainError('forbidden', 'Hanya CS atau keuangan yang memutuskan permintaan ganti paket.')
  if (data.status === 'pending')
    throw new DomainError('invalid', 'Permintaan yang sudah diputuskan tidak dapat dibuka lagi.')
  const { rows } = await executeSql(
    req,
    sql`SELECT status FROM package_change_requests WHERE id = ${original.id} FOR UPDATE`,
  )
  if (rows[0]?.status !== 'pending') throw new DomainError('conflict', 'Permintaan ini sudah diputuskan.')
  const reason = (data.decisionReason ?? original.decisionReason ?? '').trim()
  if (data.status === 'rejected' && !reason) throw new DomainError('invalid', 'Tulis alasan penolakan.')
  return {
    ...data,
    decisionReason: reason || null,
    decidedAt: new Date().toISOString(),
    decidedBy: req.user && !isCustomer(req.user) ? req.user.id : null,
  }
}

/**
 * After the decision, in the same transaction: an approval changes the customer's package (the
 * billing plugin's customer hook bills the prorated difference as a pending adjustment, which the
 * next invoice carries) and links that adjustment; either way the customer gets a WhatsApp notice.
 */
export async function applyPackageChangeDecision({
  req,
  doc,
}: {
  req: PayloadRequest
  doc: PackageChangeRequest
}): Promise<PackageChangeRequest> {
  const customerId = relationId(doc.customer)!
  const toId = relationId(doc.toPackage)!
  const to = await req.payload.findByID({ collection: 'packages', id: toId, depth: 0, overrideAccess: true, req })
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    joins: false,
    overrideAccess: true,
    req,
  })
  if (doc.status === 'approved') {
    const latest = async () =>
      (
        await req.payload.find({
          collection: 'billing-adjustments',
          where: { customer: { equals: customerId }, kind: { equals: 'proration' } },
          sort: '-id',
          limit: 1,
          depth: 0,
          overrideAccess: true,
          req,
        })
      ).docs[0]
    const before = await latest()
    if (relationId(customer.package) !== toId)
      await req.payload.update({
        collection: 'customers',
        id: customerId,
        data: { package: toId },
        depth: 0,
        overrideAccess: true,
        req,
      })
    const after = await latest()
    const adjustment = after && after.id !== before?.id ? after : null
    if (adjustment) {
      await executeSql(
        req,
        sql`UPDATE package_change_requests SET adjustment_id = ${adjustment.id} WHERE id = ${doc.id}`,
      )
      doc = { ...doc, adjustment: adjustment.id }
    }
    await notify({
      req,
      trigger: 'package_change_approved',
      customerId,
      dedupeKey: `package_change:${doc.id}`,
      variables: {
        nama: customer.name,
        paket: to.name,
        harga: formatRupiah(to.monthlyPrice),
        selisih: adjustment
          ? `${adjustment.amount > 0 ? 'tambahan' : 'potongan'} ${formatRupiah(Math.abs(adjustment.amount))}`
          : 'tidak ada',
      },
    })
  } else if (doc.status === 'rejected') {
    await notify({
      req,
      trigger: 'package_change_rejected',
      customerId,
      dedupeKey: `package_change:${doc.id}`,
      variables: { nama: customer.name, paket: to.name, alasan: doc.decisionReason ?? '-' },
    })
  }
  return doc
}
