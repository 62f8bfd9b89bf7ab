import type { CollectionConfig } from 'payload'

import { nobody, nobodyField } from '../../../access/nobody'
import { networkStaffOrOwnCustomer } from '../access/monitoringAccess'

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * Bytes per customer per WIB day, summed from the routers' per-session counters (wrap and reboot
 * handled by the poller). `rxBytes` is what the customer downloaded. Unique (customer, day): a
 * named index made in the migration (`usage_daily_customer_day_key`), so its name cannot collide
 * with another plugin's (customer, day) index.
 */
export const UsageDaily: CollectionConfig = {
  slug: 'usage-daily',
  labels: {
    singular: { en: 'Daily usage', id: 'Pemakaian harian' },
    plural: { en: 'Daily usage', id: 'Pemakaian harian' },
  },
  admin: {
    defaultColumns: ['customer', 'day', 'rxBytes', 'txBytes'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  defaultSort: '-day',
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
      name: 'day',
      type: 'text',
      required: true,
      index: true,
      maxLength: 10,
      label: { en: 'Day (WIB)', id: 'Tanggal (WIB)' },
      access: systemOnly,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'rxBytes',
          type: 'number',
          required: true,
          defaultValue: 0,
          min: 0,
          label: { en: 'Downloaded (bytes)', id: 'Unduh (byte)' },
          access: systemOnly,
        },
        {
          name: 'txBytes',
          type: 'number',
          required: true,
          defaultValue: 0,
          min: 0,
          label: { en: 'Uploaded (bytes)', id: 'Unggah (byte)' },
          access: systemOnly,
        },
      ],
    },
  ],
}
