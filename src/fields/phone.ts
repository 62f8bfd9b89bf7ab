import type { TextField } from 'payload'

import { languageOf } from '../lib/language'
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
    // The admin checks what is typed (form state) before the save hook normalises it, so the check
    // normalises too: `0812-3456-7890` passes here exactly when the save would store `62812…`.
    validate: (value: unknown, { required, req }: { required?: boolean; req?: Parameters<typeof languageOf>[0] }) => {
      const english = languageOf(req) === 'en'
      if (value === undefined || value === null || value === '')
        return required ? (english ? 'Phone is required' : 'Nomor HP wajib diisi') : true
      if (typeof value !== 'string' || normalizeIndonesianMobile(value) === null) {
        return english
          ? 'Invalid phone: use an Indonesian mobile number, e.g. 0812-3456-7890'
          : 'Nomor HP tidak valid: gunakan nomor seluler Indonesia, mis. 0812-3456-7890'
      }
      return true
    },
    ...overrides,
  }) as TextField
