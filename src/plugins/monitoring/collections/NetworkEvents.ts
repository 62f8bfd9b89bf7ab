import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { networkStaff } from '../access/monitoringAccess'
import { EVENT_SOURCES, EVENT_STATES, EVENT_SUBJECTS } from '../types'

/**
 * Every up/down event received or polled, stored once (unique `eventKey`) and judged later by the
 * correlator (`processedAt`). Kept as the record of what each source said and when.
 */
export const NetworkEvents: CollectionConfig = {
  slug: 'network-events',
  labels: {
    singular: { en: 'Network event', id: 'Kejadian jaringan' },
    plural: { en: 'Network events', id: 'Kejadian jaringan' },
  },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['occurredAt', 'source', 'subject', 'state', 'cause', 'processedAt'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  defaultSort: '-occurredAt',
  access: { read: networkStaff, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'eventKey', type: 'text', required: true, unique: true, maxLength: 300, label: { en: 'Key', id: 'Kunci' } },
    {
      type: 'row',
      fields: [
        {
          name: 'source',
          type: 'select',
          required: true,
          label: { en: 'Source', id: 'Sumber' },
          options: EVENT_SOURCES.map((value) => ({ value, label: value })),
        },
        {
          name: 'subjectType',
          type: 'select',
          required: true,
          label: { en: 'About', id: 'Tentang' },
          options: EVENT_SUBJECTS.map((value) => ({
            value,
            label: value === 'customer' ? { en: 'Customer', id: 'Pelanggan' } : { en: 'Device', id: 'Perangkat' },
          })),
        },
        {
          name: 'state',
          type: 'select',
          required: true,
          label: { en: 'State', id: 'Status' },
          options: EVENT_STATES.map((value) => ({ value, label: value })),
        },
      ],
    },
    { name: 'subject', type: 'text', required: true, maxLength: 200, label: { en: 'Subject', id: 'Subjek' } },
    { name: 'cause', type: 'text', maxLength: 300, label: { en: 'Cause', id: 'Penyebab' } },
    {
      type: 'row',
      fields: [
        { name: 'customer', type: 'relationship', relationTo: 'customers', label: { en: 'Customer', id: 'Pelanggan' } },
        { name: 'node', type: 'relationship', relationTo: 'network-nodes', label: { en: 'Device', id: 'Perangkat' } },
        { name: 'router', type: 'relationship', relationTo: 'routers', label: { en: 'Router', id: 'Router' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'occurredAt',
          type: 'date',
          required: true,
          index: true,
          label: { en: 'Occurred', id: 'Terjadi' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'processedAt',
          type: 'date',
          index: true,
          label: { en: 'Judged', id: 'Diproses' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
  ],
}
