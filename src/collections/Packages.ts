import type { Access, CollectionConfig, NumberFieldSingleValidation } from 'payload'
import { number } from 'payload/shared'

import { isStaff } from '../access/roles'
import { staffWithRole, staffWithRoleField } from '../access/staffWithRole'

/** Staff see every package; customers and visitors only the ones on sale. */
const readPackages: Access = ({ req: { user } }) => (isStaff(user) ? true : { active: { equals: true } })

/** Bandwidth plans and their monthly price. */
export const Packages: CollectionConfig = {
  slug: 'packages',
  labels: { singular: { en: 'Package', id: 'Paket' }, plural: { en: 'Packages', id: 'Paket' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'downloadMbps', 'uploadMbps', 'monthlyPrice', 'active'],
    group: { en: 'Catalogue', id: 'Katalog' },
  },
  access: {
    read: readPackages,
    create: staffWithRole(),
    update: staffWithRole('finance'),
    delete: staffWithRole(),
  },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', id: 'Nama' }, required: true, unique: true, maxLength: 80 },
    {
      type: 'row',
      fields: [
        {
          name: 'downloadMbps',
          type: 'number',
          label: { en: 'Download (Mbps)', id: 'Unduh (Mbps)' },
          required: true,
          min: 1,
          max: 100000,
        },
        {
          name: 'uploadMbps',
          type: 'number',
          label: { en: 'Upload (Mbps)', id: 'Unggah (Mbps)' },
          required: true,
          min: 1,
          max: 100000,
        },
      ],
    },
    {
      name: 'monthlyPrice',
      type: 'number',
      label: { en: 'Monthly price (Rp)', id: 'Harga bulanan (Rp)' },
      required: true,
      min: 0,
      max: 1_000_000_000,
      // Rupiah has no decimals in practice; the price is a whole number.
      validate: ((value, args) =>
        value !== null && value !== undefined && !Number.isInteger(value)
          ? 'Harga harus bilangan bulat Rupiah / Price must be whole Rupiah'
          : number(value, args)) as NumberFieldSingleValidation,
      access: { create: staffWithRoleField('finance'), update: staffWithRoleField('finance') },
      admin: { step: 1000 },
    },
    { name: 'description', type: 'textarea', label: { en: 'Description', id: 'Deskripsi' }, maxLength: 1000 },
    { name: 'active', type: 'checkbox', label: { en: 'On sale', id: 'Dijual' }, defaultValue: true, index: true },
  ],
}
