import { Document, Page, StyleSheet, View } from '@react-pdf/renderer'

import { formatRupiah } from '../../../lib/money'
import { terbilangRupiah } from '../../../lib/terbilang'
import { formatDateWib } from '../../../lib/wib'
import { paymentMethodLabels } from './labels'
import { base, colors, FONT_BOLD, FONT_ITALIC, InfoRows, IspHeader, PageFooter, sentenceCase, T } from './parts'
import type { IspProfile, ReceiptDocumentData } from './types'

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
  field: { flexDirection: 'row', marginTop: 10 },
  label: { width: 110, color: colors.muted },
  value: { flexGrow: 1, flexShrink: 1 },
  words: { fontFamily: FONT_ITALIC, backgroundColor: colors.band, padding: 6 },
  invoiceRow: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderBottomWidth: 0.5,
    borderBottomColor: colors.line,
    paddingVertical: 3,
  },
  bottom: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end', marginTop: 24 },
  amountBox: { borderWidth: 1.5, borderColor: colors.accent, paddingVertical: 8, paddingHorizontal: 14 },
  amount: { fontFamily: FONT_BOLD, fontSize: 18, lineHeight: 1.3, color: colors.accent },
  signature: { width: 190, alignItems: 'center' },
  signatureLine: {
    marginTop: 48,
    borderTopWidth: 0.75,
    borderTopColor: colors.text,
    width: 170,
    paddingTop: 3,
    textAlign: 'center',
  },
})

/** The kwitansi for one payment: who paid, how much (in figures and words), for which invoices. */
export function ReceiptDocument({ data, isp }: { data: ReceiptDocumentData; isp: IspProfile }) {
  const paidOn = formatDateWib(data.paymentDate)
  return (
    <Document
      title={`Kwitansi ${data.number}`}
      author={isp.name}
      subject={`Kwitansi pembayaran ${data.customer.name}`}
      creator={isp.name}
      producer={isp.name}
      language="id"
      // The payment's date, not the render time, so one input always gives the same bytes (see render.ts).
      creationDate={new Date(data.paymentDate)}
    >
      <Page size="A4" style={base.page}>
        <View style={s.top}>
          <IspHeader isp={isp} />
          <View style={s.titleBlock}>
            <T style={s.title}>KWITANSI</T>
            <InfoRows
              rows={[
                ['Nomor', data.number],
                ['Tanggal', paidOn],
                ['Metode', paymentMethodLabels[data.method]],
                ...(data.reference ? ([['Referensi', data.reference]] as [string, string][]) : []),
              ]}
            />
          </View>
        </View>

        <View style={s.field}>
          <T style={s.label}>Telah diterima dari</T>
          <View style={s.value}>
            <T style={base.bold}>{data.customer.name}</T>
            <T>No. pelanggan: {data.customer.number}</T>
            {data.customer.address ? <T>{data.customer.address}</T> : null}
            {data.customer.phone ? <T>Telp. {data.customer.phone}</T> : null}
          </View>
        </View>

        <View style={s.field}>
          <T style={s.label}>Terbilang</T>
          <T style={[s.value, s.words]}>{sentenceCase(terbilangRupiah(data.amount))}</T>
        </View>

        <View style={s.field}>
          <T style={s.label}>Untuk pembayaran</T>
          <View style={s.value}>
            {data.invoices.length === 0 ? <T>Deposit / saldo kredit pelanggan</T> : null}
            {data.invoices.map((invoice) => (
              <View key={invoice.number} style={s.invoiceRow} wrap={false}>
                <T>
                  Tagihan {invoice.number} · Periode {invoice.periodLabel}
                </T>
                <T>{formatRupiah(invoice.amount)}</T>
              </View>
            ))}
          </View>
        </View>

        {data.notes ? (
          <View style={s.field}>
            <T style={s.label}>Catatan</T>
            <T style={s.value}>{data.notes}</T>
          </View>
        ) : null}

        <View style={s.bottom} wrap={false}>
          <View style={s.amountBox}>
            <T style={base.muted}>Jumlah</T>
            <T style={s.amount}>{formatRupiah(data.amount)}</T>
          </View>
          <View style={s.signature}>
            <T>{paidOn}</T>
            <T>Diterima oleh,</T>
            <T style={s.signatureLine}>{data.processedBy ?? isp.name}</T>
          </View>
        </View>

        <PageFooter isp={isp} label={data.number} note="Simpan kwitansi ini sebagai bukti pembayaran yang sah." />
      </Page>
    </Document>
  )
}
