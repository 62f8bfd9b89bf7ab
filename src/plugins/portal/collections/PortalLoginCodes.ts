import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'

/**
 * One-time codes sent over WhatsApp for portal sign-in and password reset. Only the portal's own
 * operations read and write this table (people have no access at all); the code itself is never
 * stored, only its HMAC.
 */
export const PortalLoginCodes: CollectionConfig = {
  slug: 'portal-login-codes',
  labels: {
    singular: { en: 'Portal sign-in code', id: 'Kode masuk portal' },
    plural: { en: 'Portal sign-in codes', id: 'Kode masuk portal' },
  },
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'phone', type: 'text', required: true, index: true, maxLength: 20 },
    {
      name: 'purpose',
      type: 'select',
      required: true,
      options: [
        { value: 'login', label: { en: 'Sign in', id: 'Masuk' } },
        { value: 'reset', label: { en: 'Password reset', id: 'Atur ulang kata sandi' } },
      ],
    },
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true },
    { name: 'codeHash', type: 'text', required: true, maxLength: 128 },
    { name: 'expiresAt', type: 'date', required: true },
    { name: 'attempts', type: 'number', required: true, defaultValue: 0 },
    { name: 'usedAt', type: 'date' },
  ],
}
