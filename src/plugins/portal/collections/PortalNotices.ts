import type { Access, CollectionConfig, Where } from 'payload'

import { isCustomer, isStaff } from '../../../access/roles'
import { staffWithRole } from '../../../access/staffWithRole'

/**
 * Customers read the notices active now, for everyone or for their area; staff read them all.
 * The portal dashboard shows what this rule lets the signed-in customer read, nothing more.
 */
export const activeNoticesForCustomer: Access = ({ req: { user } }): boolean | Where => {
  if (isStaff(user)) return true
  if (!user || !isCustomer(user)) return false
  const now = new Date().toISOString()
  const area = (user as { area?: string | null }).area?.trim()
  return {
    and: [
      { activeFrom: { less_than_equal: now } },
      { or: [{ activeUntil: { exists: false } }, { activeUntil: { greater_than: now } }] },
      {
        or: [{ area: { exists: false } }, { area: { equals: '' } }, ...(area ? [{ area: { equals: area } }] : [])],
      },
    ],
  }
}

/** Notices staff publish on the portal dashboard: planned maintenance, holiday hours, new offers. */
export const PortalNotices: CollectionConfig = {
  slug: 'portal-notices',
  labels: {
    singular: { en: 'Portal notice', id: 'Pengumuman portal' },
    plural: { en: 'Portal notices', id: 'Pengumuman portal' },
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'area', 'activeFrom', 'activeUntil'],
    group: { en: 'Content', id: 'Konten' },
  },
  defaultSort: '-activeFrom',
  access: {
    read: activeNoticesForCustomer,
    create: staffWithRole('content_editor'),
    update: staffWithRole('content_editor'),
    delete: staffWithRole('content_editor'),
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 120, label: { en: 'Title', id: 'Judul' } },
    { name: 'body', type: 'textarea', required: true, maxLength: 1000, label: { en: 'Text', id: 'Isi' } },
    {
      type: 'row',
      fields: [
        {
          name: 'activeFrom',
          type: 'date',
          required: true,
          index: true,
          defaultValue: () => new Date().toISOString(),
          label: { en: 'Shown from', id: 'Tampil mulai' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'activeUntil',
          type: 'date',
          label: { en: 'Shown until (empty = no end)', id: 'Tampil sampai (kosong = tanpa batas)' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
          validate: (value: unknown, { siblingData }: { siblingData: { activeFrom?: string } }) =>
            !value || !siblingData.activeFrom || new Date(String(value)) > new Date(siblingData.activeFrom)
              ? true
              : 'Tanggal akhir harus setelah tanggal mulai / The end must be after the start',
        },
      ],
    },
    {
      name: 'area',
      type: 'text',
      maxLength: 80,
      label: { en: 'Only for area (empty = everyone)', id: 'Hanya untuk area (kosong = semua)' },
    },
  ],
}
