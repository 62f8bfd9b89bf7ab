import type { TextField } from 'payload'

import { normalizeIndonesianMobile } from '../lib/phone'

/**
 * An Indonesian mobile number, typed any common way (`0812…`, `+62 812…`, `62812…`) and stored as
 * `62812…`, the form WhatsApp uses.
 */
export const phoneField = (overrides: Partial<Omit<TextField, 'hasMany' | 'type'>> = {}): TextField =>
  ({
    name: 'phone',
    type: 'text',
    label: { en: 'Phone (WhatsApp)', id: 'No. HP (WhatsApp)' },
    required: true,
    maxLength: 32,
    index: true,
    admin: {
      description: {
        en: 'Typed as 08…, +628… or 628…; stored as 628…',
        id: 'Ketik 08…, +628… atau 628…; disimpan sebagai 628…',
      },
    },
    hooks: {
      beforeValidate: [
        ({ value }) => {
          if (typeof value !== 'string') return value
          return normalizeIndonesianMobile(value) ?? value
        },
      ],
    },
    validate: (value: unknown, { required }: { required?: boolean }) => {
      if (value === undefined || value === null || value === '')
        return required ? 'Nomor HP wajib diisi / Phone is required' : true
      if (typeof value !== 'string' || !/^628\d{7,11}$/.test(value)) {
        return 'Nomor HP tidak valid: gunakan nomor seluler Indonesia, mis. 0812-3456-7890 / Invalid phone: use an Indonesian mobile number'
      }
      return true
    },
    ...overrides,
  }) as TextField
