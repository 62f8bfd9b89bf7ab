import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { networkStaff } from '../access/monitoringAccess'

/**
 * What the last poll of each router saw: its uptime (a smaller one means it restarted) and each
 * PPP session's id and byte counters, so the next poll turns differences into events and usage.
 */
export const RouterPolls: CollectionConfig = {
  slug: 'router-polls',
  labels: {
    singular: { en: 'Router poll', id: 'Pemantauan router' },
    plural: { en: 'Router polls', id: 'Pemantauan router' },
  },
  admin: {
    useAsTitle: 'router',
    defaultColumns: ['router', 'reachable', 'sessionCount', 'polledAt'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  access: { read: networkStaff, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'router',
      type: 'relationship',
      relationTo: 'routers',
      required: true,
      unique: true,
      label: { en: 'Router', id: 'Router' },
    },
    { name: 'reachable', type: 'checkbox', defaultValue: true, label: { en: 'Reachable', id: 'Terjangkau' } },
    { name: 'failures', type: 'number', defaultValue: 0, label: { en: 'Failed polls in a row', id: 'Gagal berturut' } },
    { name: 'uptimeSeconds', type: 'number', label: { en: 'Uptime (s)', id: 'Uptime (detik)' } },
    { name: 'sessionCount', type: 'number', label: { en: 'PPP sessions', id: 'Sesi PPP' } },
    { name: 'sessions', type: 'json', label: { en: 'Sessions', id: 'Sesi' } },
    {
      name: 'polledAt',
      type: 'date',
      label: { en: 'Polled', id: 'Dipantau' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
