import type { CollectionConfig } from 'payload'

import { nobodyField } from '../../../access/nobody'
import { hasRole } from '../../../access/roles'
import { staffWithRole } from '../../../access/staffWithRole'
import { moneyField } from '../../../fields/money'
import { officeOrOwnCustomer } from '../access/billingAccess'

/**
 * Charges and discounts waiting for a customer's next invoice: installation fee, equipment,
 * a goodwill discount, or the prorated difference of a package change. The invoice run puts the
 * pending ones on the invoice and marks them billed.
 */
export const BillingAdjustments: CollectionConfig = {
  slug: 'billing-adjustments',
  labels: {
    singular: { en: 'Charge or discount', id: 'Biaya atau diskon' },
    plural: { en: 'Charges and discounts', id: 'Biaya & diskon' },
  },
  admin: {
    useAsTitle: 'description',
    defaultColumns: ['customer', 'description', 'kind', 'amount', 'status', 'invoice'],
    group: { en: 'Billing', id: 'Tagihan' },
  },
  access: {
    read: officeOrOwnCustomer,
    create: staffWithRole('finance', 'customer_service'),
    // Only pending ones can change; billed ones belong to an invoice.
    update: ({ req: { user } }) =>
      hasRole(user, 'finance', 'customer_service') ? { status: { equals: 'pending' } } : false,
    delete: ({ req: { user } }) => (hasRole(user, 'finance') ? { status: { equals: 'pending' } } : false),
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
      name: 'description',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { en: 'Description', id: 'Keterangan' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'one_off',
          label: { en: 'Kind', id: 'Jenis' },
          options: [
            { value: 'one_off', label: { en: 'One-off charge', id: 'Biaya sekali' } },
            { value: 'discount', label: { en: 'Discount', id: 'Diskon' } },
            { value: 'proration', label: { en: 'Proration', id: 'Prorata' } },
          ],
        },
        moneyField({
          name: 'amount',
          label: { en: 'Amount (Rp, negative = discount)', id: 'Jumlah (Rp, negatif = diskon)' },
          required: true,
          min: -1_000_000_000,
        }),
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      access: { create: nobodyField, update: nobodyField },
      label: { en: 'Status', id: 'Status' },
      options: [
        { value: 'pending', label: { en: 'Waiting for the next invoice', id: 'Menunggu tagihan berikutnya' } },
        { value: 'billed', label: { en: 'On an invoice', id: 'Sudah ditagihkan' } },
      ],
    },
    {
      name: 'invoice',
      type: 'relationship',
      relationTo: 'invoices',
      label: { en: 'Invoice', id: 'Tagihan' },
      access: { create: nobodyField, update: nobodyField },
    },
  ],
  hooks: {
    beforeValidate: [
      ({ data }) => {
        // Discounts are negative, charges positive, whatever sign was typed.
        if (data && typeof data.amount === 'number' && data.kind)
          data.amount =
            data.kind === 'discount'
              ? -Math.abs(data.amount)
              : data.kind === 'one_off'
                ? Math.abs(data.amount)
                : data.amount
        return data
      },
    ],
  },
}
