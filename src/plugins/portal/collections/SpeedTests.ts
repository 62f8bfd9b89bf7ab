import type { Access, CollectionConfig, NumberFieldSingleValidation } from 'payload'

import { nobody, nobodyField } from '../../../access/nobody'
import { isCustomer, isStaff } from '../../../access/roles'
import { prepareSpeedTest } from '../operations/speedTest'

/** Staff read every result; a signed-in customer only their own. */
const readSpeedTests: Access = ({ req: { user } }) => {
  if (isStaff(user)) return true
  if (user && isCustomer(user)) return { customer: { equals: user.id } }
  return false
}
/** Only a signed-in customer saves a result, and always as their own (the hook sets the owner). */
const customerOnly: Access = ({ req: { user } }) => !!user && isCustomer(user)

const within =
  (max: number, what: string): NumberFieldSingleValidation =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max
      ? true
      : `${what} harus angka 0 sampai ${max}.`

/**
 * Speed tests a customer ran from the portal (latency, download, upload against this server), with
 * the package's promised speeds at the time, shown to customer service on the customer page.
 */
export const SpeedTests: CollectionConfig = {
  slug: 'speed-tests',
  labels: {
    singular: { en: 'Speed test', id: 'Tes kecepatan' },
    plural: { en: 'Speed tests', id: 'Tes kecepatan' },
  },
  admin: {
    group: { en: 'Customers', id: 'Pelanggan' },
    defaultColumns: ['customer', 'downloadMbps', 'promisedDownloadMbps', 'uploadMbps', 'latencyMs', 'createdAt'],
  },
  defaultSort: '-createdAt',
  access: { read: readSpeedTests, create: customerOnly, update: nobody, delete: nobody },
  hooks: { beforeChange: [prepareSpeedTest] },
  fields: [
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      required: true,
      index: true,
      label: { en: 'Customer', id: 'Pelanggan' },
      access: { create: nobodyField, update: nobodyField },
    },
    {
      name: 'latencyMs',
      type: 'number',
      required: true,
      label: { en: 'Latency (ms)', id: 'Latensi (ms)' },
      validate: within(60_000, 'Latensi'),
    },
    {
      name: 'downloadMbps',
      type: 'number',
      required: true,
      label: { en: 'Download (Mbps)', id: 'Unduh (Mbps)' },
      validate: within(10_000, 'Kecepatan unduh'),
    },
    {
      name: 'uploadMbps',
      type: 'number',
      required: true,
      label: { en: 'Upload (Mbps)', id: 'Unggah (Mbps)' },
      validate: within(10_000, 'Kecepatan unggah'),
    },
    {
      type: 'row',
      fields: [
        {
          name: 'promisedDownloadMbps',
          type: 'number',
          label: { en: 'Package download (Mbps)', id: 'Unduh paket (Mbps)' },
          access: { create: nobodyField, update: nobodyField },
        },
        {
          name: 'promisedUploadMbps',
          type: 'number',
          label: { en: 'Package upload (Mbps)', id: 'Unggah paket (Mbps)' },
          access: { create: nobodyField, update: nobodyField },
        },
      ],
    },
  ],
}
