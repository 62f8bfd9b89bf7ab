import ExcelJS from 'exceljs'

import { DomainError } from '../../../../lib/errors'

/** The columns an ISP keeps for its customers, each known by the headers people write for it. */
export const IMPORT_COLUMNS = {
  number: {
    label: 'Nomor pelanggan',
    aliases: ['nomorpelanggan', 'nopelanggan', 'idpelanggan', 'nomor', 'customernumber'],
  },
  name: { label: 'Nama', aliases: ['nama', 'namapelanggan', 'name'] },
  phone: {
    label: 'No. HP',
    aliases: ['nohp', 'nomorhp', 'hp', 'nowa', 'nomorwa', 'whatsapp', 'wa', 'telepon', 'notelp', 'telp', 'phone'],
  },
  email: { label: 'Email', aliases: ['email', 'surel'] },
  address: { label: 'Alamat', aliases: ['alamat', 'alamatpemasangan', 'address'] },
  area: { label: 'Wilayah', aliases: ['wilayah', 'area', 'daerah'] },
  odp: { label: 'ODP', aliases: ['odp'] },
  package: { label: 'Paket', aliases: ['paket', 'namapaket', 'kodepaket', 'package'] },
  billingDay: {
    label: 'Tanggal tagihan',
    aliases: ['tanggaltagihan', 'tgltagihan', 'tgltagih', 'tanggaltagih', 'billingday'],
  },
  status: { label: 'Status', aliases: ['status'] },
  notes: { label: 'Catatan', aliases: ['catatan', 'keterangan', 'notes'] },
} as const

export type ImportColumn = keyof typeof IMPORT_COLUMNS
export type SheetRow = { row: number; values: Partial<Record<ImportColumn, string>> }

/** Files larger than this are refused before they are read. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024
/** Rows per file: a bigger list is split into several files. */
export const IMPORT_MAX_ROWS = 5000

const headerKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')

function columnFor(header: string): ImportColumn | null {
  const key = headerKey(header)
  if (!key) return null
  for (const [column, { aliases }] of Object.entries(IMPORT_COLUMNS))
    if ((aliases as readonly string[]).includes(key)) return column as ImportColumn
  return null
}

/** A CSV file's rows (`,` or `;` separated, quotes doubled inside quoted values). */
function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'))
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let value = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        value += '"'
        i += 1
      } else if (char === '"') quoted = false
      else value += char
    } else if (char === '"' && value === '') quoted = true
    else if (char === separator) {
      row.push(value)
      value = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1
      row.push(value)
      rows.push(row)
      row = []
      value = ''
    } else value += char
  }
  if (quoted) throw new DomainError('invalid', 'Berkas CSV rusak: ada tanda kutip yang tidak ditutup.')
  if (value !== '' || row.length) {
    row.push(value)
    rows.push(row)
  }
  return rows
}

const cellText = (cell: ExcelJS.Cell): string => {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return (cell.text ?? '').toString()
}

async function parseXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer)
  } catch {
    throw new DomainError(
      'invalid',
      'Berkas Excel tidak bisa dibaca. Simpan ulang sebagai .xlsx atau .csv lalu unggah lagi.',
    )
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new DomainError('invalid', 'Berkas Excel tidak punya lembar kerja.')
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: string[] = []
    for (let c = 1; c <= sheet.columnCount; c += 1) values.push(cellText(row.getCell(c)))
    rows[number - 1] = values
  })
  return Array.from(rows, (row) => row ?? [])
}

const isZip = (data: Buffer) =>
  data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04

/**
 * The customer rows of an uploaded `.xlsx` (first sheet) or `.csv`: the first row names the
 * columns (`Nama`, `No. HP`, `Alamat`, `Paket`, …; unknown columns are ignored), empty rows are
 * skipped, and each row keeps its line number in the file for the error list.
 */
export async function readCustomerSheet(fileName: string, data: Buffer): Promise<SheetRow[]> {
  if (data.length === 0) throw new DomainError('invalid', 'Berkas kosong.')
  if (data.length > IMPORT_MAX_BYTES)
    throw new DomainError('invalid', `Berkas terlalu besar: maksimal ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`, {
      status: 413,
    })
  const lower = fileName.toLowerCase()
  let table: string[][]
  if (isZip(data)) table = await parseXlsx(data)
  else if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const text = data.toString('utf8').replace(/^\uFEFF/, '')
    if (text.includes('\u0000')) throw new DomainError('invalid', 'Berkas bukan CSV teks: unggah .xlsx atau .csv.')
    table = parseCsv(text)
  } else throw new DomainError('invalid', 'Jenis berkas tidak dikenal: unggah .xlsx (Excel) atau .csv.')

  const headerIndex = table.findIndex((row) => row.some((cell) => cell.trim() !== ''))
  if (headerIndex === -1) throw new DomainError('invalid', 'Berkas tidak berisi data.')
  const columns = table[headerIndex].map((header) => columnFor(header))
  const missing = (['name', 'phone'] as const).filter((column) => !columns.includes(column))
  if (missing.length)
    throw new DomainError(
      'invalid',
      `Kolom wajib tidak ditemukan di baris judul: ${missing.map((column) => IMPORT_COLUMNS[column].label).join(', ')}.`,
    )
  const rows: SheetRow[] = []
  for (let index = headerIndex + 1; index < table.length; index += 1) {
    const cells = table[index]
    if (!cells.some((cell) => cell.trim() !== '')) continue
    const values: SheetRow['values'] = {}
    columns.forEach((column, c) => {
      const cell = (cells[c] ?? '').trim()
      if (column && cell) values[column] = cell
    })
    rows.push({ row: index + 1, values })
  }
  if (rows.length === 0) throw new DomainError('invalid', 'Berkas hanya berisi baris judul, tanpa data pelanggan.')
  if (rows.length > IMPORT_MAX_ROWS)
    throw new DomainError('invalid', `Terlalu banyak baris (${rows.length}); maksimal ${IMPORT_MAX_ROWS} per berkas.`)
  return rows
}
