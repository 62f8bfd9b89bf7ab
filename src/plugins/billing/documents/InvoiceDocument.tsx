import { Document, Link, Page, StyleSheet, View } from '@react-pdf/renderer'

import { formatRupiah } from '../../../lib/money'
import { terbilangRupiah } from '../../../lib/terbilang'
import { formatDateWib } from '../../../lib/wib'
import { invoiceStatusLabels } from './labels'
import {
  type Style,
  base,
  colors,
  FONT_BOLD,
  FONT_ITALIC,
  InfoRows,
  IspHeader,
  PageFooter,
  sentenceCase,
  Stamp,
  T,
} from './parts'
import type { InvoiceDocumentData, IspProfile } from './types'

const s = StyleSheet.create({
  top: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderBottomWidth: 1.5,
    borderBottomColor: colors.accent,
    paddingBottom: 10,
  },
  titleBlock: { width: 200, marginLeft: 16 },
  title: { fontFamily: FONT_BOLD, fontSize: 22, lineHeight: 1.2, color: colors.accent, letterSpacing: 2 },
  section: { marginTop: 14 },
  sectionTitle: { fontFamily: FONT_BOLD, fontSize: 10, marginBottom: 4, color: colors.accent },
  tableHead: {
    flexDirection: 'row',
    backgroundColor: colors.band,
    borderBottomWidth: 0.75,
    borderBottomColor: colors.line,
    paddingVertical: 4,
    fontFamily: FONT_BOLD,
  },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: colors.line, paddingVertical: 4 },
  colDesc: { flexGrow: 1, flexShrink: 1, paddingHorizontal: 4 },
  colQty: { width: 45, textAlign: 'right', paddingHorizontal: 4 },
  colMoney: { width: 95, textAlign: 'right', paddingHorizontal: 4 },
  totalsArea: { flexDirection: 'row', marginTop: 8 },
  stampArea: { flexGrow: 1, alignItems: 'center', justifyContent: 'center' },
  totals: { width: 250 },
  totalRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2, paddingHorizontal: 4 },
  grandTotal: {
    borderTopWidth: 1,
    borderTopColor: colors.text,
    marginTop: 2,
    paddingTop: 4,
    fontFamily: FONT_BOLD,
    fontSize: 11,
    lineHeight: 1.35,
  },
  balance: { backgroundColor: colors.band, fontFamily: FONT_BOLD, fontSize: 11, lineHeight: 1.35, paddingVertical: 4 },
  terbilang: { marginTop: 10, padding: 6, borderWidth: 0.5, borderColor: colors.line, fontFamily: FONT_ITALIC },
  voidNote: { marginTop: 10, padding: 6, borderWidth: 1, borderColor: colors.void, color: colors.void },
})

function TotalRow({ label, amount, style }: { label: string; amount: string; style?: Style }) {
  return (
    <View style={[s.totalRow, style ?? {}]}>
      <T>{label}</T>
      <T>{amount}</T>
    </View>
  )
}

/** Minus sign for amounts taken off (ASCII: Helvetica's encoding has no U+2212). */
const minus = (amount: number) => `-${formatRupiah(amount)}`

/** Whether the invoice carries PPN at all: an ISP not registered for VAT sends zero and no rate. */
const showsPpn = (data: InvoiceDocumentData) =>
  data.ppn !== 0 || data.ppnRate !== undefined || data.taxBase !== undefined

