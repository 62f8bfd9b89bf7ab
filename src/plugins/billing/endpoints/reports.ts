import type { Endpoint } from 'payload'

import { requireRole } from '../../../access/requireRole'
import { answer } from '../../../lib/endpointKit'
import { parsePreviewDay, parseReportFilters } from '../operations/reports/reportFilters'
import { revenueReport } from '../operations/reports/revenueReport'
import { previewSuspensions } from '../operations/isolir/suspendOverdue'

const NOT_YOUR_REPORT = 'Anda tidak berhak melihat laporan ini.'

/**
 * `GET /api/billing/revenue?month=YYYY-MM[&area=][&method=]` (finance, admin): the monthly
 * revenue report the admin view shows, as JSON. Month defaults to the current WIB month.
 */
export const revenueReportEndpoint: Endpoint = {
  path: '/billing/revenue',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      requireRole(req, ['finance'], NOT_YOUR_REPORT)
      const filters = parseReportFilters(req.searchParams)
      return Response.json(await revenueReport({ req, filters }))
    }),
}

/**
 * `GET /api/billing/suspension-preview[?day=YYYY-MM-DD]` (finance, customer service, admin): who
 * the isolir run would suspend on that day (tomorrow, WIB, by default), who is exempt and why,
 * and whether the run is off that day. Changes nothing.
 */
export const suspensionPreviewEndpoint: Endpoint = {
  path: '/billing/suspension-preview',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      requireRole(req, ['finance', 'customer_service'], NOT_YOUR_REPORT)
      const day = parsePreviewDay(req.searchParams)
      return Response.json(await previewSuspensions({ req, day }))
    }),
}

export const billingReportEndpoints: Endpoint[] = [revenueReportEndpoint, suspensionPreviewEndpoint]
