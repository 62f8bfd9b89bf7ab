import type { CollectionConfig } from 'payload'

import { nobody, nobodyField } from '../../../access/nobody'
import { networkStaffField, networkStaffOrOwnCustomer } from '../access/monitoringAccess'

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * One row per period a customer's service was offline (`endedAt` empty while it lasts). Offline
 * minutes in [from, to) are the overlap of [startedAt, coalesce(endedAt, now())) with [from, to).
 * At most one open row per customer (partial unique index in the migration). System-written.
 */
export const CustomerOutages: CollectionConfig = {
  slug: 'customer-outages',
  labels: {
    singular: { en: 'Customer outage', id: 'Putus layanan pelanggan' },
    plural: { en: 'Customer outages', id: 'Putus layanan pelanggan' },
  },
  admin: {
    defaultColumns: ['customer', 'startedAt', 'endedAt', 'source'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  defaultSort: '-startedAt',
  access: { read: networkStaffOrOwnCustomer, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      required: true,
      index: true,
      label: { en: 'Customer', id: 'Pelanggan' },
      access: systemOnly,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'startedAt',
          type: 'date',
          required: true,
          index: true,
          label: { en: 'Offline since', id: 'Putus sejak' },
          access: systemOnly,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'endedAt',
          type: 'date',
          index: true,
          label: { en: 'Back online', id: 'Tersambung kembali' },
          access: systemOnly,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    {
      name: 'source',
      type: 'text',
      maxLength: 40,
      label: { en: 'Source', id: 'Sumber' },
      access: systemOnly,
    },
    {
      name: 'cause',
      type: 'text',
      maxLength: 120,
      label: { en: 'Disconnect cause', id: 'Penyebab putus' },
      access: systemOnly,
    },
    {
      name: 'lastSeenAt',
      type: 'date',
      label: { en: 'Last seen online', id: 'Terakhir terlihat' },
      access: systemOnly,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'ticket',
      type: 'relationship',
      relationTo: 'tickets',
      label: { en: 'Ticket', id: 'Tiket' },
      access: { read: networkStaffField, ...systemOnly },
    },
  ],
}
