import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { hasRole } from '../../../access/roles'
import { technicianCustomerIds } from '../../../access/technicianCustomers'

/**
 * What the network must do for a customer (isolir or restore), written in the same transaction as
 * the status change that needs it and carried out by the `applyNetworkActions` job, never inside a
 * request. The row is also the audit trail of what the router answered.
 */
export const NetworkActions: CollectionConfig = {
  slug: 'network-actions',
  labels: {
    singular: { en: 'Network action', id: 'Aksi jaringan' },
    plural: { en: 'Network actions', id: 'Aksi jaringan' },
  },
  admin: {
    useAsTitle: 'action',
    defaultColumns: ['createdAt', 'customer', 'action', 'status', 'attempts', 'detail', 'completedAt'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  defaultSort: '-createdAt',
  access: {
    // A technician sees the actions of the customers of their tickets only (who is isolir'd is billing data).
    read: async ({ req }) => {
      if (hasRole(req.user, 'finance', 'customer_service')) return true
      if (hasRole(req.user, 'technician')) return { customer: { in: await technicianCustomerIds(req) } }
      return false
    },
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      required: true,
      index: true,
      label: { en: 'Customer', id: 'Pelanggan' },
    },
    {
      name: 'action',
      type: 'select',
      required: true,
      label: { en: 'Action', id: 'Aksi' },
      options: [
        { value: 'suspend', label: { en: 'Suspend (isolir)', id: 'Isolir' } },
        { value: 'restore', label: { en: 'Restore', id: 'Buka isolir' } },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { en: 'Status', id: 'Status' },
      options: [
        { value: 'pending', label: { en: 'Pending', id: 'Menunggu' } },
        { value: 'done', label: { en: 'Done', id: 'Selesai' } },
        { value: 'failed', label: { en: 'Failed', id: 'Gagal' } },
        { value: 'skipped', label: { en: 'Skipped (no router)', id: 'Dilewati (tanpa router)' } },
      ],
    },
    { name: 'reason', type: 'text', maxLength: 300, label: { en: 'Why', id: 'Alasan' } },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { en: 'Attempts', id: 'Percobaan' } },
    { name: 'detail', type: 'text', maxLength: 1000, label: { en: 'Router answer', id: 'Jawaban router' } },
    {
      name: 'completedAt',
      type: 'date',
      label: { en: 'Completed', id: 'Selesai pada' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
