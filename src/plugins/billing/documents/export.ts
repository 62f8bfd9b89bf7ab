import { renderSharingFonts } from './standardFonts'
import ExcelJS from 'exceljs'

import { formatWib, wibDateStamp } from '../../../lib/wib'
import { paymentMethodLabels, paymentStatusLabels, periodLabel } from './labels'
import { PaymentsReportDocument, totalsByStatus } from './PaymentsReportDocument'
import type { PaymentExportMeta, PaymentExportRow } from './types'

/** Excel number format for whole Rupiah; Excel shows the separators of the reader's locale. */
export const RUPIAH_NUMBER_FORMAT = '"Rp"#,##0'

const HEADERS: { header: string; width: number }[] = [
  { header: 'Nomor', width: 18 },
  { header: 'Tanggal bayar', width: 14 },
  { header: 'Pelanggan', width: 28 },
  { header: 'No. pelanggan', width: 17 },
  { header: 'Metode', width: 14 },
  { header: 'Referensi', width: 22 },
  { header: 'Periode', width: 15 },
  { header: 'Jumlah (Rp)', width: 16 },
  { header: 'Status', width: 20 },
  { header: 'Diproses oleh', width: 20 },
]
const AMOUNT_COLUMN = 8 // 1-based: "Jumlah (Rp)"
const STATUS_COLUMN = 9

/**
 * The WIB calendar day of a payment as an Excel date. Excel dates have no time zone, so the
 * cell holds midnight UTC of the day as it was in Jakarta.
 */
function wibDay(at: string | Date): Date {
  const stamp = wibDateStamp(new Date(at))
  return new Date(Date.UTC(Number(stamp.slice(0, 4)), Number(stamp.slice(4, 6)) - 1, Number(stamp.slice(6, 8))))
}

const column = (n: number) => String.fromCharCode(64 + n)

/**
 * Payment history as an .xlsx workbook: a title block (title, filter, when and by whom it was
 * made), one row per payment with the amount as a whole-number cell, then the total (and a
 * subtotal per status when the rows mix statuses) as formulas with their values filled in.
 */
export async function paymentsToXlsx(rows: PaymentExportRow[], meta: PaymentExportMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = meta.isp.name
  workbook.created = meta.generatedAt
  workbook.modified = meta.generatedAt
  workbook.title = meta.title

  const sheet = workbook.addWorksheet('Pembayaran', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.columns = HEADERS.map(({ width }) => ({ width }))
  const lastColumn = column(HEADERS.length)

  const title = sheet.addRow([meta.title])
  title.font = { bold: true, size: 14 }
  sheet.mergeCells(`A${title.number}:${lastColumn}${title.number}`)
  const filter = sheet.addRow([meta.filterDescription])
  sheet.mergeCells(`A${filter.number}:${lastColumn}${filter.number}`)
  const made = sheet.addRow([`${meta.isp.name} · dibuat ${formatWib(meta.generatedAt)}`])
  made.font = { italic: true, color: { argb: 'FF616E7C' } }
  sheet.mergeCells(`A${made.number}:${lastColumn}${made.number}`)
  sheet.addRow([])

  const header = sheet.addRow(HEADERS.map((h) => h.header))
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B4F8A' } }
  })
  sheet.views = [{ state: 'frozen', ySplit: header.number }]

  const firstData = header.number + 1
  for (const row of rows) {
    const added = sheet.addRow([
      row.number,
      wibDay(row.paymentDate),
      row.customerName,
      row.customerNumber,
      paymentMethodLabels[row.method],
      row.reference ?? '',
      row.period ? periodLabel(row.period) : '',
      row.amount,
      paymentStatusLabels[row.status],
      row.processedBy ?? '',
    ])
    added.getCell(2).numFmt = 'dd/mm/yyyy'
    added.getCell(AMOUNT_COLUMN).numFmt = RUPIAH_NUMBER_FORMAT
  }
  const lastData = firstData + rows.length - 1
  if (rows.length > 0)
    sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: lastData, column: HEADERS.length } }

  const amounts = `${column(AMOUNT_COLUMN)}${firstData}:${column(AMOUNT_COLUMN)}${lastData}`
  const statuses = `${column(STATUS_COLUMN)}${firstData}:${column(STATUS_COLUMN)}${lastData}`
  const total = rows.reduce((sum, row) => sum + row.amount, 0)

  const addTotal = (label: string, formula: string, result: number, bold: boolean) => {
    const line = sheet.addRow([label])
    sheet.mergeCells(`A${line.number}:${column(AMOUNT_COLUMN - 1)}${line.number}`)
    const cell = line.getCell(AMOUNT_COLUMN)
    // The computed value goes in too, so readers that do not recalculate still see the total.
    cell.value = rows.length > 0 ? { formula, result } : 0
    cell.numFmt = RUPIAH_NUMBER_FORMAT
    line.font = { bold }
    line.getCell(1).alignment = { horizontal: 'right' }
    return line
  }

  const totalLine = addTotal(`Total (${rows.length} pembayaran)`, `SUM(${amounts})`, total, true)
  totalLine.getCell(AMOUNT_COLUMN).border = { top: { style: 'thin' } }
  const byStatus = totalsByStatus(rows)
  if (byStatus.length > 1) {
    for (const subtotal of byStatus) {
      const label = paymentStatusLabels[subtotal.status]
      addTotal(`${label} (${subtotal.count})`, `SUMIF(${statuses},"${label}",${amounts})`, subtotal.amount, false)
    }
  }

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Payment history as a landscape A4 PDF table, paginated, with the total at the end. */
export async function paymentsToPdf(rows: PaymentExportRow[], meta: PaymentExportMeta): Promise<Buffer> {
  return renderSharingFonts(PaymentsReportDocument({ rows, meta }))
}
