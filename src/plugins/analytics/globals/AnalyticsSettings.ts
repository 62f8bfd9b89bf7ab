import type { GlobalConfig } from 'payload'

import { staffWithRole } from '../../../access/staffWithRole'
import { ANALYTICS_ROLES } from '../access'
import { checkPmtilesUrl, checkTileUrl } from '../operations/tiles'

/**
 * Analytics settings: where the coverage map's background tiles come from. The machines running
 * the product may be offline, so the default is none (a plain background with the points); an ISP
 * with its own tile server (or a licence for a public one) enters its URL template, or the address
 * of a raster PMTiles file it hosts (one file, read by HTTP range requests: no tile server needed).
 * Tiles are only ever fetched by the browser showing the map, never when the app is built.
 */
export const AnalyticsSettings: GlobalConfig = {
  slug: 'analytics-settings',
  label: { en: 'Analytics settings', id: 'Pengaturan analitik' },
  admin: { group: { en: 'Reports', id: 'Laporan' } },
  access: { read: staffWithRole(...ANALYTICS_ROLES), update: staffWithRole() },
  fields: [
    {
      name: 'mapTiles',
      type: 'select',
      required: true,
      defaultValue: 'none',
      label: { en: 'Map background', id: 'Latar peta' },
      options: [
        { value: 'none', label: { en: 'None (plain background)', id: 'Tanpa latar (polos)' } },
        { value: 'url', label: { en: 'Tile server (URL template)', id: 'Server tile (templat URL)' } },
        { value: 'pmtiles', label: { en: 'PMTiles file (raster)', id: 'Berkas PMTiles (raster)' } },
      ],
    },
    {
      name: 'tileUrl',
      type: 'text',
      maxLength: 500,
      label: { en: 'Tile URL template', id: 'Templat URL tile' },
      admin: {
        condition: (data) => data?.mapTiles === 'url',
        description: {
          en: 'http(s) address with {z}, {x} and {y}, e.g. https://tile.example.id/{z}/{x}/{y}.png',
          id: 'Alamat http(s) dengan {z}, {x} dan {y}, mis. https://tile.contoh.id/{z}/{x}/{y}.png',
        },
      },
      validate: (value: string | null | undefined, { siblingData }: { siblingData: Record<string, unknown> }) =>
        siblingData?.mapTiles === 'url' ? (checkTileUrl(value) ?? true) : true,
    },
    {
      name: 'pmtilesUrl',
      type: 'text',
      maxLength: 500,
      label: { en: 'PMTiles file address', id: 'Alamat berkas PMTiles' },
      admin: {
        condition: (data) => data?.mapTiles === 'pmtiles',
        description: {
          en: 'A raster .pmtiles file (PNG/JPEG/WebP tiles) on this server (/peta/wilayah.pmtiles) or an http(s) server that answers range requests (and CORS). Vector PMTiles are not supported.',
          id: 'Berkas .pmtiles raster (tile PNG/JPEG/WebP) di server ini (/peta/wilayah.pmtiles) atau server http(s) yang melayani permintaan Range (dan CORS). PMTiles vektor tidak didukung.',
        },
      },
      validate: (value: string | null | undefined, { siblingData }: { siblingData: Record<string, unknown> }) =>
        siblingData?.mapTiles === 'pmtiles' ? (checkPmtilesUrl(value) ?? true) : true,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'tileAttribution',
          type: 'text',
          maxLength: 200,
          label: { en: 'Attribution', id: 'Atribusi' },
          admin: { condition: (data) => data?.mapTiles === 'url' || data?.mapTiles === 'pmtiles' },
        },
        {
          name: 'tileMaxZoom',
          type: 'number',
          min: 1,
          max: 22,
          defaultValue: 19,
          label: { en: 'Maximum zoom', id: 'Zoom maksimum' },
          admin: { condition: (data) => data?.mapTiles === 'url' || data?.mapTiles === 'pmtiles' },
        },
      ],
    },
  ],
}