/** One tagihan's page, for a document of its own or several printed together. */
export function InvoicePage({ data, isp }: { data: InvoiceDocumentData; isp: IspProfile }) {
  const open = data.status !== 'paid' && data.status !== 'void' && data.balanceDue > 0
  const banks = isp.bankAccounts ?? []
  return (
    <Page size="A4" style={base.page}>
      <View style={s.top}>
        <IspHeader isp={isp} />
        <View style={s.titleBlock}>
          <T style={s.title}>TAGIHAN</T>
          <InfoRows
            rows={[
              ['Nomor', data.number],
              ['Tanggal', formatDateWib(data.issueDate)],
              ['Jatuh tempo', formatDateWib(data.dueDate)],
              ['Periode', data.periodLabel],
              ['Status', invoiceStatusLabels[data.status]],
            ]}
          />
        </View>
      </View>

      <View style={s.section}>
        <T style={s.sectionTitle}>Pelanggan</T>
        <T style={base.bold}>{data.customer.name}</T>
        <T>No. pelanggan: {data.customer.number}</T>
        {data.customer.address ? <T>{data.customer.address}</T> : null}
        {data.customer.phone ? <T>Telp. {data.customer.phone}</T> : null}
      </View>

      <View style={s.section}>
        <T style={s.sectionTitle}>Rincian</T>
        <View style={s.tableHead}>
          <T style={s.colDesc}>Keterangan</T>
          <T style={s.colQty}>Jumlah</T>
          <T style={s.colMoney}>Harga satuan</T>
          <T style={s.colMoney}>Total</T>
        </View>
        {data.lines.map((line, index) => (
          <View key={index} style={s.row} wrap={false}>
            <T style={s.colDesc}>{line.description}</T>
            <T style={s.colQty}>{String(line.quantity)}</T>
            <T style={s.colMoney}>{formatRupiah(line.unitPrice)}</T>
            <T style={s.colMoney}>{formatRupiah(line.amount)}</T>
          </View>
        ))}

        <View style={s.totalsArea} wrap={false}>
          <View style={s.stampArea}>
            {data.status === 'paid' ? <Stamp word="LUNAS" color={colors.paid} /> : null}
            {data.status === 'void' ? <Stamp word="BATAL" color={colors.void} /> : null}
          </View>
          <View style={s.totals}>
            <TotalRow label="Subtotal" amount={formatRupiah(data.subtotal)} />
            {data.discount ? <TotalRow label="Diskon" amount={minus(data.discount)} /> : null}
            {data.taxBase !== undefined ? <TotalRow label="DPP" amount={formatRupiah(data.taxBase)} /> : null}
            {showsPpn(data) ? <TotalRow label={`PPN ${data.ppnRate ?? 11}%`} amount={formatRupiah(data.ppn)} /> : null}
            {data.creditApplied ? <TotalRow label="Saldo kredit dipakai" amount={minus(data.creditApplied)} /> : null}
            <TotalRow label="Total" amount={formatRupiah(data.total)} style={s.grandTotal} />
            <TotalRow label="Sudah dibayar" amount={formatRupiah(data.amountPaid)} />
            <TotalRow label="Sisa tagihan" amount={formatRupiah(data.balanceDue)} style={s.balance} />
          </View>
        </View>
      </View>

      <View style={s.terbilang} wrap={false}>
        <T>
          <T style={base.bold}>Terbilang: </T>
          {sentenceCase(terbilangRupiah(data.total))}
        </T>
      </View>

      {data.status === 'void' ? (
        <View style={s.voidNote} wrap={false}>
          <T style={base.bold}>Tagihan ini dibatalkan dan tidak perlu dibayar.</T>
          {data.voidReason ? <T>Alasan: {data.voidReason}</T> : null}
        </View>
      ) : null}

      {open && (banks.length > 0 || data.payUrl) ? (
        <View style={s.section} wrap={false}>
          <T style={s.sectionTitle}>Cara pembayaran</T>
          {data.payUrl ? (
            <T>
              Bayar online (QRIS, e-wallet, virtual account):{' '}
              <Link src={data.payUrl} style={{ color: colors.accent }}>
                {data.payUrl}
              </Link>
            </T>
          ) : null}
          {banks.length > 0 ? (
            <View style={{ marginTop: data.payUrl ? 4 : 0 }}>
              <T>Atau transfer ke salah satu rekening berikut, dengan berita transfer {data.number}:</T>
              {banks.map((account) => (
                <T key={`${account.bank}-${account.number}`} style={{ marginLeft: 8 }}>
                  • {account.bank} {account.number} a.n. {account.holder}
                </T>
              ))}
            </View>
          ) : null}
          <T style={[base.muted, { marginTop: 4 }]}>
            Mohon bayar sebelum {formatDateWib(data.dueDate)} agar layanan tidak terisolir.
          </T>
        </View>
      ) : null}

      <PageFooter
        isp={isp}
        label={data.number}
        note="Dokumen ini dibuat secara elektronik dan sah tanpa tanda tangan."
      />
    </Page>
  )
}

/** The tagihan: A4, Indonesian, with a LUNAS or BATAL stamp once paid or voided. */
export function InvoiceDocument({ data, isp }: { data: InvoiceDocumentData; isp: IspProfile }) {
  return (
    <Document
      title={`Tagihan ${data.number}`}
      author={isp.name}
      subject={`Tagihan ${data.periodLabel} untuk ${data.customer.name}`}
      creator={isp.name}
      producer={isp.name}
      language="id"
      // The document's own date, not the render time, so one input always gives the same bytes (see render.ts).
      creationDate={new Date(data.issueDate)}
    >
      <InvoicePage data={data} isp={isp} />
    </Document>
  )
}

/** Several tagihan in one PDF, a page each, for printing a batch. */
export function InvoicesDocument({ items, isp }: { items: InvoiceDocumentData[]; isp: IspProfile }) {
  return (
    <Document title="Tagihan" author={isp.name} creator={isp.name} producer={isp.name} language="id">
      {items.map((data) => (
        <InvoicePage key={data.number} data={data} isp={isp} />
      ))}
    </Document>
  )
}
