import type { CollectionConfig } from 'payload'

import { nobody, nobodyField } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'
import { humanNumberField } from '../../../fields/humanNumber'
import { moneyField } from '../../../fields/money'
import { assignHumanNumber } from '../../../hooks/assignHumanNumber'
import { officeOrOwnCustomer } from '../access/billingAccess'
import { invoicePdfEndpoint } from '../endpoints/invoicePdf'
import { payInvoiceEndpoint } from '../endpoints/payInvoice'
import { voidInvoiceEndpoint } from '../endpoints/voidInvoice'
import { computeInvoiceTotalsHook } from '../hooks/computeInvoiceTotals'
import { prerenderInvoicePdfHook } from '../hooks/invoicePdfPrerender'

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * Invoices (tagihan). Monthly ones come from the invoice run, one per customer and billing period
 * (unique index); finance can also issue one by hand. Amounts paid and the status are kept by the
 * payment operations only.
 */
export const Invoices: CollectionConfig = {
  slug: 'invoices',
  labels: { singular: { en: 'Invoice', id: 'Tagihan' }, plural: { en: 'Invoices', id: 'Tagihan' } },
  admin: {
    useAsTitle: 'number',
    defaultColumns: ['number', 'customer', 'period', 'total', 'balanceDue', 'dueDate', 'status'],
    listSearchableFields: ['number'],
    group: { en: 'Billing', id: 'Tagihan' },
    components: { edit: { beforeDocumentControls: ['/src/plugins/billing/components/InvoiceActions#InvoiceActions'] } },
  },
  defaultSort: '-issueDate',
  access: {
    read: officeOrOwnCustomer,
    create: staffWithRole('finance'),
    update: staffWithRole('finance'),
    delete: nobody,
  },
  indexes: [{ fields: ['customer', 'period'], unique: true }],
  endpoints: [invoicePdfEndpoint, payInvoiceEndpoint, voidInvoiceEndpoint],
  hooks: {
    beforeValidate: [assignHumanNumber('INV')],
    beforeChange: [computeInvoiceTotalsHook],
    afterChange: [prerenderInvoicePdfHook],
  },
  fields: [
    humanNumberField({ en: 'Invoice number', id: 'Nomor tagihan' }),
    {
      type: 'row',
      fields: [
        {
          name: 'customer',
          type: 'relationship',
          relationTo: 'customers',
          required: true,
          index: true,
          label: { en: 'Customer', id: 'Pelanggan' },
          access: { update: nobodyField },
        },
        {
          name: 'period',
          type: 'text',
          index: true,
          maxLength: 7,
          label: { en: 'Billing period (YYYY-MM)', id: 'Periode (YYYY-MM)' },
          admin: { description: { en: 'Empty for one-off invoices', id: 'Kosong untuk tagihan sekali bayar' } },
          validate: (value: unknown) =>
            value === null ||
            value === undefined ||
            value === '' ||
            (typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value))
              ? true
              : 'Periode harus YYYY-MM / Period must be YYYY-MM',
          access: { update: nobodyField },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'issueDate',
          type: 'date',
          required: true,
          index: true,
          label: { en: 'Issued', id: 'Tanggal terbit' },
          admin: { date: { pickerAppearance: 'dayOnly' } },
        },
        {
          name: 'dueDate',
          type: 'date',
          required: true,
          index: true,
          label: { en: 'Due', id: 'Jatuh tempo' },
          admin: { date: { pickerAppearance: 'dayOnly' } },
        },
      ],
    },
    {
      name: 'lines',
      type: 'array',
      label: { en: 'Lines', id: 'Rincian' },
      minRows: 1,
      maxRows: 50,
      required: true,
      labels: { singular: { en: 'Line', id: 'Baris' }, plural: { en: 'Lines', id: 'Rincian' } },
      fields: [
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
                { value: 'package', label: { en: 'Package', id: 'Paket' } },
                { value: 'proration', label: { en: 'Proration', id: 'Prorata' } },
                { value: 'one_off', label: { en: 'One-off charge', id: 'Biaya sekali' } },
                { value: 'discount', label: { en: 'Discount', id: 'Diskon' } },
              ],
            },
            {
              name: 'quantity',
              type: 'number',
              required: true,
              defaultValue: 1,
              min: 1,
              max: 1000,
              label: { en: 'Qty', id: 'Jumlah' },
              validate: (v: unknown) => (Number.isInteger(v) ? true : 'Jumlah harus bilangan bulat'),
            },
            moneyField({
              name: 'unitPrice',
              label: { en: 'Unit price (Rp)', id: 'Harga satuan (Rp)' },
              required: true,
              min: -1_000_000_000,
            }),
            moneyField({
              name: 'amount',
              label: { en: 'Amount (Rp)', id: 'Jumlah (Rp)' },
              min: -100_000_000_000,
              access: systemOnly,
              admin: { readOnly: true },
            }),
          ],
        },
      ],
    },
    {
      type: 'collapsible',
      label: { en: 'Totals', id: 'Total' },
      fields: [
        {
          type: 'row',
          fields: [
            moneyField({
              name: 'subtotal',
              label: { en: 'Subtotal', id: 'Subtotal' },
              access: systemOnly,
              admin: { readOnly: true },
            }),
            moneyField({
              name: 'discountTotal',
              label: { en: 'Discounts', id: 'Diskon' },
              access: systemOnly,
              admin: { readOnly: true },
            }),
            moneyField({
              name: 'ppn',
              label: { en: 'VAT (PPN)', id: 'PPN' },
              access: systemOnly,
              admin: { readOnly: true },
            }),
            {
              name: 'ppnRate',
              type: 'number',
              label: { en: 'VAT rate %', id: 'Tarif PPN %' },
              access: systemOnly,
              admin: { readOnly: true },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            moneyField({
              name: 'total',
              label: { en: 'Total', id: 'Total' },
              access: systemOnly,
              admin: { readOnly: true },
            }),
            moneyField({
              name: 'creditApplied',
              label: { en: 'Credit applied', id: 'Saldo terpakai' },
              defaultValue: 0,
              access: systemOnly,
              admin: { readOnly: true },
            }),
            moneyField({
              name: 'amountPaid',
              label: { en: 'Paid', id: 'Dibayar' },
              defaultValue: 0,
              access: systemOnly,
              admin: { readOnly: true },
            }),
            moneyField({
              name: 'balanceDue',
              label: { en: 'Balance due', id: 'Sisa tagihan' },
              access: systemOnly,
              admin: { readOnly: true },
            }),
          ],
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'unpaid',
      index: true,
      label: { en: 'Status', id: 'Status' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true },
      options: [
        { value: 'unpaid', label: { en: 'Unpaid', id: 'Belum dibayar' } },
        { value: 'partially_paid', label: { en: 'Partially paid', id: 'Dibayar sebagian' } },
        { value: 'paid', label: { en: 'Paid', id: 'Lunas' } },
        { value: 'void', label: { en: 'Void', id: 'Dibatalkan' } },
      ],
    },
    {
      name: 'paidAt',
      type: 'date',
      label: { en: 'Paid at', id: 'Lunas pada' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'voidReason',
      type: 'text',
      maxLength: 300,
      label: { en: 'Void reason', id: 'Alasan pembatalan' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'voidedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Voided by', id: 'Dibatalkan oleh' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'payments',
      type: 'join',
      collection: 'payments',
      on: 'invoices',
      label: { en: 'Payments', id: 'Pembayaran' },
      admin: { defaultColumns: ['number', 'amount', 'method', 'status', 'paymentDate'] },
    },
  ],
}
