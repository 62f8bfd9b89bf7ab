import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, adminViewAccess } from '../../../components/admin/AdminViewShell'
import { ANALYTICS_ROLES } from '../access'
import { analyticsOverview } from '../operations/overview'
import { overviewTables } from '../operations/tables'
import { customerMovementChart, mrrMovementChart } from '../operations/chartRows'
import { Chart } from './Chart'
import { DataTable, FilterForm, Figure, filterChoices, viewFilters } from './parts'

const PATH = '/analitik'
const TITLE = 'Analitik: pertumbuhan, churn, prakiraan'

const METHOD_LABEL = { trend_seasonal: 'tren linear × indeks musiman', holt_winters: 'Holt-Winters aditif' }

/**
 * `/admin/analitik` (admin, finance): MRR movement, customers gained and lost, churn and
 * retention, ARPU, growth by area and package, termination reasons, cohort retention and the MRR
 * forecast with its measured error. Every number has its definition beside it; every table has
 * its Excel export with the same filters.
 */
export async function AnalyticsView(props: AdminViewServerProps) {
  const { req, allowed } = adminViewAccess(props, PATH, ANALYTICS_ROLES)
  if (!allowed) return <AdminViewShell props={props} title={TITLE} allowed={false} />
  const { filters, error } = viewFilters(props)
  const [overview, choices] = await Promise.all([analyticsOverview(req, filters), filterChoices(req)])
  const { admin: adminRoute, api } = req.payload.config.routes
  const tables = overviewTables(overview)
  const last = [...overview.months].reverse().find((m) => m.complete)
  const f = overview.revenueForecast
  const forecastRows = [
    ...f.history.map((h) => ({ month: h.month, actual: h.mrr, forecast: null as number | null })),
    ...(f.forecast?.months ?? []).map((m, i) => ({
      month: m,
      actual: null as number | null,
      forecast: f.forecast!.values[i]!,
    })),
  ]
  // The forecast line starts from the last actual month so the two lines join.
  if (f.forecast && f.history.length) forecastRows[f.history.length - 1]!.forecast = f.history.at(-1)!.mrr
  const mrrChart = mrrMovementChart(overview.months)
  const customerChart = customerMovementChart(overview.months)
  const churnRows = overview.months
    .filter((m) => m.complete)
    .map((m) => ({
      month: m.month,
      logo: m.logoChurn,
      revenue: m.revenueChurn,
      grr: m.grossRetention,
      nrr: m.netRetention,
    }))
  const exportBase = `${api}/analytics/export`
  const byName = (name: string) => tables.find((t) => t.name === name)!

  return (
    <AdminViewShell props={props} title={TITLE} allowed>
      <FilterForm action={`${adminRoute}${PATH}`} filters={filters} error={error} choices={choices} />
      {!last && (
        <p data-testid="analytics-empty">
          Belum ada snapshot MRR untuk rentang ini. Snapshot ditulis setiap hari pukul 23.50 WIB; angka muncul sesudah
          dua hari tutup bulan berturut-turut.
        </p>
      )}
      <div style={{ display: 'flex', gap: 'var(--base)', flexWrap: 'wrap', marginBottom: 'var(--base)' }}>
        <Figure
          label="MRR akhir"
          value={last?.endMrr ?? null}
          format="rupiah"
          definition="Jumlah harga bulanan paket pelanggan aktif dan terisolir, dikurangi diskon yang menunggu tagihan, pada hari tutup bulan terakhir."
          testId="figure-mrr"
        />
        <Figure
          label="Pelanggan aktif"
          value={last?.endCustomers ?? null}
          format="number"
          definition="Pelanggan dengan MRR pada hari tutup bulan terakhir."
          testId="figure-customers"
        />
        <Figure
          label="Logo churn"
          value={last?.logoChurn ?? null}
          format="percent"
          definition="Berkurang dalam bulan terakhir ÷ aktif di awal bulan (pelanggan baru tidak dihitung)."
          testId="figure-logo-churn"
        />
        <Figure
          label="NRR"
          value={last?.netRetention ?? null}
          format="percent"
          definition="(MRR awal − churn − kontraksi + ekspansi) ÷ MRR awal, bulan terakhir."
          testId="figure-nrr"
        />
        <Figure
          label="ARPU"
          value={last?.arpu ?? null}
          format="rupiah"
          definition="MRR akhir ÷ pelanggan aktif akhir bulan terakhir."
          testId="figure-arpu"
        />
      </div>

      <h3>Pergerakan MRR per bulan</h3>
      <Chart
        testId="chart-mrr"
        label="Pergerakan MRR per bulan"
        data={mrrChart.rows}
        x="month"
        format="rupiah"
        series={mrrChart.series.map((s) => ({ ...s, kind: 'bar' as const, stack: 'm' }))}
      />
      <DataTable table={byName('mrr')} exportBase={exportBase} filters={filters} />

      <h3 style={{ marginTop: 'calc(var(--base) * 2)' }}>Pelanggan bertambah dan berkurang</h3>
      <Chart
        testId="chart-customers"
        label="Pelanggan bertambah dan berkurang"
        data={customerChart.rows}
        x="month"
        format="count"
        series={customerChart.series.map((s) => ({ ...s, kind: 'bar' as const, stack: 'c' }))}
      />
      <DataTable table={byName('pelanggan')} exportBase={exportBase} filters={filters} />

      <h3 style={{ marginTop: 'calc(var(--base) * 2)' }}>Churn dan retensi</h3>
      <Chart
        testId="chart-churn"
        label="Churn dan retensi"
        data={churnRows}
        x="month"
        format="percent"
        series={[
          { key: 'logo', label: 'Logo churn', kind: 'line', color: 'var(--theme-error-500)' },
          { key: 'revenue', label: 'Revenue churn', kind: 'line', color: '#f5a623' },
        ]}
      />
      <DataTable table={byName('churn')} exportBase={exportBase} filters={filters} />

      <h3 style={{ marginTop: 'calc(var(--base) * 2)' }}>Prakiraan MRR</h3>
      {f.forecast ? (
        <p data-testid="forecast-summary">
          Metode: {METHOD_LABEL[f.forecast.method]} atas {f.history.length} bulan riwayat.{' '}
          {f.forecast.mape === null
            ? 'Riwayat belum cukup untuk mengukur kesalahan.'
            : `Kesalahan terukur (MAPE, 3 bulan terakhir disisihkan): ${f.forecast.mape.toLocaleString('id-ID')}%.`}
        </p>
      ) : (
        <p>Riwayat MRR belum cukup untuk prakiraan (minimal 2 bulan).</p>
      )}
      <Chart
        testId="chart-forecast"
        label="MRR aktual dan prakiraan"
        data={forecastRows}
        x="month"
        format="rupiah"
        series={[
          { key: 'actual', label: 'Aktual', kind: 'line', color: 'var(--theme-elevation-800)' },
          { key: 'forecast', label: 'Prakiraan', kind: 'line', color: '#4c8bf5', dashed: true },
        ]}
      />
      <DataTable table={byName('prakiraan')} exportBase={exportBase} filters={filters} />

      {['wilayah', 'paket', 'alasan', 'kohort'].map((name) => (
        <DataTable key={name} table={byName(name)} exportBase={exportBase} filters={filters} />
      ))}
    </AdminViewShell>
  )
}
