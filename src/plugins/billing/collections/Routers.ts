import type { CollectionConfig } from 'payload'

import { staffWithRole, staffWithRoleField } from '../../../access/staffWithRole'
import { isSealed, seal, unseal } from '../../../lib/secretBox'

/** MikroTik routers (RouterOS v7 REST) that enforce isolir for the customers attached to them. */
export const Routers: CollectionConfig = {
  slug: 'routers',
  labels: { singular: { en: 'Router', id: 'Router' }, plural: { en: 'Routers', id: 'Router' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'baseUrl', 'defaultMethod', 'isDefault'],
    group: { en: 'Network', id: 'Jaringan' },
  },
  access: {
    read: staffWithRole('customer_service', 'technician'),
    create: staffWithRole(),
    update: staffWithRole(),
    delete: staffWithRole(),
  },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 80, label: { en: 'Name', id: 'Nama' } },
    {
      name: 'baseUrl',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { en: 'REST address', id: 'Alamat REST' },
      admin: {
        description: {
          en: 'e.g. https://10.0.0.1 (RouterOS v7, www-ssl service)',
          id: 'mis. https://10.0.0.1 (RouterOS v7, layanan www-ssl)',
        },
      },
      validate: (value: unknown) =>
        typeof value === 'string' && /^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(value)
          ? true
          : 'Alamat harus http(s)://host[:port]',
    },
    {
      type: 'row',
      fields: [
        {
          name: 'username',
          type: 'text',
          required: true,
          maxLength: 60,
          label: { en: 'API user', id: 'Pengguna API' },
        },
        // Readable by admins only: the router's credentials never reach other staff or the portal.
        // Stored sealed (AES-256-GCM, src/lib/secretBox.ts); read back in plain by the enforcer.
        {
          name: 'password',
          type: 'text',
          required: true,
          maxLength: 120,
          label: { en: 'API password', id: 'Kata sandi API' },
          access: { read: staffWithRoleField() },
          admin: { components: {} },
          hooks: {
            beforeChange: [
              ({ value }) => (typeof value === 'string' && value && !isSealed(value) ? seal(value) : value),
            ],
            afterRead: [
              ({ value, req, originalDoc }) => {
                if (typeof value !== 'string' || !isSealed(value)) return value
                try {
                  return unseal(value)
                } catch {
                  req.payload.logger.error(
                    `router ${originalDoc?.id ?? ''}: its API password cannot be unsealed (PAYLOAD_SECRET changed?); enter it again`,
                  )
                  return null
                }
              },
            ],
          },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'defaultMethod',
          type: 'select',
          required: true,
          defaultValue: 'pppoe',
          label: { en: 'Isolir by', id: 'Isolir dengan' },
          options: [
            { value: 'pppoe', label: { en: 'PPPoE profile', id: 'Profil PPPoE' } },
            { value: 'address-list', label: { en: 'Firewall address list', id: 'Address list firewall' } },
          ],
        },
        {
          name: 'isolirProfile',
          type: 'text',
          defaultValue: 'isolir',
          maxLength: 60,
          label: { en: 'Isolir PPPoE profile', id: 'Profil PPPoE isolir' },
        },
        {
          name: 'addressList',
          type: 'text',
          defaultValue: 'isolir',
          maxLength: 60,
          label: { en: 'Isolir address list', id: 'Address list isolir' },
        },
      ],
    },
    {
      name: 'isDefault',
      type: 'checkbox',
      defaultValue: false,
      label: { en: 'Default router for customers without one', id: 'Router bawaan untuk pelanggan tanpa router' },
    },
    {
      name: 'rejectUnauthorized',
      type: 'checkbox',
      defaultValue: true,
      label: { en: 'Check the TLS certificate', id: 'Periksa sertifikat TLS' },
    },
  ],
}
