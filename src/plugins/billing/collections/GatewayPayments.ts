import type { CollectionConfig } from 'payload'

import { anyStaffField } from '../../../access/anyStaff'
import { nobody } from '../../../access/nobody'
import { moneyField } from '../../../fields/money'
import { officeOrOwnCustomer } from '../access/billingAccess'

/**
 * One pay link (payment attempt) at Midtrans or Xendit for an invoice. The order id is unique per
 * attempt and carries a random part (`INV…-n-<16 hex>`), so nobody can predict another customer's;
 * its status only moves forward (a paid attempt never goes back to pending or expired). Voiding the
 * invoice cancels its open links, here and at the gateway; money that still arrives is recorded.
 */
export const GatewayPayments: CollectionConfig = {
  slug: 'gateway-payments',
  labels: { singular: { en: 'Pay link', id: 'Link pembayaran' }, plural: { en: 'Pay links', id: 'Link pembayaran' } },
  admin: {
    useAsTitle: 'orderId',
    defaultColumns: ['orderId', 'provider', 'invoice', 'amount', 'status', 'createdAt'],
    group: { en: 'Billing', id: 'Tagihan' },
  },
  defaultSort: '-createdAt',
  access: { read: officeOrOwnCustomer, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'orderId',
      type: 'text',
      required: true,
      unique: true,
      maxLength: 64,
      label: { en: 'Order id', id: 'Order id' },
    },
    {
      name: 'provider',
      type: 'select',
      required: true,
      options: ['midtrans', 'xendit'],
      label: { en: 'Gateway', id: 'Gateway' },
    },
    {
      name: 'invoice',
      type: 'relationship',
      relationTo: 'invoices',
      required: true,
      index: true,
      label: { en: 'Invoice', id: 'Tagihan' },
    },
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      required: true,
      index: true,
      label: { en: 'Customer', id: 'Pelanggan' },
    },
    moneyField({ name: 'amount', label: { en: 'Amount', id: 'Jumlah' }, required: true, min: 1 }),
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { en: 'Status', id: 'Status' },
      options: [
        { value: 'pending', label: { en: 'Waiting for payment', id: 'Menunggu pembayaran' } },
        { value: 'paid', label: { en: 'Paid', id: 'Dibayar' } },
        { value: 'expired', label: { en: 'Expired', id: 'Kedaluwarsa' } },
        { value: 'failed', label: { en: 'Failed', id: 'Gagal' } },
        { value: 'cancelled', label: { en: 'Cancelled (invoice voided)', id: 'Dibatalkan (tagihan dibatalkan)' } },
        { value: 'refunded', label: { en: 'Refunded', id: 'Dikembalikan' } },
        { value: 'review', label: { en: 'Needs finance review', id: 'Perlu dicek keuangan' } },
      ],
    },
    { name: 'payUrl', type: 'text', maxLength: 500, label: { en: 'Pay link', id: 'Link pembayaran' } },
    { name: 'providerRef', type: 'text', maxLength: 200, label: { en: 'Gateway reference', id: 'Referensi gateway' } },
    {
      name: 'expiresAt',
      type: 'date',
      label: { en: 'Valid until', id: 'Berlaku sampai' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'payment', type: 'relationship', relationTo: 'payments', label: { en: 'Payment', id: 'Pembayaran' } },
    {
      name: 'reviewNote',
      type: 'text',
      maxLength: 500,
      label: { en: 'Why it needs review', id: 'Alasan perlu dicek' },
      // Finance's working note (it can quote why a payment could not be recorded): staff only.
      access: { read: anyStaffField },
    },
  ],
}
