import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'

/**
 * One row per customer per WIB day: the recurring revenue the customer carried that day (their
 * package's monthly price while active or isolir). Written by the daily `snapshotMrr` task only;
 * unique (customer, day) in the database, so a day is written once however often the task runs.
 * MRR cannot be rebuilt later from prices that have since changed, which is why it is kept.
 */
export const MrrSnapshots: CollectionConfig = {
  slug: 'mrr-snapshots',
  labels: {
    singular: { en: 'MRR snapshot', id: 'Snapshot MRR' },
    plural: { en: 'MRR snapshots', id: 'Snapshot MRR' },
  },
  admin: {
    group: { en: 'Reports', id: 'Laporan' },
    defaultColumns: ['day', 'customer', 'mrr', 'customerStatus', 'area'],
    hidden: true,
  },
  access: { read: staffWithRole('finance'), create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['customer', 'day'], unique: true }],
  fields: [
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      required: true,
      label: { en: 'Customer', id: 'Pelanggan' },
    },
    { name: 'day', type: 'text', required: true, index: true, label: { en: 'Day (WIB)', id: 'Hari (WIB)' } },
    { name: 'mrr', type: 'number', required: true, label: { en: 'MRR (Rp)', id: 'MRR (Rp)' } },
    { name: 'package', type: 'relationship', relationTo: 'packages', label: { en: 'Package', id: 'Paket' } },
    { name: 'area', type: 'text', label: { en: 'Area', id: 'Wilayah' } },
    { name: 'customerStatus', type: 'text', label: { en: 'Customer status', id: 'Status pelanggan' } },
  ],
}
