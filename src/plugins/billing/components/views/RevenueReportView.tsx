import type { AdminViewServerProps } from 'payload'
import type React from 'react'

import { formatRupiah } from '../../../../lib/money'
import { formatWib } from '../../../../lib/wib'
import { PAYMENT_METHODS } from '../../model'
import { periodLabel } from '../../operations/calendar'
import {
  type BillingReportFilters,
  currentPeriod,
  filtersToQuery,
  METHOD_LABELS,
  parseReportFilters,
  PAYMENT_STATUS_LABELS,
} from '../../operations/reports/reportFilters'
import { customerAreas, paymentHistory, revenueReport } from '../../operations/reports/revenueReport'
import { BillingViewShell, cellStyle, numberCellStyle, queryOf, tableStyle, viewAccess } from './BillingViewShell'
import { RevenueChart } from './RevenueChart'

export const REVENUE_PATH = '/laporan-pendapatan'
/** Rows listed under the report; the export has them all. */
const LISTED_PAYMENTS = 100

const card: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m)',
  padding: 'var(--base)',
  minWidth: 200,
  flex: '1 1 200px',
}
const control: React.CSSProperties = {
  padding: '6px 8px',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-elevation-800)',
  font: 'inherit',
}

function Figure({ label, value, note, testId }: { label: string; value: number; note?: string; testId: string }) {
  return (
    <div style={card}>
      <div style={{ fontSize: 13, color: 'var(--theme-elevation-500)' }}>{label}</div>
      <div style={{ fontSize: 24, fontWeight: 600 }} data-testid={testId}>
        {formatRupiah(value)}
      </div>
      {note && <div style={{ fontSize: 12, color: 'var(--theme-elevation-500)' }}>{note}</div>}
    </div>
  )
}

/**
 * `/admin/laporan-pendapatan` (finance, admin): billed, collected and outstanding for a WIB month
 * with breakdowns by method and area, a 12-month chart, the month's payments, and Excel/PDF
 * exports that carry the same filters.
 */
