import type { PayloadRequest } from 'payload'

import { periodLabel } from '../../billing/operations/calendar'
import type { AnalyticsFilters } from './filters'

/** `Januari 2026 – Desember 2026 · wilayah Beji · paket Rumahan 20 Mbps`, for exports. */
export async function describeAnalyticsFilters(req: PayloadRequest, filters: AnalyticsFilters): Promise<string> {
  const parts = [`${periodLabel(filters.from)} – ${periodLabel(filters.to)}`]
  if (filters.area) parts.push(`wilayah ${filters.area}`)
  if (filters.packageId) {
    const found = await req.payload.find({
      collection: 'packages',
      where: { id: { equals: filters.packageId } },
      depth: 0,
      limit: 1,
      overrideAccess: true,
      req,
    })
    parts.push(`paket ${found.docs[0]?.name ?? `#${filters.packageId}`}`)
  }
  return parts.join(' · ')
}
