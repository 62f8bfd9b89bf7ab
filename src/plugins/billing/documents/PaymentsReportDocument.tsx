import { Document, Page, StyleSheet, View } from '@react-pdf/renderer'

import { formatRupiah } from '../../../lib/money'
import { formatDateWib, formatWib } from '../../../lib/wib'
import { paymentMethodLabels, paymentStatusLabels, periodLabel } from './labels'
import { base, colors, FONT_BOLD, PAGE_HEIGHT, PageFooter, type Style, T } from './parts'
import type { PaymentExportMeta, PaymentExportRow, PaymentStatus } from './types'

const FONT_SIZE = 7.5
const LINE_HEIGHT = 1.35
const PAGE = { width: 841.89, height: PAGE_HEIGHT.landscape, margin: 30, top: 28, bottom: 50 }
const CELL_PADDING = 3
const ROW_PADDING = 2.5

const s = StyleSheet.create({
  page: {
    ...base.page,
    fontSize: FONT_SIZE,
    lineHeight: LINE_HEIGHT,
    paddingHorizontal: PAGE.margin,
    paddingTop: PAGE.top,
    paddingBottom: PAGE.bottom,
  },
  head: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end', marginBottom: 6 },
  headLeft: { flexGrow: 1, flexShrink: 1, marginRight: 12 },
  title: { fontFamily: FONT_BOLD, fontSize: 12, lineHeight: 1.3, color: colors.accent },
  tableHead: {
    flexDirection: 'row',
    backgroundColor: colors.accent,
    color: '#ffffff',
    fontFamily: FONT_BOLD,
    paddingVertical: 3,
  },
  row: { flexDirection: 'row', borderBottomWidth: 0.4, borderBottomColor: colors.line, paddingVertical: ROW_PADDING },
  zebra: { backgroundColor: colors.band },
  totalRow: {
    flexDirection: 'row',
    borderTopWidth: 1,
    borderTopColor: colors.text,
    paddingVertical: 3,
    fontFamily: FONT_BOLD,
    fontSize: 8.5,
  },
  subtotalRow: { flexDirection: 'row', paddingVertical: 1.5, color: colors.muted },
  cell: { paddingHorizontal: CELL_PADDING },
})

/** Column widths in points; the customer name takes what is left of the landscape A4 width. */
const columns: { label: string; width?: number; align?: 'right' }[] = [
  { label: 'No.', width: 24, align: 'right' },
  { label: 'Nomor', width: 76 },
  { label: 'Tanggal bayar', width: 76 },
  { label: 'Pelanggan' },
  { label: 'No. pelanggan', width: 72 },
  { label: 'Metode', width: 56 },
  { label: 'Referensi', width: 78 },
  { label: 'Periode', width: 64 },
  { label: 'Jumlah (Rp)', width: 66, align: 'right' },
  { label: 'Status', width: 82 },
  { label: 'Diproses oleh', width: 70 },
]
const tableWidth = PAGE.width - 2 * PAGE.margin
const flexWidth = tableWidth - columns.reduce((sum, column) => sum + (column.width ?? 0), 0)
const widthOf = (index: number) => columns[index].width ?? flexWidth

// Totals sit under the amount column, labelled across the columns before it.
const AMOUNT = columns.findIndex((column) => column.label === 'Jumlah (Rp)')
const afterAmountWidth = columns.slice(AMOUNT + 1).reduce((sum, column) => sum + (column.width ?? 0), 0)

const cellStyle = (index: number): Style[] => [
  s.cell,
  { width: widthOf(index) },
  columns[index].align ? { textAlign: columns[index].align } : {},
]

/** Sum of the amounts per status, in the order statuses are listed in the labels. */
export function totalsByStatus(rows: PaymentExportRow[]): { status: PaymentStatus; count: number; amount: number }[] {
  return (Object.keys(paymentStatusLabels) as PaymentStatus[])
    .map((status) => {
      const matching = rows.filter((row) => row.status === status)
      return { status, count: matching.length, amount: matching.reduce((sum, row) => sum + row.amount, 0) }
    })
    .filter((total) => total.count > 0)
}

const cellsOf = (row: PaymentExportRow, index: number): string[] => [
  String(index + 1),
  row.number,
  formatDateWib(row.paymentDate),
  row.customerName,
  row.customerNumber,
  paymentMethodLabels[row.method],
  row.reference ?? '',
  row.period ? periodLabel(row.period) : '',
  formatRupiah(row.amount),
  paymentStatusLabels[row.status],
  row.processedBy ?? '',
]

/** Helvetica advance widths (1/1000 em) of the printable ASCII characters, from its AFM metrics. */
// prettier-ignore
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 222, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 222, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]

/** Width in points, rounded up: characters outside ASCII count as a full em. */
function textWidth(text: string, fontSize: number): number {
  let units = 0
  for (const char of text) {
    const code = char.charCodeAt(0)
    units += code >= 32 && code <= 126 ? HELVETICA_WIDTHS[code - 32] : 1000
  }
  return (units * fontSize * 1.05) / 1000
}

