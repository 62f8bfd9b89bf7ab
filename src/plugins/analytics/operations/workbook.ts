import ExcelJS from 'exceljs'

import { formatWib } from '../../../lib/wib'
import { RUPIAH_NUMBER_FORMAT } from '../../billing/documents/export'
import type { CellFormat, TableSpec } from './tables'

const NUMBER_FORMATS: Record<CellFormat, string | undefined> = {
  rupiah: RUPIAH_NUMBER_FORMAT,
  percent: '0.00"%"',
  number: '#,##0',
  decimal: '0.0#',
  text: undefined,
}

/**
 * One table as an .xlsx workbook: title, the filters, when it was made, the header row, the rows
 * with numbers as number cells (Rupiah, percent), then the definitions shown on the page.
 */
export async function tableToXlsx(table: TableSpec, filterDescription: string, now = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.created = now
  workbook.title = table.title
  const sheet = workbook.addWorksheet(table.title.slice(0, 31))
  sheet.columns = table.columns.map((c) => ({ width: c.width ?? (c.format === 'text' ? 24 : 16) }))
  sheet.addRow([table.title]).font = { bold: true, size: 14 }
  sheet.addRow([filterDescription])
  sheet.addRow([`Dibuat ${formatWib(now)}`])
  sheet.addRow([])
  const header = sheet.addRow(table.columns.map((c) => c.header))
  header.font = { bold: true }
  for (const values of table.rows) {
    const row = sheet.addRow(values.map((v) => (v === null ? null : v)))
    table.columns.forEach((column, i) => {
      const format = NUMBER_FORMATS[column.format]
      if (format) row.getCell(i + 1).numFmt = format
    })
  }
  sheet.addRow([])
  for (const note of table.notes) sheet.addRow([note]).font = { italic: true }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
