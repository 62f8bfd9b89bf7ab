import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'

/**
 * Counted sign-in, reset and code attempts per key (client address, account, both), written only by
 * `operations/throttle.ts` with single-statement upserts, so every replica shares the counts.
 */
export const AuthThrottles: CollectionConfig = {
  slug: 'auth-throttles',
  labels: {
    singular: { en: 'Sign-in throttle', id: 'Pembatas percobaan masuk' },
    plural: { en: 'Sign-in throttles', id: 'Pembatas percobaan masuk' },
  },
  admin: { hidden: true },
  graphQL: false,
  timestamps: false,
  access: { read: staffWithRole(), create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, maxLength: 400 },
    { name: 'account', type: 'text', index: true, maxLength: 340 },
    { name: 'failures', type: 'number', required: true, defaultValue: 0 },
    { name: 'lastFailureAt', type: 'date' },
    { name: 'waitUntil', type: 'date' },
    { name: 'expiresAt', type: 'date', required: true, index: true },
  ],
}
