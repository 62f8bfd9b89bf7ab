import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { staffWithRole } from '../access/staffWithRole'

/**
 * Per-prefix, per-WIB-day counters behind human numbers (`CUS20251010001`). Incremented inside the
 * creating transaction by `nextHumanNumber`; the unique (prefix, day) index makes it one row a day.
 */
export const NumberSequences: CollectionConfig = {
  slug: 'number-sequences',
  labels: {
    singular: { en: 'Number sequence', id: 'Urutan nomor' },
    plural: { en: 'Number sequences', id: 'Urutan nomor' },
  },
  admin: { hidden: true },
  access: { read: staffWithRole(), create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['prefix', 'day'], unique: true }],
  fields: [
    { name: 'prefix', type: 'text', required: true, maxLength: 8 },
    { name: 'day', type: 'text', required: true, maxLength: 8 },
    { name: 'lastValue', type: 'number', required: true },
  ],
}
