import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, adminViewAccess } from '../../../components/admin/AdminViewShell'
import { ANALYTICS_ROLES } from '../access'
import { customerHealth, HEALTH_RULES } from '../operations/health'
import { networkHealth } from '../operations/network'
import { healthTable, networkTable } from '../operations/tables'
import { Chart } from './Chart'
import { DataTable, FilterForm, Figure, filterChoices, viewFilters } from './parts'

const PATH = '/analitik/kesehatan'
const TITLE = 'Kesehatan pelanggan'

/** `/admin/analitik/kesehatan` (admin, finance): health score distribution and the at-risk list. */
export async function HealthAnalyticsView(props: AdminViewServerProps) {
  const { req, allowed } = adminViewAccess(props, PATH, ANALYTICS_ROLES)
  if (!allowed) return <AdminViewShell props={props} title={TITLE} allowed={false} />
  const { filters, error } = viewFilters(props)
  const [health, network, choices] = await Promise.all([
    customerHealth(req, filters),
    networkHealth(req, filters),
    filterChoices(req),
  ])
  const worsening = network.nodes.filter((n) => n.worsening && n.odp !== null)
  const { admin: adminRoute, api } = req.payload.config.routes
  return (
    <AdminViewShell props={props} title={TITLE} allowed>
      <FilterForm action={`${adminRoute}${PATH}`} filters={filters} error={error} choices={choices} />
      <div style={{ display: 'flex', gap: 'var(--base)', flexWrap: 'wrap', marginBottom: 'var(--base)' }}>
        <Figure
          label="Skor rata-rata"
          value={health.averageScore}
          format="decimal"
          definition="Rata-rata skor kesehatan (0–100) pelanggan aktif dan terisolir, hari ini."
          testId="figure-health"
        />
        <Figure
          label="Pelanggan berisiko"
          value={health.buckets[0]!.customers + health.buckets[1]!.customers}
          format="number"
          definition="Pelanggan dengan skor di bawah 60."
          testId="figure-at-risk"
        />
      </div>
      {!health.monitoring && (
        <p style={{ fontSize: 13 }}>Data monitoring belum ada: menit offline dan tren pemakaian tidak dihitung.</p>
      )}
      <Chart
        testId="chart-health"
        label="Sebaran skor kesehatan"
        data={health.buckets.map((b) => ({ skor: b.label, pelanggan: b.customers }))}
        x="skor"
        format="count"
        series={[{ key: 'pelanggan', label: 'Pelanggan', kind: 'bar', color: '#4c8bf5' }]}
      />
      <DataTable table={healthTable(health, HEALTH_RULES)} exportBase={`${api}/analytics/export`} filters={filters} />
      <h3 style={{ marginTop: 'calc(var(--base) * 2)' }}>Perawatan prediktif</h3>
      <p data-testid="worsening-nodes">
        {worsening.length
          ? `ODP yang memburuk tiga bulan berturut-turut: ${worsening.map((n) => `${n.odp} (${n.area ?? 'tanpa wilayah'})`).join(', ')}.`
          : 'Tidak ada ODP yang memburuk tiga bulan berturut-turut.'}
      </p>
      <DataTable table={networkTable(network)} exportBase={`${api}/analytics/export`} filters={filters} />
    </AdminViewShell>
  )
}
