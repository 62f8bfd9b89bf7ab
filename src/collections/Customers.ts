import type { Access, CollectionConfig } from 'payload'

import { anyStaffField } from '../access/anyStaff'
import { nobodyField } from '../access/nobody'
import { hasRole, isCustomer } from '../access/roles'
import { staffWithRole, staffWithRoleField } from '../access/staffWithRole'
import { technicianCustomerIds } from '../access/technicianCustomers'
import { humanNumberField } from '../fields/humanNumber'
import { portalLoginEndpoint } from '../endpoints/portalLogin'
import { phoneField } from '../fields/phone'
import { assignHumanNumber } from '../hooks/assignHumanNumber'
import { customerPasswordNeedsProof } from '../hooks/customerPasswordNeedsProof'
import { keepCustomersWithHistory } from '../hooks/keepCustomersWithHistory'
import { skipJoinsWhenAuthenticating } from '../hooks/skipJoinsWhenAuthenticating'
import { trackCustomerLifecycle } from '../hooks/trackCustomerLifecycle'

export const CUSTOMER_STATUSES = ['prospect', 'active', 'suspended', 'terminated'] as const

/** Office staff see all customers; a technician the customers of their tickets; a customer themself. */
const readCustomers: Access = async ({ req }) => {
  const { user } = req
  if (hasRole(user, 'finance', 'customer_service')) return true
  if (hasRole(user, 'technician')) return { id: { in: await technicianCustomerIds(req) } }
  if (user && isCustomer(user)) return { id: { equals: user.id } }
  return false
}

const updateCustomers: Access = ({ req: { user } }) => {
  if (hasRole(user, 'customer_service')) return true
  if (user && isCustomer(user)) return { id: { equals: user.id } }
  return false
}

/** Fields only office staff may set; a customer updating their own record cannot touch them. */
const officeOnly = { create: staffWithRoleField('customer_service'), update: staffWithRoleField('customer_service') }

/**
 * Subscribers. Each customer is also a portal account: they log in with their customer number
 * (or, through /api/customers/portal-login, their phone number) and a password.
 */
