import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { staffWithRole } from '../access/staffWithRole'

/**
 * Alerts to staff (failed backups and other trouble), one row per alert key: the unique key makes
 * an alert go out once, however often the failure repeats or the job retries.
 */
export const StaffAlerts: CollectionConfig = {
  slug: 'staff-alerts',
  labels: {
    singular: { en: 'Staff alert', id: 'Peringatan staf' },
    plural: { en: 'Staff alerts', id: 'Peringatan staf' },
  },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'recipients', 'sentAt', 'createdAt'],
    group: { en: 'System', id: 'Sistem' },
  },
  defaultSort: '-createdAt',
  access: { read: staffWithRole(), create: nobody, update: nobody, delete: staffWithRole() },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true, maxLength: 200 },
    { name: 'subject', type: 'text', required: true, maxLength: 300, label: { en: 'Subject', id: 'Judul' } },
    { name: 'message', type: 'textarea', required: true, maxLength: 10_000, label: { en: 'Message', id: 'Pesan' } },
    { name: 'recipients', type: 'text', maxLength: 2000, label: { en: 'Sent to', id: 'Dikirim ke' } },
    {
      name: 'sentAt',
      type: 'date',
      label: { en: 'Sent at', id: 'Terkirim' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
