import type { Access, CollectionConfig } from 'payload'

import { nobody, nobodyField } from '../../../access/nobody'
import { hasRole, isCustomer } from '../../../access/roles'
import { humanNumberField } from '../../../fields/humanNumber'
import { moneyField } from '../../../fields/money'
import { assignHumanNumber } from '../../../hooks/assignHumanNumber'
import { financeOrServiceField, officeOrOwnCustomer } from '../access/billingAccess'
import { exportPaymentsEndpoint } from '../endpoints/exportPayments'
import { receiptPdfEndpoint } from '../endpoints/receiptPdf'
import { recordPaymentEndpoint } from '../endpoints/recordPayment'
import { rejectPaymentEndpoint, verifyPaymentEndpoint } from '../endpoints/verifyPayment'
import { guardPaymentChangesHook, preparePaymentHook, settlePaymentHook } from '../hooks/paymentLifecycle'

/** Staff record payments; a customer may submit their own transfer proof (it stays pending). */
const createPayments: Access = ({ req: { user } }) =>
  hasRole(user, 'finance', 'customer_service') || (!!user && isCustomer(user))

const systemOnly = { create: nobodyField, update: nobodyField }

/**
 * Payments (pembayaran). Only verified payments count: verifying one allocates it to the invoices
 * it settles (oldest first), turns any excess into credit, and restores a suspended customer who
 * has paid everything due. A payment is never deleted; a wrong one is rejected with a reason.
 */
export const Payments: CollectionConfig = {
  slug: 'payments',
  labels: { singular: { en: 'Payment', id: 'Pembayaran' }, plural: { en: 'Payments', id: 'Pembayaran' } },
  admin: {
    useAsTitle: 'number',
    defaultColumns: ['number', 'customer', 'amount', 'method', 'paymentDate', 'status', 'processedBy'],
    listSearchableFields: ['number', 'reference'],
    group: { en: 'Billing', id: 'Tagihan' },
    components: { edit: { beforeDocumentControls: ['/src/plugins/billing/components/PaymentActions#PaymentActions'] } },
  },
  defaultSort: '-createdAt',
  access: {
    read: officeOrOwnCustomer,
    create: createPayments,
    update: ({ req: { user } }) => hasRole(user, 'finance'),
    delete: nobody,
  },
  endpoints: [
    recordPaymentEndpoint,
    verifyPaymentEndpoint,
    rejectPaymentEndpoint,
    receiptPdfEndpoint,
    exportPaymentsEndpoint,
  ],
  hooks: {
    beforeValidate: [assignHumanNumber('PAY'), preparePaymentHook],
    beforeChange: [guardPaymentChangesHook],
    afterChange: [settlePaymentHook],
  },
  fields: [
    humanNumberField({ en: 'Payment number', id: 'Nomor pembayaran' }),
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
      name: 'invoices',
      type: 'relationship',
      relationTo: 'invoices',
      hasMany: true,
      maxRows: 24,
      label: { en: 'Invoices it settles', id: 'Tagihan yang dibayar' },
      admin: {
        description: { en: 'Empty: the oldest unpaid invoices first', id: 'Kosong: tagihan tertua lebih dulu' },
      },
      access: { update: financeOrServiceField },
    },
    {
      type: 'row',
      fields: [
        moneyField({
          name: 'amount',
          label: { en: 'Amount (Rp)', id: 'Jumlah (Rp)' },
          required: true,
          min: 1,
          access: { update: nobodyField },
        }),
        {
          name: 'method',
          type: 'select',
          required: true,
          defaultValue: 'bank_transfer',
          index: true,
          label: { en: 'Method', id: 'Metode' },
          access: { update: nobodyField },
          options: [
            { value: 'cash', label: { en: 'Cash', id: 'Tunai' } },
            { value: 'bank_transfer', label: { en: 'Bank transfer', id: 'Transfer bank' } },
            { value: 'qris', label: 'QRIS' },
            { value: 'gopay', label: 'GoPay' },
            { value: 'gateway', label: { en: 'Payment gateway', id: 'Payment gateway' } },
          ],
        },
        { name: 'reference', type: 'text', maxLength: 100, label: { en: 'Reference number', id: 'Nomor referensi' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'period',
          type: 'text',
          maxLength: 7,
          label: { en: 'Billing period', id: 'Periode tagihan' },
          access: systemOnly,
          admin: { readOnly: true },
        },
        {
          name: 'paymentDate',
          type: 'date',
          required: true,
          index: true,
          label: { en: 'Payment date', id: 'Tanggal bayar' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'dueDate',
          type: 'date',
          label: { en: 'Due date', id: 'Jatuh tempo' },
          access: systemOnly,
          admin: { readOnly: true, date: { pickerAppearance: 'dayOnly' } },
        },
      ],
    },
    { name: 'proof', type: 'upload', relationTo: 'media', label: { en: 'Proof of transfer', id: 'Bukti transfer' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { en: 'Status', id: 'Status' },
      // Moves only through the verify/reject operations (and staff recording cash they took).
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true },
      options: [
        { value: 'pending', label: { en: 'Awaiting verification', id: 'Menunggu verifikasi' } },
        { value: 'verified', label: { en: 'Verified', id: 'Terverifikasi' } },
        { value: 'rejected', label: { en: 'Rejected', id: 'Ditolak' } },
      ],
    },
    {
      name: 'rejectionReason',
      type: 'text',
      maxLength: 300,
      label: { en: 'Rejection reason', id: 'Alasan penolakan' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'processedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Processed by', id: 'Diproses oleh' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'verifiedAt',
      type: 'date',
      label: { en: 'Verified at', id: 'Diverifikasi pada' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'source',
      type: 'select',
      defaultValue: 'admin',
      label: { en: 'Recorded from', id: 'Dicatat dari' },
      access: systemOnly,
      admin: { position: 'sidebar', readOnly: true },
      options: [
        { value: 'admin', label: { en: 'Admin panel', id: 'Panel admin' } },
        { value: 'portal', label: { en: 'Customer portal', id: 'Portal pelanggan' } },
        { value: 'whatsapp', label: 'WhatsApp' },
        { value: 'gateway', label: { en: 'Payment gateway', id: 'Payment gateway' } },
      ],
    },
    { name: 'notes', type: 'textarea', maxLength: 1000, label: { en: 'Notes', id: 'Catatan' } },
    {
      name: 'idempotencyKey',
      type: 'text',
      unique: true,
      maxLength: 120,
      label: { en: 'Idempotency key', id: 'Kunci idempotensi' },
      // Set only by server code: gateway settlements (`gateway:<provider>:<order id>`), WhatsApp
      // proofs (`whatsapp:<media id>`) and record-payment, which scopes a client's key to the
      // account (`customers:<id>:<key>`). A key sent in a create body would let one customer
      // occupy the key of someone else's settlement and make it fail.
      access: systemOnly,
      admin: { hidden: true },
    },
    {
      name: 'allocations',
      type: 'array',
      label: { en: 'Applied to', id: 'Dialokasikan ke' },
      access: systemOnly,
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'invoice', type: 'relationship', relationTo: 'invoices', required: true },
            moneyField({ name: 'amount', label: { en: 'Amount', id: 'Jumlah' }, required: true }),
          ],
        },
      ],
    },
    moneyField({
      name: 'creditAdded',
      label: { en: 'Excess kept as credit', id: 'Kelebihan menjadi saldo' },
      defaultValue: 0,
      access: systemOnly,
      admin: { readOnly: true, position: 'sidebar' },
    }),
  ],
}
