'use client'

import 'leaflet/dist/leaflet.css'

import { useEffect, useRef, useState } from 'react'

import type { CoverageData, MapColour } from '../operations/coverage'
import type { MapTiles } from '../operations/tiles'
import { HEALTH_COLOURS, STATUS_COLOURS } from './mapColours'

const DEFAULT_CENTRE: [number, number] = [-6.4, 106.82]
const rupiahless = (n: number) => n.toLocaleString('id-ID')

type Leaflet = typeof import('leaflet')

/**
 * A raster PMTiles file as the background: `pmtiles` (loaded here, in the browser, only when the
 * setting asks for it) reads the archive's header and directory and each tile by HTTP range
 * requests. Its Leaflet adapter looks for Leaflet on `window.L`. The archive's own zoom range is
 * its native range: past its deepest level Leaflet enlarges the deepest tiles instead of leaving
 * the background blank.
 */
async function addPmtiles(
  L: Leaflet,
  map: import('leaflet').Map,
  tiles: Extract<MapTiles, { mode: 'pmtiles' }>,
  disposed: () => boolean,
) {
  const { PMTiles, TileType, leafletRasterLayer } = await import('pmtiles')
  ;(window as unknown as { L: Leaflet }).L = L
  const source = new PMTiles(new URL(tiles.url, window.location.href).href)
  const header = await source.getHeader()
  if (header.tileType === TileType.Mvt || header.tileType === TileType.Mlt)
    throw new Error('berkas PMTiles berisi tile vektor; yang didukung hanya tile raster (PNG/JPEG/WebP)')
  if (disposed()) return // the map was taken down while the header loaded
  const layer = leafletRasterLayer(source, {
    attribution: tiles.attribution,
    maxZoom: tiles.maxZoom,
    minNativeZoom: header.minZoom,
    maxNativeZoom: header.maxZoom,
  }) as import('leaflet').GridLayer
  layer.addTo(map)
  layer.bringToBack()
}

/**
 * The coverage map (Leaflet, loaded in the browser only). Asks `/api/analytics/map` for the
 * points of the visible area at the current zoom after every move; draws the density grid,
 * the customers (single or clustered) and the ODPs. Background tiles only when the settings name
 * a tile server or a PMTiles file; otherwise a plain background, so it works with no internet at all.
 */
