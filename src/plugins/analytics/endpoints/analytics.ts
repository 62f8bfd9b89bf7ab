import type { Endpoint, PayloadRequest } from 'payload'

import { answer, EndpointError } from '../../../lib/endpointKit'
import { ANALYTICS_ROLES, requireAnalyticsRole, TECHNICIAN_RANKING_ROLES } from '../access'
import { type AnalyticsFilters, parseAnalyticsFilters } from '../operations/filters'
import { customerHealth, HEALTH_RULES } from '../operations/health'
import { coverageMap, parseMapQuery } from '../operations/coverage'
import { networkHealth } from '../operations/network'
import { analyticsOverview } from '../operations/overview'
import {
  healthTable,
  networkTable,
  overviewTables,
  TABLE_NAMES,
  type TableName,
  type TableSpec,
  technicianTables,
} from '../operations/tables'
import { csat, technicianRanking } from '../operations/technicians'
import { describeAnalyticsFilters } from '../operations/describe'
import { tableToXlsx } from '../operations/workbook'
import type { SlaHours } from '../vocabulary'

const filtersOf = (req: PayloadRequest) => parseAnalyticsFilters(req.searchParams)

export async function technicianReport(req: PayloadRequest, filters: AnalyticsFilters, slaHours: SlaHours) {
  const [technicians, satisfaction] = await Promise.all([technicianRanking(req, filters, slaHours), csat(req, filters)])
  return { filters, technicians, csat: satisfaction }
}

const TECHNICIAN_TABLES: TableName[] = ['teknisi', 'csat']

/**
 * `GET /api/analytics/overview`, `/api/analytics/technicians`, `/api/analytics/health`, `/api/analytics/map` (JSON) and
 * `/api/analytics/export?table=…` (xlsx), all with `from`, `to` (YYYY-MM), `area`, `package`.
 * Admin and finance read everything; customer service only the technician ranking and CSAT.
 */
export function analyticsEndpoints(slaHours: SlaHours): Endpoint[] {
  return [
    {
      path: '/analytics/overview',
      method: 'get',
      handler: (req) =>
        answer(async () => {
          requireAnalyticsRole(req, ANALYTICS_ROLES)
          return Response.json(await analyticsOverview(req, filtersOf(req)))
        }),
    },
    {
      path: '/analytics/technicians',
      method: 'get',
      handler: (req) =>
        answer(async () => {
          requireAnalyticsRole(req, TECHNICIAN_RANKING_ROLES)
          return Response.json(await technicianReport(req, filtersOf(req), slaHours))
        }),
    },
    {
      path: '/analytics/health',
      method: 'get',
      handler: (req) =>
        answer(async () => {
          requireAnalyticsRole(req, ANALYTICS_ROLES)
          const filters = filtersOf(req)
          const [health, network] = await Promise.all([customerHealth(req, filters), networkHealth(req, filters)])
          return Response.json({ filters, rules: HEALTH_RULES, ...health, network })
        }),
    },
    {
      // The coverage map's points, clusters, density and ODPs for the map's view (`zoom`, `bbox`).
      path: '/analytics/map',
      method: 'get',
      handler: (req) =>
        answer(async () => {
          requireAnalyticsRole(req, ANALYTICS_ROLES)
          const query = parseMapQuery(req.searchParams)
          const filters = filtersOf(req)
          return Response.json(await coverageMap(req, filters, query), {
            headers: { 'Cache-Control': 'private, no-store' },
          })
        }),
    },
    {
      path: '/analytics/export',
      method: 'get',
      handler: (req) =>
        answer(async () => {
          const name = req.searchParams.get('table') ?? ''
          if (!TABLE_NAMES.includes(name as TableName))
            throw new EndpointError(400, `Tabel "${name}" tidak dikenal. Pilih salah satu: ${TABLE_NAMES.join(', ')}.`)
          const technicianTable = TECHNICIAN_TABLES.includes(name as TableName)
          requireAnalyticsRole(req, technicianTable ? TECHNICIAN_RANKING_ROLES : ANALYTICS_ROLES)
          const filters = filtersOf(req)
          let tables: TableSpec[]
          if (technicianTable) {
            const report = await technicianReport(req, filters, slaHours)
            tables = technicianTables(report.technicians, report.csat)
          } else if (name === 'kesehatan') tables = [healthTable(await customerHealth(req, filters), HEALTH_RULES)]
          else if (name === 'jaringan') tables = [networkTable(await networkHealth(req, filters))]
          else tables = overviewTables(await analyticsOverview(req, filters))
          const table = tables.find((t) => t.name === name)!
          const body = await tableToXlsx(table, await describeAnalyticsFilters(req, filters))
          return new Response(new Uint8Array(body), {
            headers: {
              'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              'Content-Disposition': `attachment; filename="analitik-${name}-${filters.from}-${filters.to}.xlsx"`,
              'Content-Length': String(body.length),
              'Cache-Control': 'private, no-store',
            },
          })
        }),
    },
  ]
}
