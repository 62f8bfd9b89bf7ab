import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../../../db/sql'
import { FilterError, type AnalyticsFilters } from './filters'
import { healthScoresCte } from './health'
import { customerFilter, num, numOrNull } from './sqlKit'

export type MapColour = 'status' | 'health'
export type MapQuery = {
  colour: MapColour
  /** Leaflet zoom: sets the cluster cell (a quarter of a 256-px tile, ~64 px). */
  zoom: number
  /** [south, west, north, east]; null: everywhere. */
  bbox: [number, number, number, number] | null
}

/**
 * One dot on the map: a customer (count 1, with id and number) or a cluster of the customers in
 * one grid cell (at its centroid). `key` is what colours it: the status (of most of them), or the
 * health band of the (average) score.
 */
export type MapPoint = {
  lat: number
  lng: number
  count: number
  key: string
  id?: number
  number?: string
  status?: string
  score?: number | null
}
export type MapOdp = { name: string; lat: number; lng: number; customers: number; key: string; score: number | null }
/** A density cell: [south, west, north, east] and how many customers it holds. */
export type DensityCell = { bounds: [number, number, number, number]; count: number }

export type CoverageData = {
  colour: MapColour
  /** Degrees of one cluster cell; 0 when every customer is its own point. */
  cell: number
  total: number
  points: MapPoint[]
  odps: MapOdp[]
  density: DensityCell[]
  /** [[south, west], [north, east]] of every point within the filters (not just the bbox). */
  extent: [[number, number], [number, number]] | null
}

/** From this zoom on every customer is its own point. */
export const UNCLUSTERED_ZOOM = 16
export const HEALTH_BANDS = [
  { key: 'h0', label: '0–39', below: 40 },
  { key: 'h1', label: '40–59', below: 60 },
  { key: 'h2', label: '60–79', below: 80 },
  { key: 'h3', label: '80–100', below: 101 },
] as const

export function parseMapQuery(query: URLSearchParams): MapQuery {
  const colour = query.get('colour') ?? 'status'
  if (colour !== 'status' && colour !== 'health') throw new FilterError('Parameter "colour" harus status atau health.')
  const rawZoom = query.get('zoom') ?? '12'
  const zoom = Number(rawZoom)
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > 22) throw new FilterError('Parameter "zoom" harus bilangan 0–22.')
  const rawBbox = query.get('bbox')
  let bbox: MapQuery['bbox'] = null
  if (rawBbox) {
    const parts = rawBbox.split(',').map(Number)
    const [s, w, n, e] = parts
    if (
      parts.length !== 4 ||
      parts.some((p) => !Number.isFinite(p)) ||
      s! < -90 ||
      n! > 90 ||
      s! > n! ||
      w! < -360 ||
      e! > 360 ||
      w! > e!
    )
      throw new FilterError('Parameter "bbox" harus selatan,barat,utara,timur dalam derajat.')
    bbox = [s!, w!, n!, e!]
  }
  return { colour, zoom, bbox }
}

const bandSql = (score: string) =>
  sql.raw(
    `CASE ${HEALTH_BANDS.map((b) => `WHEN ${score} < ${b.below} THEN '${b.key}'`).join(' ')} ELSE '${HEALTH_BANDS.at(-1)!.key}' END`,
  )

/**
 * The coverage map's data in one query: customers with coordinates (active, isolir and, coloured by
 * status, prospects) clustered on a grid of ~64 px cells at the zoom (single customers as
 * themselves), a density grid of twice the cell, and the ODPs at their node's coordinates
 * (monitoring) or else at the centroid of their customers. Coloured by status or by the health
 * score (the same score as the health view). Points carry no names, phones or addresses.
 */
