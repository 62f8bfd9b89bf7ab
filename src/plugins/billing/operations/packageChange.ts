import type { PayloadRequest } from 'payload'

import { relationId } from '../../../lib/relationId'
import type { Customer } from '../../../payload-types'
import { daysInPeriod, periodOf, wibDay } from './calendar'

/**
 * A package change in the middle of a month that was already invoiced: the difference for the
 * rest of the month (the change day included) goes onto the next invoice as a proration charge,
 * or a credit when moving down.
 */
export async function proratePackageChange({ req, previous, current, day = wibDay() }: { req: PayloadRequest; previous: Customer; current: Customer; day?: string }) {
  const fromId = relationId(previous.package)
  const toId = relationId(current.package)
  if (!fromId || !toId || fromId === toId || current.status !== 'active') return
  const period = periodOf(day)
  const invoiced = await req.payload.count({ collection: 'invoices', where: { customer: { equals: current.id }, period: { equals: period }, status: { not_equals: 'void' } }, overrideAccess: true, req })
  if (invoiced.totalDocs === 0) return
  const [from, to] = await Promise.all([fromId, toId].map((id) => req.payload.findByID({ collection: 'packages', id, depth: 0, overrideAccess: true, req })))
  const totalDays = daysInPeriod(period)
  const days = totalDays - Number(day.slice(8, 10)) + 1
  const amount = Math.round(((to!.monthlyPrice - from!.monthlyPrice) * days) / totalDays)
  if (amount === 0) return
  await req.payload.create({
    collection: 'billing-adjustments',
    data: { customer: current.id, kind: 'proration', status: 'pending', amount, description: `Selisih ganti paket ${from!.name} → ${to!.name} (${days}/${totalDays} hari)` },
    overrideAccess: true,
    req,
  })
}
