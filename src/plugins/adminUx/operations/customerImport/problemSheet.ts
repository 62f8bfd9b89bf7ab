import ExcelJS from 'exceljs'

import type { ImportProblem } from './run'
import { IMPORT_COLUMNS, type ImportColumn } from './sheet'

/**
 * The rows that did not go in, as a sheet to fix and upload again: the row number in the original
 * file, what was skipped or refused and why, then the row's own columns.
 */
export async function problemSheet(problems: ImportProblem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Baris tidak diimpor')
  const columns = Object.entries(IMPORT_COLUMNS) as [ImportColumn, (typeof IMPORT_COLUMNS)[ImportColumn]][]
  sheet.columns = [
    { header: 'Baris', key: 'row', width: 8 },
    { header: 'Hasil', key: 'action', width: 12 },
    { header: 'Alasan', key: 'reasons', width: 60 },
    ...columns.map(([key, { label }]) => ({ header: label, key, width: 20 })),
  ]
  sheet.getRow(1).font = { bold: true }
  for (const problem of [...problems].sort((a, b) => a.row - b.row))
    sheet.addRow({
      row: problem.row,
      action: problem.action === 'skip' ? 'Dilewati' : 'Ditolak',
      reasons: problem.reasons.join(' '),
      ...problem.values,
    })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