/** Lines a text takes in a cell when wrapped at spaces (a word wider than the cell is broken). */
function estimateLines(text: string, width: number, fontSize: number): number {
  const room = width - 2 * CELL_PADDING
  const space = textWidth(' ', fontSize)
  let lines = 1
  let used = 0
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = textWidth(word, fontSize)
    if (used > 0 && used + space + w <= room) {
      used += space + w
      continue
    }
    if (used > 0) lines += 1
    lines += Math.ceil(w / room) - 1
    used = w % room || room
  }
  return lines
}

/**
 * Rows split into pages by estimated height. react-pdf's own page breaking re-lays the whole
 * remaining table for every page (a 500-row export took half a minute); laying out page-sized
 * pieces keeps it linear. Page wrapping stays on, so an underestimate still only adds a page.
 */
function planPages(cells: string[][], meta: PaymentExportMeta): string[][][] {
  const line = FONT_SIZE * LINE_HEIGHT
  const headHeight = 12 * 1.3 + estimateLines(meta.filterDescription, tableWidth - 220, FONT_SIZE) * line + 6 + line + 6
  const available = PAGE.height - PAGE.top - PAGE.bottom - headHeight
  const totalsHeight = 4 * (8.5 * LINE_HEIGHT + 6)
  const pages: string[][][] = [[]]
  let used = 0
  cells.forEach((row, index) => {
    const lines = Math.max(...row.map((text, column) => estimateLines(text, widthOf(column), FONT_SIZE)))
    const height = lines * line + 2 * ROW_PADDING + 0.4
    // The last page also keeps room for the totals, so they never sit alone on a page.
    const needed = index === cells.length - 1 ? height + totalsHeight : height
    if (used + needed > available && pages[pages.length - 1].length > 0) {
      pages.push([])
      used = 0
    }
    pages[pages.length - 1].push(row)
    used += height
  })
  return pages
}

/** Payment history as a landscape table: heading and column titles on every page, totals at the end. */
export function PaymentsReportDocument({ rows, meta }: { rows: PaymentExportRow[]; meta: PaymentExportMeta }) {
  const total = rows.reduce((sum, row) => sum + row.amount, 0)
  const byStatus = totalsByStatus(rows)
  const pages = planPages(rows.map(cellsOf), meta)
  let rowIndex = 0

  const heading = (
    <View fixed>
      <View style={s.head}>
        <View style={s.headLeft}>
          <T style={s.title}>{meta.title}</T>
          <T>{meta.filterDescription}</T>
        </View>
        <View style={{ alignItems: 'flex-end' }}>
          <T style={base.bold}>{meta.isp.name}</T>
          <T style={base.muted}>Dibuat {formatWib(meta.generatedAt)}</T>
        </View>
      </View>
      <View style={s.tableHead}>
        {columns.map((column, index) => (
          <T key={column.label} style={cellStyle(index)}>
            {column.label}
          </T>
        ))}
      </View>
    </View>
  )

  const totals = (
    <View wrap={false}>
      {rows.length === 0 ? (
        <T style={{ paddingVertical: 8, color: colors.muted }}>Tidak ada pembayaran yang cocok dengan filter ini.</T>
      ) : null}
      <View style={s.totalRow}>
        <T style={[s.cell, { flexGrow: 1, flexShrink: 1, flexBasis: 0 }]}>Total ({rows.length} pembayaran)</T>
        <T style={cellStyle(AMOUNT)}>{formatRupiah(total)}</T>
        <View style={{ width: afterAmountWidth }} />
      </View>
      {byStatus.length > 1
        ? byStatus.map((subtotal) => (
            <View key={subtotal.status} style={s.subtotalRow}>
              <T style={[s.cell, { flexGrow: 1, flexShrink: 1, flexBasis: 0 }]}>
                {paymentStatusLabels[subtotal.status]} ({subtotal.count})
              </T>
              <T style={cellStyle(AMOUNT)}>{formatRupiah(subtotal.amount)}</T>
              <View style={{ width: afterAmountWidth }} />
            </View>
          ))
        : null}
    </View>
  )

  return (
    <Document
      title={meta.title}
      author={meta.isp.name}
      creator={meta.isp.name}
      producer={meta.isp.name}
      language="id"
      creationDate={meta.generatedAt}
    >
      {pages.map((pageRows, pageIndex) => (
        <Page key={pageIndex} size="A4" orientation="landscape" style={s.page}>
          {heading}
          {pageRows.map((cells) => {
            const index = rowIndex++
            return (
              <View key={index} style={index % 2 ? [s.row, s.zebra] : s.row} wrap={false}>
                {cells.map((value, column) => (
                  <T key={column} style={cellStyle(column)}>
                    {value}
                  </T>
                ))}
              </View>
            )
          })}
          {pageIndex === pages.length - 1 ? totals : null}
          <PageFooter isp={meta.isp} label={meta.title} pageHeight={PAGE_HEIGHT.landscape} />
        </Page>
      ))}
    </Document>
  )
}
