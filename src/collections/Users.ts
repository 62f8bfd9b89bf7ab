import type { CollectionConfig, FieldAccess } from 'payload'

import { anyStaff } from '../access/anyStaff'
import { phoneField } from '../fields/phone'
import { hasRole, isStaff, type STAFF_ROLES } from '../access/roles'
import { staffWithRole, staffWithRoleField } from '../access/staffWithRole'

const adminOrSelf: FieldAccess = ({ req: { user }, id }) => hasRole(user) || (isStaff(user) && user?.id === id)

/** Staff accounts: admin, finance, customer service, technician, content editor. */
export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { en: 'Staff user', id: 'Staf' }, plural: { en: 'Staff users', id: 'Staf' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role'],
    group: { en: 'Settings', id: 'Pengaturan' },
  },
  auth: {
    depth: 0,
    tokenExpiration: 8 * 60 * 60,
    // No lock (anyone could lock staff out with wrong guesses): the sign-in throttle in
    // src/plugins/auth slows down whoever guesses instead.
    maxLoginAttempts: 0,
    useSessions: true,
  },
  access: {
    admin: ({ req: { user } }) => isStaff(user),
    // Staff see each other (to assign technicians); only admins manage accounts.
    read: anyStaff,
    create: staffWithRole(),
    update: ({ req: { user } }) => (hasRole(user) ? true : isStaff(user) ? { id: { equals: user!.id } } : false),
    delete: staffWithRole(),
    unlock: staffWithRole(),
  },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', id: 'Nama' }, required: true, maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      label: { en: 'Role', id: 'Peran' },
      required: true,
      defaultValue: 'customer_service',
      options: [
        { value: 'admin', label: { en: 'Administrator', id: 'Administrator' } },
        { value: 'finance', label: { en: 'Finance', id: 'Keuangan' } },
        { value: 'customer_service', label: { en: 'Customer service', id: 'Layanan pelanggan' } },
        { value: 'technician', label: { en: 'Technician', id: 'Teknisi' } },
        { value: 'content_editor', label: { en: 'Content editor', id: 'Editor konten' } },
      ] satisfies { value: (typeof STAFF_ROLES)[number]; label: unknown }[],
      access: { create: staffWithRoleField(), update: staffWithRoleField() },
      saveToJWT: true,
    },
    phoneField({ required: false, index: false, access: { update: adminOrSelf } }),
  ],
}
