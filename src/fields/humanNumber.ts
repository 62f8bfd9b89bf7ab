import type { TextField } from 'payload'

import { nobodyField } from '../access/nobody'

/** The read-only human number (`CUS20251010001`) a hook assigns on create. */
export const humanNumberField = (label: { en: string; id: string }): TextField => ({
  name: 'number',
  type: 'text',
  label,
  unique: true,
  index: true,
  maxLength: 32,
  access: { create: nobodyField, update: nobodyField },
  admin: {
    readOnly: true,
    position: 'sidebar',
    description: { en: 'Assigned automatically', id: 'Diberikan otomatis' },
  },
})
