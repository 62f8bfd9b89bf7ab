import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const

/**
 * One customer import from a spreadsheet: the checked rows it was started with, its progress
 * (rows done, created, skipped, refused) and the rows that did not go in, with reasons. Written by
 * the import endpoint and job only; admins and customer service read it.
 */
export const CustomerImports: CollectionConfig = {
  slug: 'customer-imports',
  labels: {
    singular: { en: 'Customer import', id: 'Impor pelanggan' },
    plural: { en: 'Customer imports', id: 'Impor pelanggan' },
  },
  admin: {
    useAsTitle: 'fileName',
    defaultColumns: ['fileName', 'status', 'total', 'created', 'skipped', 'failed', 'createdAt'],
    group: { en: 'Customers', id: 'Pelanggan' },
    // Started and followed from the import page (/admin/impor-pelanggan).
    hidden: true,
  },
  defaultSort: '-createdAt',
  access: {
    read: staffWithRole('customer_service'),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    { name: 'fileName', type: 'text', required: true, maxLength: 200, label: { en: 'File', id: 'Berkas' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      label: { en: 'Status', id: 'Status' },
      options: [
        { value: 'queued', label: { en: 'Queued', id: 'Menunggu' } },
        { value: 'running', label: { en: 'Running', id: 'Berjalan' } },
        { value: 'done', label: { en: 'Done', id: 'Selesai' } },
        { value: 'failed', label: { en: 'Failed', id: 'Gagal' } },
      ] satisfies { value: (typeof IMPORT_STATUSES)[number]; label: unknown }[],
    },
    { name: 'total', type: 'number', required: true, defaultValue: 0, label: { en: 'Rows', id: 'Baris' } },
    { name: 'processed', type: 'number', required: true, defaultValue: 0, label: { en: 'Done', id: 'Diproses' } },
    { name: 'created', type: 'number', required: true, defaultValue: 0, label: { en: 'Created', id: 'Dibuat' } },
    { name: 'skipped', type: 'number', required: true, defaultValue: 0, label: { en: 'Skipped', id: 'Dilewati' } },
    { name: 'failed', type: 'number', required: true, defaultValue: 0, label: { en: 'Refused', id: 'Ditolak' } },
    // The checked rows, as the dry run saw them; the job re-checks each against the database.
    { name: 'rows', type: 'json', admin: { hidden: true } },
    // Rows that did not go in: [{ row, values, reasons, action }].
    { name: 'problems', type: 'json', label: { en: 'Rows not imported', id: 'Baris tidak diimpor' } },
    { name: 'startedBy', type: 'relationship', relationTo: 'users', label: { en: 'Started by', id: 'Dimulai oleh' } },
  ],
}

/**
 * What makes importing a row happen once: each imported customer's phone (`phone:628…`) and the
 * customer number the file gave it (`number:…`), unique. A second run of the same file, or two at
 * once, finds the key taken and skips the row.
 */
export const CustomerImportKeys: CollectionConfig = {
  slug: 'customer-import-keys',
  labels: {
    singular: { en: 'Customer import key', id: 'Kunci impor pelanggan' },
    plural: { en: 'Customer import keys', id: 'Kunci impor pelanggan' },
  },
  admin: { useAsTitle: 'key', hidden: true, group: { en: 'System', id: 'Sistem' } },
  access: { read: staffWithRole(), create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true, maxLength: 120 },
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true },
    { name: 'customerImport', type: 'relationship', relationTo: 'customer-imports' },
  ],
}
