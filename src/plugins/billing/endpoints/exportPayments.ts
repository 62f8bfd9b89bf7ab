import type { Endpoint } from 'payload'

import { answer, EndpointError } from '../../../lib/endpointKit'
import { paymentsToPdf, paymentsToXlsx } from '../documents/export'
import { loadIspProfile } from '../operations/documents/ispProfile'
import { describeFilters, parseReportFilters } from '../operations/reports/reportFilters'
import { paymentHistory } from '../operations/reports/revenueReport'
import { requireRole } from '../../../access/requireRole'

/** More rows than this is not a report anyone reads; narrow the filters instead. */
export const EXPORT_ROW_LIMIT = 50_000

const FORMATS = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: paymentsToXlsx },
  pdf: { contentType: 'application/pdf', render: paymentsToPdf },
} as const

/**
 * `GET /api/payments/export?format=xlsx|pdf&month=YYYY-MM[&status=][&method=][&area=][&customer=]`
 * (finance, admin): the payment history of a WIB month with the revenue report's filters, as an
 * Excel workbook or a PDF, named like `pembayaran-2026-11.xlsx`.
 */
export const exportPaymentsEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      requireRole(req, ['finance'], 'Anda tidak berhak melihat laporan ini.')
      const format = req.searchParams.get('format') ?? 'xlsx'
      if (format !== 'xlsx' && format !== 'pdf')
        throw new EndpointError(400, `Format "${format}" tidak dikenal. Pilih xlsx atau pdf.`)
      const filters = parseReportFilters(req.searchParams)
      const { rows, truncated } = await paymentHistory({ req, filters, limit: EXPORT_ROW_LIMIT })
      if (truncated)
        throw new EndpointError(
          400,
          `Lebih dari ${EXPORT_ROW_LIMIT.toLocaleString('id-ID')} pembayaran cocok dengan filter ini. Persempit filternya (wilayah, metode atau status).`,
        )
      const customerName = filters.customer ? rows[0]?.customerName : undefined
      const isp = await loadIspProfile(req)
      const body = await FORMATS[format].render(rows, {
        title: 'Riwayat Pembayaran',
        filterDescription: describeFilters(filters, customerName),
        generatedAt: new Date(),
        isp,
      })
      return new Response(new Uint8Array(body), {
        headers: {
          'Content-Type': FORMATS[format].contentType,
          'Content-Disposition': `attachment; filename="pembayaran-${filters.month}.${format}"`,
          'Content-Length': String(body.length),
          'Cache-Control': 'private, no-store',
        },
      })
    }),
}