export const Customers: CollectionConfig = {
  slug: 'customers',
  labels: { singular: { en: 'Customer', id: 'Pelanggan' }, plural: { en: 'Customers', id: 'Pelanggan' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['number', 'name', 'phone', 'area', 'package', 'status'],
    listSearchableFields: ['number', 'name', 'phone', 'email'],
    group: { en: 'Customers', id: 'Pelanggan' },
  },
  auth: {
    // The signed-in customer is reloaded on every request: keep that to the customer's own row.
    depth: 0,
    tokenExpiration: 7 * 24 * 60 * 60,
    // No lock: a lock is a button anyone can press to keep a customer out. Guessing is slowed by
    // the sign-in throttle instead (src/plugins/auth), which holds the guesser, not the account.
    maxLoginAttempts: 0,
    // requireUsername keeps Payload from demanding a username or email before our hook assigns the
    // number; the field itself is made optional below and always filled by that hook.
    loginWithUsername: { allowEmailLogin: true, requireEmail: false, requireUsername: true },
  },
  access: {
    admin: () => false,
    read: readCustomers,
    create: staffWithRole('customer_service'),
    update: updateCustomers,
    delete: staffWithRole(),
    unlock: staffWithRole('customer_service'),
  },
  endpoints: [portalLoginEndpoint],
  hooks: {
    beforeOperation: [skipJoinsWhenAuthenticating],
    beforeValidate: [
      assignHumanNumber('CUS'),
      customerPasswordNeedsProof,
      ({ data, operation }) => {
        // The login name is the customer number; it never changes.
        if (operation === 'create' && data) data.username = data.number
        return data
      },
    ],
    afterChange: [trackCustomerLifecycle],
    beforeDelete: [keepCustomersWithHistory],
  },
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: { en: 'Profile', id: 'Profil' },
          fields: [
            {
              name: 'name',
              type: 'text',
              label: { en: 'Name', id: 'Nama' },
              required: true,
              maxLength: 120,
              access: officeOnly,
            },
            phoneField({ access: officeOnly }),
            {
              name: 'address',
              type: 'textarea',
              label: { en: 'Installation address', id: 'Alamat pemasangan' },
              maxLength: 500,
              access: officeOnly,
            },
            {
              type: 'row',
              fields: [
                {
                  name: 'area',
                  type: 'text',
                  label: { en: 'Area', id: 'Wilayah' },
                  maxLength: 80,
                  index: true,
                  access: officeOnly,
                },
                { name: 'odp', type: 'text', label: { en: 'ODP', id: 'ODP' }, maxLength: 40, access: officeOnly },
              ],
            },
            {
              type: 'row',
              fields: [
                {
                  name: 'latitude',
                  type: 'number',
                  label: { en: 'Latitude', id: 'Lintang' },
                  min: -90,
                  max: 90,
                  access: officeOnly,
                },
                {
                  name: 'longitude',
                  type: 'number',
                  label: { en: 'Longitude', id: 'Bujur' },
                  min: -180,
                  max: 180,
                  access: officeOnly,
                },
              ],
            },
            {
              name: 'notes',
              type: 'textarea',
              label: { en: 'Notes', id: 'Catatan' },
              maxLength: 2000,
              access: { read: anyStaffField, ...officeOnly },
            },
          ],
        },
        {
          label: { en: 'Service', id: 'Layanan' },
          fields: [
            {
              name: 'package',
              type: 'relationship',
              relationTo: 'packages',
              label: { en: 'Package', id: 'Paket' },
              access: officeOnly,
            },
            {
              name: 'status',
              type: 'select',
              label: { en: 'Status', id: 'Status' },
              required: true,
              defaultValue: 'prospect',
              index: true,
              access: officeOnly,
              options: [
                { value: 'prospect', label: { en: 'Prospect', id: 'Calon pelanggan' } },
                { value: 'active', label: { en: 'Active', id: 'Aktif' } },
                { value: 'suspended', label: { en: 'Suspended (isolir)', id: 'Isolir' } },
                { value: 'terminated', label: { en: 'Terminated', id: 'Berhenti' } },
              ],
            },
            {
              name: 'activationDate',
              type: 'date',
              label: { en: 'Activation date', id: 'Tanggal aktivasi' },
              access: officeOnly,
              admin: { date: { pickerAppearance: 'dayOnly' } },
            },
            {
              name: 'billingDay',
              type: 'number',
              label: { en: 'Billing day', id: 'Tanggal tagihan' },
              min: 1,
              max: 28,
              defaultValue: 1,
              required: true,
              access: officeOnly,
              admin: {
                description: {
                  en: 'Day of the month (1–28) the monthly invoice is issued',
                  id: 'Tanggal (1–28) tagihan bulanan terbit',
                },
              },
            },
          ],
        },
        {
          label: { en: 'History', id: 'Riwayat' },
          fields: [
            {
              name: 'serviceHistory',
              type: 'join',
              collection: 'service-history',
              on: 'customer',
              label: { en: 'Service history', id: 'Riwayat layanan' },
              defaultSort: '-occurredAt',
              defaultLimit: 20,
              // History is written by the system only.
              admin: { allowCreate: false, defaultColumns: ['occurredAt', 'type', 'summary', 'actor'] },
            },
            {
              name: 'tickets',
              type: 'join',
              collection: 'tickets',
              on: 'customer',
              label: { en: 'Tickets', id: 'Tiket' },
              defaultSort: '-createdAt',
              defaultLimit: 20,
              admin: { defaultColumns: ['number', 'subject', 'type', 'status', 'assignedTechnician', 'createdAt'] },
            },
            {
              name: 'equipment',
              type: 'join',
              collection: 'equipment',
              on: 'holder',
              label: { en: 'Equipment', id: 'Perangkat' },
              defaultLimit: 20,
              admin: { defaultColumns: ['serial', 'type', 'brand', 'model', 'mac', 'status', 'installedAt'] },
            },
          ],
        },
      ],
    },
    humanNumberField({ en: 'Customer number', id: 'Nomor pelanggan' }),
    {
      name: 'username',
      type: 'text',
      required: false,
      admin: { hidden: true },
      access: { create: nobodyField, update: nobodyField },
    },
  ],
}
