import type { Tab } from 'payload'

import { nobodyField } from '../../../access/nobody'

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * The "Jaringan" tab on customers: connection state kept by the monitoring plugin. Nobody sets it
 * by hand; a customer reads their own (the collection's row access already narrows to them).
 */
export const customerNetworkTab: Tab = {
  label: { en: 'Network', id: 'Jaringan' },
  fields: [
    {
      name: 'networkStatus',
      type: 'group',
      label: { en: 'Connection', id: 'Koneksi' },
      access: systemOnly,
      admin: { readOnly: true },
      fields: [
        { name: 'online', type: 'checkbox', label: { en: 'Online', id: 'Online' }, access: systemOnly },
        {
          name: 'since',
          type: 'date',
          label: { en: 'Since', id: 'Sejak' },
          access: systemOnly,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'lastSeenAt',
          type: 'date',
          label: { en: 'Last seen', id: 'Terakhir terlihat' },
          access: systemOnly,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'lastCause',
          type: 'text',
          maxLength: 120,
          label: { en: 'Last disconnect cause', id: 'Penyebab putus terakhir' },
          access: systemOnly,
        },
      ],
    },
  ],
}
