import type { Tab } from 'payload'

import { nobodyField } from '../../../access/nobody'
import { anyStaffField } from '../../../access/anyStaff'
import { staffWithRoleField } from '../../../access/staffWithRole'
import { moneyField } from '../../../fields/money'

const finance = { create: staffWithRoleField('finance'), update: staffWithRoleField('finance') }
const office = {
  create: staffWithRoleField('finance', 'customer_service'),
  update: staffWithRoleField('finance', 'customer_service'),
}
const network = {
  read: anyStaffField,
  create: staffWithRoleField('customer_service', 'technician'),
  update: staffWithRoleField('customer_service', 'technician'),
}

/** The "Tagihan" tab the billing plugin adds to the customer page. */
export const customerBillingTab: Tab = {
  label: { en: 'Billing', id: 'Tagihan' },
  fields: [
    {
      name: 'recordPayment',
      type: 'ui',
      admin: { components: { Field: '/src/plugins/billing/components/RecordPayment#RecordPayment' } },
    },
    {
      type: 'row',
      fields: [
        moneyField({
          name: 'creditBalance',
          label: { en: 'Credit (Rp)', id: 'Saldo (Rp)' },
          defaultValue: 0,
          access: { create: nobodyField, update: nobodyField },
          admin: {
            readOnly: true,
            description: {
              en: 'Overpayments, applied to the next invoice',
              id: 'Kelebihan bayar, dipakai untuk tagihan berikutnya',
            },
          },
        }),
        {
          name: 'promiseToPayUntil',
          type: 'date',
          label: { en: 'Promised to pay by', id: 'Janji bayar sampai' },
          access: office,
          admin: {
            date: { pickerAppearance: 'dayOnly' },
            description: {
              en: 'No automatic isolir until this date',
              id: 'Tidak diisolir otomatis sampai tanggal ini',
            },
          },
        },
        {
          name: 'autoSuspendExempt',
          type: 'checkbox',
          defaultValue: false,
          label: { en: 'Never suspend automatically', id: 'Jangan pernah isolir otomatis' },
          // A staff decision about the customer, not shown to them.
          access: { read: anyStaffField, ...finance },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'suspensionSource',
          type: 'select',
          label: { en: 'Suspended by', id: 'Diisolir oleh' },
          access: { create: nobodyField, update: nobodyField },
          admin: {
            readOnly: true,
            description: {
              en: 'Billing suspensions lift by themselves once paid',
              id: 'Isolir karena tagihan dibuka otomatis setelah lunas',
            },
          },
          options: [
            { value: 'billing', label: { en: 'Billing (overdue)', id: 'Sistem (menunggak)' } },
            { value: 'manual', label: { en: 'Staff', id: 'Staf' } },
          ],
        },
        {
          name: 'suspendedAt',
          type: 'date',
          label: { en: 'Suspended at', id: 'Diisolir pada' },
          access: { create: nobodyField, update: nobodyField },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    {
      name: 'invoices',
      type: 'join',
      collection: 'invoices',
      on: 'customer',
      label: { en: 'Invoices', id: 'Tagihan' },
      defaultSort: '-issueDate',
      defaultLimit: 12,
      admin: { allowCreate: false, defaultColumns: ['number', 'period', 'total', 'balanceDue', 'dueDate', 'status'] },
    },
    {
      name: 'payments',
      type: 'join',
      collection: 'payments',
      on: 'customer',
      label: { en: 'Payment history', id: 'Riwayat pembayaran' },
      defaultSort: '-paymentDate',
      defaultLimit: 12,
      admin: {
        allowCreate: false,
        defaultColumns: ['number', 'paymentDate', 'amount', 'method', 'reference', 'status', 'processedBy'],
      },
    },
    {
      type: 'collapsible',
      label: { en: 'Network (isolir enforcement)', id: 'Jaringan (penerapan isolir)' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'router',
              type: 'relationship',
              relationTo: 'routers',
              label: { en: 'Router', id: 'Router' },
              access: network,
            },
            {
              name: 'networkMethod',
              type: 'select',
              label: { en: 'Isolir by', id: 'Isolir dengan' },
              access: network,
              options: [
                { value: 'pppoe', label: { en: 'PPPoE profile', id: 'Profil PPPoE' } },
                { value: 'address-list', label: { en: 'Firewall address list', id: 'Address list firewall' } },
              ],
            },
            {
              name: 'pppoeUsername',
              type: 'text',
              maxLength: 64,
              index: true,
              label: { en: 'PPPoE username', id: 'Username PPPoE' },
              access: network,
            },
            {
              name: 'ipAddress',
              type: 'text',
              maxLength: 45,
              label: { en: 'IP address', id: 'Alamat IP' },
              access: network,
              validate: (value: unknown) =>
                value === null ||
                value === undefined ||
                value === '' ||
                (typeof value === 'string' &&
                  /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(value))
                  ? true
                  : 'Alamat IPv4 tidak valid / Invalid IPv4 address',
            },
          ],
        },
      ],
    },
  ],
}
