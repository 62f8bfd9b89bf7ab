import type { FieldHook, Tab } from 'payload'

import { nobodyField } from '../../../access/nobody'

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * Payload's login saves the session through an update in which this group is not writable; the row
 * it returns carries the adapter's internal `_uuid` marker in the group, which the sign-in answer would
 * otherwise show (a plain read does not). The answer is the account as it reads itself.
 */
const withoutRowMarker: FieldHook = ({ value }) => {
  if (!value || typeof value !== 'object' || !('_uuid' in value)) return value
  const { _uuid: _marker, ...rest } = value as Record<string, unknown>
  return rest
}

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
      hooks: { afterRead: [withoutRowMarker] },
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
