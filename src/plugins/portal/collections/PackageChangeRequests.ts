import type { CollectionConfig, Where } from 'payload'

import { anyStaffField } from '../../../access/anyStaff'
import { nobodyField } from '../../../access/nobody'
import { hasRole, isCustomer } from '../../../access/roles'
import { staffWithRole, staffWithRoleField } from '../../../access/staffWithRole'
import { moneyField } from '../../../fields/money'
import { officeOrOwnCustomer } from '../../billing/access/billingAccess'
import { packageChangeHooks } from '../hooks/packageChangeRequests'
import { PACKAGE_CHANGE_STATUS_LABELS, PACKAGE_CHANGE_STATUSES, REASON_MAX } from '../model'

const decisionField = {
  create: nobodyField,
  update: staffWithRoleField('customer_service', 'finance'),
}
const systemField = { create: nobodyField, update: nobodyField }

/**
 * A customer's request to move to another package, made from the portal after seeing the prorated
 * quote. Customer service or finance approve it (the package changes and the difference goes onto
 * the next invoice) or reject it with a reason; either way the customer is told on WhatsApp.
 * At most one request per customer waits at a time (a partial unique index on pending rows).
 */
export const PackageChangeRequests: CollectionConfig = {
  slug: 'package-change-requests',
  labels: {
    singular: { en: 'Package change request', id: 'Permintaan ganti paket' },
    plural: { en: 'Package change requests', id: 'Permintaan ganti paket' },
  },
  admin: {
    defaultColumns: ['customer', 'fromPackage', 'toPackage', 'quotedAmount', 'status', 'createdAt'],
    group: { en: 'Customers', id: 'Pelanggan' },
    description: {
      en: 'Requests waiting for a decision. Filter on status to see decided ones.',
      id: 'Permintaan yang menunggu keputusan. Saring menurut status untuk melihat yang sudah diputuskan.',
    },
    // The queue: pending requests, unless staff filter the list themselves (e.g. on status).
    baseFilter: ({ req }): Where | null => {
      const params = req.searchParams
      const filtered = params ? [...params.keys()].some((k) => k.startsWith('where')) : false
      return filtered ? null : { status: { equals: 'pending' } }
    },
  },
  defaultSort: 'createdAt',
  access: {
    read: officeOrOwnCustomer,
    create: ({ req: { user } }) => isCustomer(user) || hasRole(user, 'customer_service', 'finance'),
    // Only a pending request is decided, once; a decided one stays as it was.
    update: ({ req: { user } }) =>
      hasRole(user, 'customer_service', 'finance') ? { status: { equals: 'pending' } } : false,
    delete: staffWithRole(),
  },
  hooks: packageChangeHooks,
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
      type: 'row',
      fields: [
        {
          name: 'fromPackage',
          type: 'relationship',
          relationTo: 'packages',
          label: { en: 'Current package', id: 'Paket sekarang' },
          access: systemField,
          admin: { readOnly: true },
        },
        {
          name: 'toPackage',
          type: 'relationship',
          relationTo: 'packages',
          required: true,
          label: { en: 'New package', id: 'Paket baru' },
          access: { update: nobodyField },
        },
      ],
    },
    moneyField({
      name: 'quotedAmount',
      label: { en: 'Quoted difference this month (Rp)', id: 'Selisih bulan ini saat diajukan (Rp)' },
      min: -1_000_000_000,
      access: systemField,
      admin: { readOnly: true },
    }),
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { en: 'Status', id: 'Status' },
      access: decisionField,
      options: PACKAGE_CHANGE_STATUSES.map((value) => ({ value, label: PACKAGE_CHANGE_STATUS_LABELS[value] })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'decisionReason',
      type: 'textarea',
      maxLength: REASON_MAX,
      label: { en: 'Reason (required to reject)', id: 'Alasan (wajib bila ditolak)' },
      access: decisionField,
      admin: { position: 'sidebar' },
    },
    {
      name: 'decidedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Decided by', id: 'Diputuskan oleh' },
      access: { ...systemField, read: anyStaffField },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'decidedAt',
      type: 'date',
      label: { en: 'Decided at', id: 'Diputuskan pada' },
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'adjustment',
      type: 'relationship',
      relationTo: 'billing-adjustments',
      label: { en: 'Proration charge', id: 'Biaya prorata' },
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
  ],
}
