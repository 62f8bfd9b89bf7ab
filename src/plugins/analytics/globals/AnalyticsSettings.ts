import type { GlobalConfig } from 'payload'

import { staffWithRole } from '../../../access/staffWithRole'
import { ANALYTICS_ROLES } from '../access'
import { checkTileUrl } from '../operations/tiles'

/**
 * Analytics settings: where the coverage map's background tiles come from. The machines running
 * the product may be offline, so the default is none (a plain background with the points); an ISP
 * with its own tile server (or a licence for a public one) enters its URL template. Tiles are only
 * ever fetched by the browser showing the map, never when the app is built.
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
      type: 'row',
      fields: [
        {
          name: 'tileAttribution',
          type: 'text',
          maxLength: 200,
          label: { en: 'Attribution', id: 'Atribusi' },
          admin: { condition: (data) => data?.mapTiles === 'url' },
        },
        {
          name: 'tileMaxZoom',
          type: 'number',
          min: 1,
          max: 22,
          defaultValue: 19,
          label: { en: 'Maximum zoom', id: 'Zoom maksimum' },
          admin: { condition: (data) => data?.mapTiles === 'url' },
        },
      ],
    },
  ],
}
