import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'

/**
 * Every authentic gateway notification, recorded once (unique event key): repeats are answered
 * 200 and change nothing. `outcome` says what the notification did.
 */
export const GatewayEvents: CollectionConfig = {
  slug: 'gateway-events',
  labels: {
    singular: { en: 'Gateway notification', id: 'Notifikasi gateway' },
    plural: { en: 'Gateway notifications', id: 'Notifikasi gateway' },
  },
  admin: {
    useAsTitle: 'eventKey',
    defaultColumns: ['createdAt', 'provider', 'orderId', 'status', 'amount', 'outcome'],
    group: { en: 'Billing', id: 'Tagihan' },
  },
  defaultSort: '-createdAt',
  access: { read: staffWithRole('finance'), create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'eventKey', type: 'text', required: true, unique: true, maxLength: 200 },
    { name: 'provider', type: 'select', required: true, options: ['midtrans', 'xendit'] },
    { name: 'orderId', type: 'text', required: true, index: true, maxLength: 64 },
    { name: 'status', type: 'text', required: true, maxLength: 20 },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'text', maxLength: 8 },
    {
      name: 'outcome',
      type: 'select',
      required: true,
      options: [
        { value: 'applied', label: { en: 'Applied', id: 'Diterapkan' } },
        { value: 'ignored', label: { en: 'Ignored (older status)', id: 'Diabaikan (status lama)' } },
        {
          value: 'amount_mismatch',
          label: { en: 'Amount mismatch: finance review', id: 'Jumlah tidak cocok: dicek keuangan' },
        },
        { value: 'unknown_order', label: { en: 'Unknown order', id: 'Order tidak dikenal' } },
        {
          value: 'credited',
          label: {
            en: 'Paid, but its invoice was void or already paid: other invoices or credit',
            id: 'Dibayar, tetapi tagihannya batal/sudah lunas: ke tagihan lain atau saldo',
          },
        },
        {
          value: 'held',
          label: { en: 'Could not be applied: finance review', id: 'Tidak bisa diterapkan: dicek keuangan' },
        },
      ],
    },
    { name: 'raw', type: 'json' },
  ],
}