export function CoverageMap({
  endpoint,
  query,
  colour,
  tiles,
}: {
  endpoint: string
  query: string
  colour: MapColour
  tiles: MapTiles
}) {
  const element = useRef<HTMLDivElement>(null)
  const [status, setStatus] = useState<{ total: number; error: string | null } | null>(null)
  const [tileError, setTileError] = useState<string | null>(null)
  const colours = colour === 'health' ? HEALTH_COLOURS : STATUS_COLOURS

  useEffect(() => {
    let disposed = false
    let cleanup = () => {}
    void (async () => {
      const L = (await import('leaflet')).default
      if (disposed || !element.current) return
      const map = L.map(element.current, { zoomControl: true, attributionControl: tiles.mode !== 'none' })
      map.setView(DEFAULT_CENTRE, 12)
      if (tiles.mode === 'url')
        L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: tiles.maxZoom }).addTo(map)
      if (tiles.mode === 'pmtiles')
        void addPmtiles(L, map, tiles, () => disposed).catch((error: Error) => {
          if (!disposed) setTileError(error.message)
        })
      const density = L.layerGroup().addTo(map)
      const customers = L.layerGroup().addTo(map)
      const odps = L.layerGroup().addTo(map)
      L.control
        .layers(undefined, { Kepadatan: density, Pelanggan: customers, ODP: odps }, { collapsed: false })
        .addTo(map)
      let controller: AbortController | null = null
      let fitted = false

      const load = async () => {
        controller?.abort()
        controller = new AbortController()
        const b = map.getBounds()
        const params = new URLSearchParams(query)
        params.set('colour', colour)
        params.set('zoom', String(map.getZoom()))
        if (fitted)
          params.set('bbox', [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map((n) => n.toFixed(5)).join(','))
        try {
          const res = await fetch(`${endpoint}?${params}`, { credentials: 'include', signal: controller.signal })
          const body = await res.json()
          if (!res.ok) throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`)
          const data = body as CoverageData
          if (!fitted) {
            fitted = true
            if (data.extent) {
              map.fitBounds(data.extent, { padding: [16, 16] })
              return // the move asks again, for the fitted view
            }
          }
          draw(data)
          setStatus({ total: data.total, error: null })
        } catch (error) {
          if ((error as Error).name !== 'AbortError') setStatus({ total: 0, error: (error as Error).message })
        }
      }

      const draw = (data: CoverageData) => {
        density.clearLayers()
        customers.clearLayers()
        odps.clearLayers()
        const most = Math.max(1, ...data.density.map((d) => d.count))
        for (const cell of data.density)
          L.rectangle(
            [
              [cell.bounds[0], cell.bounds[1]],
              [cell.bounds[2], cell.bounds[3]],
            ],
            {
              stroke: false,
              fillColor: '#d9381e',
              fillOpacity: 0.08 + 0.45 * (cell.count / most),
              interactive: false,
              className: 'map-density',
            },
          ).addTo(density)
        for (const p of data.points) {
          const fill = colours[p.key]?.colour ?? '#777'
          const single = p.count === 1
          const marker = L.circleMarker([p.lat, p.lng], {
            radius: single ? 5 : Math.min(22, 8 + 4 * Math.log10(p.count)),
            color: '#ffffff',
            weight: 1,
            fillColor: fill,
            fillOpacity: 0.9,
            className: single ? 'map-customer' : 'map-cluster',
          })
          const scoreText = p.score === undefined || p.score === null ? '' : ` · skor ${p.score}`
          marker.bindTooltip(
            single
              ? `${p.number} · ${STATUS_COLOURS[p.status ?? '']?.label ?? p.status}${scoreText}`
              : `${rupiahless(p.count)} pelanggan${scoreText ? ` · rata-rata${scoreText}` : ''}`,
          )
          if (!single) {
            marker.bindTooltip(`${rupiahless(p.count)}`, {
              permanent: true,
              direction: 'center',
              className: 'map-count',
            })
            marker.on('click', () => map.setView([p.lat, p.lng], Math.min(map.getZoom() + 2, 18)))
          }
          marker.addTo(customers)
        }
        for (const o of data.odps)
          L.circleMarker([o.lat, o.lng], {
            radius: 7,
            color: '#111111',
            weight: 2,
            fillColor: colours[o.key]?.colour ?? '#777',
            fillOpacity: 1,
            className: 'map-odp',
          })
            .bindTooltip(
              `${o.name}: ${rupiahless(o.customers)} pelanggan${o.score === null ? '' : ` · rata-rata skor ${o.score}`}`,
            )
            .addTo(odps)
      }

      map.on('moveend', () => void load())
      void load()
      cleanup = () => {
        controller?.abort()
        map.remove()
      }
    })()
    return () => {
      disposed = true
      cleanup()
    }
  }, [endpoint, query, colour, tiles, colours])

  return (
    <div>
      <div
        ref={element}
        data-testid="coverage-map"
        data-tiles={tiles.mode}
        style={{
          height: 'min(70vh, 640px)',
          width: '100%',
          background: 'var(--theme-elevation-50)',
          border: '1px solid var(--theme-elevation-150)',
        }}
      />
      <p data-testid="coverage-status" style={{ marginTop: 8 }}>
        {status === null
          ? 'Memuat peta…'
          : status.error
            ? `Peta gagal dimuat: ${status.error}`
            : `${rupiahless(status.total)} pelanggan di area yang tampak.`}{' '}
        {tileError ? <span data-testid="coverage-tile-error">Latar peta gagal dimuat: {tileError}. </span> : null}
        {Object.values(colours).map((c) => (
          <span key={c.label} style={{ marginRight: 12, whiteSpace: 'nowrap' }}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 5,
                background: c.colour,
                marginRight: 4,
              }}
            />
            {c.label}
          </span>
        ))}
      </p>
    </div>
  )
}