export async function RevenueReportView(props: AdminViewServerProps) {
  const { req, allowed } = viewAccess(props, REVENUE_PATH, ['finance'])
  if (!allowed) return <BillingViewShell props={props} title="Laporan pendapatan" allowed={false} />

  let filters: BillingReportFilters
  let filterError: string | null = null
  try {
    filters = parseReportFilters(queryOf(props.searchParams))
  } catch (error) {
    filterError = (error as Error).message
    filters = { month: currentPeriod() }
  }
  const [report, payments, areas] = await Promise.all([
    revenueReport({ req, filters }),
    paymentHistory({ req, filters, limit: LISTED_PAYMENTS }),
    customerAreas(req),
  ])
  const { admin: adminRoute, api } = req.payload.config.routes
  const exportQuery = filtersToQuery(filters)
  const collectedRate = report.billed > 0 ? Math.round((report.collected / report.billed) * 100) : null

  return (
    <BillingViewShell props={props} title="Laporan pendapatan" allowed>
      <form
        method="get"
        action={`${adminRoute}${REVENUE_PATH}`}
        style={{
          display: 'flex',
          gap: 'calc(var(--base) * 0.75)',
          flexWrap: 'wrap',
          alignItems: 'end',
          marginBottom: 'var(--base)',
        }}
        data-testid="revenue-filters"
      >
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Bulan
          <input style={control} type="month" name="month" defaultValue={filters.month} required />
        </label>
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Wilayah
          <select style={control} name="area" defaultValue={filters.area ?? ''}>
            <option value="">Semua wilayah</option>
            {areas.map((area) => (
              <option key={area} value={area}>
                {area}
              </option>
            ))}
          </select>
        </label>
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Metode
          <select style={control} name="method" defaultValue={filters.method ?? ''}>
            <option value="">Semua metode</option>
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Status pembayaran
          <select style={control} name="status" defaultValue={filters.status ?? ''}>
            <option value="">Semua status</option>
            {Object.entries(PAYMENT_STATUS_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
          Terapkan
        </button>
        <a
          className="btn btn--style-secondary btn--size-small"
          style={{ margin: 0 }}
          href={`${api}/payments/export?format=xlsx&${exportQuery}`}
          data-testid="export-xlsx"
        >
          Ekspor Excel
        </a>
        <a
          className="btn btn--style-secondary btn--size-small"
          style={{ margin: 0 }}
          href={`${api}/payments/export?format=pdf&${exportQuery}`}
          data-testid="export-pdf"
        >
          Ekspor PDF
        </a>
      </form>
      {filterError && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {filterError} Menampilkan bulan ini.
        </p>
      )}

      <h2 style={{ marginTop: 0 }}>{periodLabel(report.month)}</h2>
      <div style={{ display: 'flex', gap: 'var(--base)', flexWrap: 'wrap', marginBottom: 'var(--base)' }}>
        <Figure
          label="Ditagih"
          value={report.billed}
          note={`${report.invoiceCount} tagihan terbit bulan ini (tanpa yang dibatalkan)`}
          testId="revenue-billed"
        />
        <Figure
          label="Diterima"
          value={report.collected}
          note={`${report.paymentCount} pembayaran terverifikasi${collectedRate === null ? '' : ` · ${collectedRate}% dari yang ditagih`}${filters.method ? ` · metode ${METHOD_LABELS[filters.method]}` : ''}`}
          testId="revenue-collected"
        />
        <Figure
          label="Belum dibayar"
          value={report.outstanding}
          note="Sisa tagihan bulan ini, per hari ini"
          testId="revenue-outstanding"
        />
      </div>

      <h3>12 bulan terakhir</h3>
      <RevenueChart trend={report.trend} />

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
          gap: 'calc(var(--base) * 2)',
          marginTop: 'var(--base)',
        }}
      >
        <section>
          <h3>Per metode (diterima)</h3>
          <table style={tableStyle} data-testid="revenue-by-method">
            <thead>
              <tr>
                <th style={cellStyle}>Metode</th>
                <th style={numberCellStyle}>Pembayaran</th>
                <th style={numberCellStyle}>Jumlah</th>
              </tr>
            </thead>
            <tbody>
              {report.byMethod.length === 0 && (
                <tr>
                  <td style={cellStyle} colSpan={3}>
                    Belum ada pembayaran terverifikasi.
                  </td>
                </tr>
              )}
              {report.byMethod.map((m) => (
                <tr key={m.method}>
                  <td style={cellStyle}>{METHOD_LABELS[m.method]}</td>
                  <td style={numberCellStyle}>{m.count}</td>
                  <td style={numberCellStyle}>{formatRupiah(m.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>Per wilayah</h3>
          <table style={tableStyle} data-testid="revenue-by-area">
            <thead>
              <tr>
                <th style={cellStyle}>Wilayah</th>
                <th style={numberCellStyle}>Ditagih</th>
                <th style={numberCellStyle}>Diterima</th>
                <th style={numberCellStyle}>Belum dibayar</th>
              </tr>
            </thead>
            <tbody>
              {report.byArea.length === 0 && (
                <tr>
                  <td style={cellStyle} colSpan={4}>
                    Tidak ada data.
                  </td>
                </tr>
              )}
              {report.byArea.map((a) => (
                <tr key={a.area ?? ''}>
                  <td style={cellStyle}>{a.area ?? 'Tanpa wilayah'}</td>
                  <td style={numberCellStyle}>{formatRupiah(a.billed)}</td>
                  <td style={numberCellStyle}>{formatRupiah(a.collected)}</td>
                  <td style={numberCellStyle}>{formatRupiah(a.outstanding)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <h3 style={{ marginTop: 'calc(var(--base) * 2)' }}>Pembayaran {periodLabel(filters.month)}</h3>
      <p style={{ fontSize: 13 }}>
        Menurut tanggal bayar, dengan filter di atas
        {filters.status ? ` (status ${PAYMENT_STATUS_LABELS[filters.status]})` : ' (semua status)'}.
        {payments.truncated && ` Menampilkan ${LISTED_PAYMENTS} pertama; ekspor berisi semuanya.`}
      </p>
      <table style={tableStyle} data-testid="revenue-payments">
        <thead>
          <tr>
            {['Nomor', 'Tanggal bayar', 'Pelanggan', 'Metode', 'Referensi', 'Status', 'Diproses oleh'].map((h) => (
              <th key={h} style={cellStyle}>
                {h}
              </th>
            ))}
            <th style={numberCellStyle}>Jumlah</th>
          </tr>
        </thead>
        <tbody>
          {payments.rows.length === 0 && (
            <tr>
              <td style={cellStyle} colSpan={8}>
                Tidak ada pembayaran.
              </td>
            </tr>
          )}
          {payments.rows.map((p) => (
            <tr key={p.id}>
              <td style={cellStyle}>
                <a href={`${adminRoute}/collections/payments/${p.id}`}>{p.number}</a>
              </td>
              <td style={cellStyle}>{formatWib(p.paymentDate)}</td>
              <td style={cellStyle}>
                {p.customerName}
                <div style={{ fontSize: 12 }}>{p.customerNumber}</div>
              </td>
              <td style={cellStyle}>{METHOD_LABELS[p.method]}</td>
              <td style={cellStyle}>{p.reference ?? ''}</td>
              <td style={cellStyle}>{PAYMENT_STATUS_LABELS[p.status]}</td>
              <td style={cellStyle}>{p.processedBy ?? ''}</td>
              <td style={numberCellStyle}>{formatRupiah(p.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </BillingViewShell>
  )
}
