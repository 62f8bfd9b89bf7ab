import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, adminViewAccess } from '../../../components/admin/AdminViewShell'
import { TECHNICIAN_RANKING_ROLES } from '../access'
import { technicianReport } from '../endpoints/analytics'
import { technicianTables } from '../operations/tables'
import { DEFAULT_SLA_HOURS } from '../vocabulary'
import { Chart } from './Chart'
import { DataTable, FilterForm, filterChoices, viewFilters } from './parts'

const PATH = '/analitik/teknisi'
const TITLE = 'Analitik teknisi dan kepuasan'

/** `/admin/analitik/teknisi` (admin, finance, customer service): technician ranking and CSAT. */
export async function TechnicianAnalyticsView(props: AdminViewServerProps) {
  const { req, allowed } = adminViewAccess(props, PATH, TECHNICIAN_RANKING_ROLES)
  if (!allowed) return <AdminViewShell props={props} title={TITLE} allowed={false} />
  const { filters, error } = viewFilters(props)
  const [report, choices] = await Promise.all([technicianReport(req, filters, DEFAULT_SLA_HOURS), filterChoices(req)])
  const { admin: adminRoute, api } = req.payload.config.routes
  const tables = technicianTables(report.technicians, report.csat)
  return (
    <AdminViewShell props={props} title={TITLE} allowed>
      <FilterForm action={`${adminRoute}${PATH}`} filters={filters} error={error} choices={choices} />
      <h3>CSAT per bulan</h3>
      <Chart
        testId="chart-csat"
        label="CSAT per bulan"
        data={report.csat.byMonth.map((m) => ({ month: m.month, csat: m.csat }))}
        x="month"
        format="percent"
        series={[{ key: 'csat', label: 'CSAT (nilai 4–5)', kind: 'line', color: 'var(--theme-success-500)' }]}
      />
      {tables.map((table) => (
        <DataTable key={table.name} table={table} exportBase={`${api}/analytics/export`} filters={filters} />
      ))}
    </AdminViewShell>
  )
}
