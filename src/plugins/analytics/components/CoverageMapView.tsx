import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, adminViewAccess } from '../../../components/admin/AdminViewShell'
import { ANALYTICS_ROLES } from '../access'
import { mapTilesOf } from '../operations/tiles'
import { CoverageMap } from './CoverageMap'
import { FilterForm, filterChoices, viewFilters } from './parts'

const PATH = '/analitik/peta'
const TITLE = 'Peta cakupan pelanggan dan ODP'

/**
 * `/admin/analitik/peta` (admin, finance): customers and ODPs on a Leaflet map, clustered on a grid
 * computed in PostgreSQL, with a density layer, coloured by status or health score. The background
 * tiles come from the analytics settings (none by default: the map works offline).
 */
export async function CoverageMapView(props: AdminViewServerProps) {
  const { req, allowed } = adminViewAccess(props, PATH, ANALYTICS_ROLES)
  if (!allowed) return <AdminViewShell props={props} title={TITLE} allowed={false} />
  const { filters, error } = viewFilters(props)
  const [settings, choices] = await Promise.all([
    req.payload.findGlobal({ slug: 'analytics-settings', depth: 0, overrideAccess: true, req }),
    filterChoices(req),
  ])
  const { admin: adminRoute, api } = req.payload.config.routes
  const colour = (props.searchParams as Record<string, unknown> | undefined)?.colour === 'health' ? 'health' : 'status'
  const query = new URLSearchParams()
  if (filters.area) query.set('area', filters.area)
  if (filters.packageId) query.set('package', String(filters.packageId))
  return (
    <AdminViewShell props={props} title={TITLE} allowed>
      <FilterForm action={`${adminRoute}${PATH}`} filters={filters} error={error} choices={choices} />
      <p style={{ margin: '0 0 var(--base)' }}>
        Warna: <a href={`${adminRoute}${PATH}?${new URLSearchParams([...query, ['colour', 'status']])}`}>status</a> ·{' '}
        <a href={`${adminRoute}${PATH}?${new URLSearchParams([...query, ['colour', 'health']])}`}>skor kesehatan</a>.
        Titik berangka = kelompok pelanggan dalam satu kotak grid (dihitung di basis data); kotak merah = kepadatan
        pelanggan; lingkaran bergaris hitam = ODP (posisi dari node jaringan, atau rata-rata posisi pelanggannya).
      </p>
      <CoverageMap
        endpoint={`${api}/analytics/map`}
        query={query.toString()}
        colour={colour}
        tiles={mapTilesOf(settings as Parameters<typeof mapTilesOf>[0])}
      />
    </AdminViewShell>
  )
}
