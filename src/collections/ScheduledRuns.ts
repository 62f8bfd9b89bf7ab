import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { staffWithRole } from '../access/staffWithRole'

/**
 * One row per schedule and time slot. Every worker's node-cron fires; the unique (schedule, slot)
 * index lets exactly one of them queue the job for that slot.
 */
export const ScheduledRuns: CollectionConfig = {
  slug: 'scheduled-runs',
  labels: {
    singular: { en: 'Scheduled run', id: 'Jadwal berjalan' },
    plural: { en: 'Scheduled runs', id: 'Jadwal berjalan' },
  },
  admin: {
    useAsTitle: 'schedule',
    defaultColumns: ['schedule', 'slot', 'createdAt'],
    group: { en: 'System', id: 'Sistem' },
  },
  access: { read: staffWithRole(), create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['schedule', 'slot'], unique: true }],
  fields: [
    { name: 'schedule', type: 'text', required: true, maxLength: 100 },
    { name: 'slot', type: 'date', required: true },
  ],
}