export async function coverageMap(
  req: PayloadRequest,
  filters: Pick<AnalyticsFilters, 'area' | 'packageId'>,
  query: MapQuery,
): Promise<CoverageData> {
  const cell = query.zoom >= UNCLUSTERED_ZOOM ? 0 : 360 / 2 ** query.zoom / 4
  const density = (cell || 360 / 2 ** query.zoom / 4) * 2
  const inBox = query.bbox
    ? sql` AND p.lat BETWEEN ${query.bbox[0]} AND ${query.bbox[2]} AND p.lng BETWEEN ${query.bbox[1]} AND ${query.bbox[3]}`
    : sql``
  const nodes = await executeSql(req, sql`SELECT to_regclass('public.network_nodes') IS NOT NULL AS present`)
  const odpNodes = nodes.rows[0]?.present
    ? sql`SELECT n.name, n.latitude::float8 AS lat, n.longitude::float8 AS lng FROM network_nodes n
           WHERE n.kind = 'odp' AND n.latitude IS NOT NULL AND n.longitude IS NOT NULL`
    : sql`SELECT NULL::text AS name, NULL::float8 AS lat, NULL::float8 AS lng WHERE false`

  const points =
    query.colour === 'health'
      ? sql`${(await healthScoresCte(req, filters)).cte}, pts AS (
            SELECT s.id, s.number, s.status::text AS status, s.odp, s.latitude::float8 AS lat, s.longitude::float8 AS lng, s.score
              FROM scored s WHERE s.latitude IS NOT NULL AND s.longitude IS NOT NULL)`
      : sql`WITH pts AS (
            SELECT c.id, c.number, c.status::text AS status, c.odp, c.latitude::float8 AS lat, c.longitude::float8 AS lng, NULL::int AS score
              FROM customers c
             WHERE c.status IN ('active', 'suspended', 'prospect') AND c.latitude IS NOT NULL AND c.longitude IS NOT NULL${customerFilter(filters)})`
  const keyOf =
    query.colour === 'health' ? bandSql('round(avg(p.score))') : sql.raw('mode() WITHIN GROUP (ORDER BY p.status)')
  const cellOf = cell ? sql`floor(p.lat / ${cell}), floor(p.lng / ${cell})` : sql`p.id`

  const { rows } = await executeSql(
    req,
    sql`${points}, boxed AS (
          SELECT p.* FROM pts p WHERE true${inBox}
        ), clusters AS (
          SELECT count(*) AS count, avg(p.lat) AS lat, avg(p.lng) AS lng, min(p.id) AS id, min(p.number) AS number,
                 min(p.status) AS status, round(avg(p.score)) AS score, ${keyOf} AS key
            FROM boxed p GROUP BY ${cellOf}
        ), dens AS (
          SELECT floor(p.lat / ${density}) AS y, floor(p.lng / ${density}) AS x, count(*) AS count
            FROM boxed p GROUP BY 1, 2
        ), odp_nodes AS (${odpNodes}), odps AS (
          SELECT p.odp AS name, count(*) AS customers, coalesce(max(n.lat), avg(p.lat)) AS lat, coalesce(max(n.lng), avg(p.lng)) AS lng,
                 round(avg(p.score)) AS score, ${keyOf} AS key
            FROM pts p LEFT JOIN odp_nodes n ON n.name = p.odp
           WHERE p.odp IS NOT NULL AND p.odp <> '' AND p.status <> 'prospect'
           GROUP BY p.odp
        )
        SELECT (SELECT count(*) FROM boxed) AS total,
               (SELECT json_build_array(min(lat), min(lng), max(lat), max(lng)) FROM pts) AS extent,
               (SELECT coalesce(json_agg(c), '[]') FROM (SELECT * FROM clusters ORDER BY count DESC LIMIT 5000) c) AS points,
               (SELECT coalesce(json_agg(d), '[]') FROM (SELECT * FROM dens ORDER BY count DESC LIMIT 5000) d) AS density,
               (SELECT coalesce(json_agg(o ORDER BY o.name), '[]') FROM odps o) AS odps`,
  )
  const r = rows[0] ?? {}
  const extent = r.extent as (number | null)[] | null
  return {
    colour: query.colour,
    cell,
    total: num(r.total),
    extent:
      extent && extent[0] !== null
        ? [
            [Number(extent[0]), Number(extent[1])],
            [Number(extent[2]), Number(extent[3])],
          ]
        : null,
    points: (r.points as Record<string, unknown>[]).map((p) => {
      const count = num(p.count)
      const point: MapPoint = { lat: Number(p.lat), lng: Number(p.lng), count, key: String(p.key) }
      if (count === 1) {
        point.id = num(p.id)
        point.number = (p.number as string) ?? ''
        point.status = p.status as string
        if (query.colour === 'health') point.score = numOrNull(p.score)
      } else if (query.colour === 'health') point.score = numOrNull(p.score)
      return point
    }),
    density: (r.density as Record<string, unknown>[]).map((d) => {
      const y = num(d.y)
      const x = num(d.x)
      return {
        bounds: [y * density, x * density, (y + 1) * density, (x + 1) * density] as [number, number, number, number],
        count: num(d.count),
      }
    }),
    odps: (r.odps as Record<string, unknown>[]).map((o) => ({
      name: o.name as string,
      lat: Number(o.lat),
      lng: Number(o.lng),
      customers: num(o.customers),
      key: String(o.key),
      score: numOrNull(o.score),
    })),
  }
}
