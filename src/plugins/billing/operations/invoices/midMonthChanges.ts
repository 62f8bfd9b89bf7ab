import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../../db/sql'
import { formatRupiah } from '../../../../lib/money'
import { relationId } from '../../../../lib/relationId'
import { recordServiceEvent } from '../../../../operations/recordServiceEvent'
import type { Customer } from '../../../../payload-types'
import { daysInPeriod, periodOf, wibDay } from '../calendar'

/**
 * The proration of a package change on `day` (WIB): the price difference for the rest of that
 * month, the change day included; negative when moving down. What `proratePackageChange` bills
 * and what the portal quotes before a customer asks for a change.
 */
export function packageChangeProration({
  fromPrice,
  toPrice,
  day,
}: {
  fromPrice: number
  toPrice: number
  day: string
}): { amount: number; days: number; totalDays: number } {
  const totalDays = daysInPeriod(periodOf(day))
  const days = totalDays - Number(day.slice(8, 10)) + 1
  return { amount: Math.round(((toPrice - fromPrice) * days) / totalDays), days, totalDays }
}

/**
 * A package change in the middle of a month that was already invoiced: the difference for the
 * rest of the month (the change day included) goes onto the next invoice as a proration charge,
 * or a credit when moving down.
 */
export async function proratePackageChange({
  req,
  previous,
  current,
  day = wibDay(),
}: {
  req: PayloadRequest
  previous: Customer
  current: Customer
  day?: string
}) {
  const fromId = relationId(previous.package)
  const toId = relationId(current.package)
  if (!fromId || !toId || fromId === toId || current.status !== 'active') return
  const period = periodOf(day)
  const invoiced = await req.payload.count({
    collection: 'invoices',
    where: { customer: { equals: current.id }, period: { equals: period }, status: { not_equals: 'void' } },
    overrideAccess: true,
    req,
  })
  if (invoiced.totalDocs === 0) return
  const [from, to] = await Promise.all(
    [fromId, toId].map((id) =>
      req.payload.findByID({ collection: 'packages', id, depth: 0, overrideAccess: true, req }),
    ),
  )
  const { amount, days, totalDays } = packageChangeProration({
    fromPrice: from!.monthlyPrice,
    toPrice: to!.monthlyPrice,
    day,
  })
  if (amount === 0) return
  await req.payload.create({
    collection: 'billing-adjustments',
    data: {
      customer: current.id,
      kind: 'proration',
      status: 'pending',
      amount,
      description: `Selisih ganti paket ${from!.name} → ${to!.name} (${days}/${totalDays} hari)`,
    },
    overrideAccess: true,
    req,
  })
}

/**
 * Termination in the middle of an invoiced month: the unused days (after the termination day) are
 * owed back. They first reduce what is still open on that month's invoice (as credit applied);
 * the rest becomes the customer's credit, for finance to refund.
 */
export async function prorateTermination({
  req,
  previous,
  current,
  day = wibDay(),
}: {
  req: PayloadRequest
  previous: Customer
  current: Customer
  day?: string
}) {
  if (current.status !== 'terminated' || previous.status === 'terminated') return
  const period = periodOf(day)
  const found = await req.payload.find({
    collection: 'invoices',
    where: { customer: { equals: current.id }, period: { equals: period }, status: { not_equals: 'void' } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const invoice = found.docs[0]
  const packageLine = invoice?.lines.find((l) => l.kind === 'package' || l.kind === 'proration')
  if (!invoice || !packageLine) return
  const totalDays = daysInPeriod(period)
  const unused = totalDays - Number(day.slice(8, 10))
  const refund = Math.round(((packageLine.amount ?? 0) * unused) / totalDays)
  if (refund <= 0) return
  const balance = invoice.balanceDue ?? 0
  const offset = Math.min(balance, refund)
  if (offset > 0) {
    const balanceDue = balance - offset
    await req.payload.update({
      collection: 'invoices',
      id: invoice.id,
      data: {
        creditApplied: (invoice.creditApplied ?? 0) + offset,
        balanceDue,
        status: balanceDue === 0 ? 'paid' : 'partially_paid',
        paidAt: balanceDue === 0 ? new Date().toISOString() : undefined,
      },
      context: { billingSystemWrite: true },
      overrideAccess: true,
      depth: 0,
      req,
    })
  }
  if (refund > offset)
    await executeSql(
      req,
      sql`UPDATE customers SET credit_balance = coalesce(credit_balance, 0) + ${refund - offset}, updated_at = now() WHERE id = ${current.id}`,
    )
  await recordServiceEvent({
    req,
    event: {
      customer: current.id,
      type: 'termination',
      summary: `Prorata berhenti: ${unused}/${totalDays} hari tidak terpakai (${formatRupiah(refund)})`,
      details: { invoice: invoice.id, refund, offset },
    },
  })
}
