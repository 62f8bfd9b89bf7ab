import type { CollectionConfig } from 'payload'

import { officeStaffOrOwner } from '../access/officeStaffOrOwner'
import { staffWithRole } from '../access/staffWithRole'
import { trackEquipmentMoves } from '../hooks/trackEquipmentMoves'
import { normalizeMac } from '../lib/mac'

/** ONTs, routers and other devices: where each one is and who holds it. */
export const Equipment: CollectionConfig = {
  slug: 'equipment',
  labels: { singular: { en: 'Equipment', id: 'Perangkat' }, plural: { en: 'Equipment', id: 'Perangkat' } },
  admin: {
    useAsTitle: 'serial',
    defaultColumns: ['serial', 'type', 'brand', 'model', 'status', 'holder'],
    listSearchableFields: ['serial', 'mac'],
    group: { en: 'Support', id: 'Layanan' },
  },
  access: {
    read: officeStaffOrOwner('holder', 'customer_service', 'finance', 'technician'),
    create: staffWithRole('customer_service', 'technician'),
    update: staffWithRole('customer_service', 'technician'),
    delete: staffWithRole(),
  },
  hooks: { afterChange: [trackEquipmentMoves] },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'type',
          type: 'select',
          required: true,
          label: { en: 'Type', id: 'Jenis' },
          options: [
            { value: 'ont', label: 'ONT' },
            { value: 'router', label: 'Router' },
            { value: 'switch', label: 'Switch' },
            { value: 'other', label: { en: 'Other', id: 'Lainnya' } },
          ],
        },
        { name: 'brand', type: 'text', maxLength: 60, label: { en: 'Brand', id: 'Merek' } },
        { name: 'model', type: 'text', maxLength: 60, label: { en: 'Model', id: 'Model' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'serial',
          type: 'text',
          required: true,
          unique: true,
          maxLength: 64,
          label: { en: 'Serial number', id: 'Nomor seri' },
          hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)] },
          validate: (value: unknown) =>
            typeof value === 'string' && /^[A-Z0-9][A-Z0-9\-_/.]{2,63}$/.test(value)
              ? true
              : 'Nomor seri tidak valid / Invalid serial number',
        },
        {
          name: 'mac',
          type: 'text',
          unique: true,
          maxLength: 17,
          label: { en: 'MAC address', id: 'Alamat MAC' },
          hooks: {
            beforeValidate: [
              ({ value }) => (typeof value === 'string' && value ? (normalizeMac(value) ?? value) : value || null),
            ],
          },
          validate: (value: unknown) =>
            value === null ||
            value === undefined ||
            (typeof value === 'string' && /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/.test(value))
              ? true
              : 'Alamat MAC tidak valid, mis. AA:BB:CC:DD:EE:FF / Invalid MAC address',
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'in_stock',
      index: true,
      label: { en: 'Status', id: 'Status' },
      options: [
        { value: 'in_stock', label: { en: 'In stock', id: 'Di gudang' } },
        { value: 'installed', label: { en: 'Installed', id: 'Terpasang' } },
        { value: 'returned', label: { en: 'Returned', id: 'Dikembalikan' } },
        { value: 'broken', label: { en: 'Broken', id: 'Rusak' } },
      ],
      admin: { position: 'sidebar' },
    },
    {
      name: 'holder',
      type: 'relationship',
      relationTo: 'customers',
      index: true,
      label: { en: 'Held by customer', id: 'Dipegang pelanggan' },
      admin: { position: 'sidebar' },
    },
    {
      name: 'replaces',
      type: 'relationship',
      relationTo: 'equipment',
      label: { en: 'Replaces (swap)', id: 'Menggantikan (tukar)' },
      admin: { position: 'sidebar' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'purchasedAt',
          type: 'date',
          label: { en: 'Purchased', id: 'Dibeli' },
          admin: { date: { pickerAppearance: 'dayOnly' } },
        },
        {
          name: 'installedAt',
          type: 'date',
          label: { en: 'Installed', id: 'Dipasang' },
          admin: { date: { pickerAppearance: 'dayOnly' } },
        },
        {
          name: 'returnedAt',
          type: 'date',
          label: { en: 'Returned', id: 'Dikembalikan' },
          admin: { date: { pickerAppearance: 'dayOnly' } },
        },
      ],
    },
    { name: 'notes', type: 'textarea', maxLength: 2000, label: { en: 'Notes', id: 'Catatan' } },
  ],
}
