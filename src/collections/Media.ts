import path from 'node:path'
import type { Access, AccessResult, CollectionConfig } from 'payload'

import { nobodyField } from '../access/nobody'
import { hasRole, isCustomer, isStaff } from '../access/roles'
import { technicianCustomerIds } from '../access/technicianCustomers'
import { staffWithRole } from '../access/staffWithRole'

/** Image and PDF types we accept; Payload checks the bytes against this list, not the file name. */
export const ACCEPTED_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf']

/**
 * Uploads follow their customer's visibility (a customer's upload can be a transfer receipt or a
 * photo of their home): office staff read all; a technician staff uploads and those of the
 * customers of their tickets; a content editor staff uploads only; a customer their own.
 */
const readMedia: Access = async ({ req }): Promise<AccessResult> => {
  const { user } = req
  if (hasRole(user, 'finance', 'customer_service')) return true
  if (hasRole(user, 'technician'))
    return { or: [{ owner: { exists: false } }, { owner: { in: await technicianCustomerIds(req) } }] }
  if (hasRole(user, 'content_editor')) return { owner: { exists: false } }
  if (user && isCustomer(user)) return { owner: { equals: user.id } }
  return false
}

/**
 * Uploaded files: transfer proofs, field photos, documents. Staff see everything; a customer sees
 * only what they uploaded. Files are served through Payload's access-checked file route.
 */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { en: 'File', id: 'Berkas' }, plural: { en: 'Files', id: 'Berkas' } },
  admin: { group: { en: 'Settings', id: 'Pengaturan' }, defaultColumns: ['filename', 'alt', 'owner', 'createdAt'] },
  access: {
    read: readMedia,
    create: ({ req: { user } }) => isStaff(user) || isCustomer(user),
    update: staffWithRole('customer_service', 'content_editor'),
    delete: staffWithRole('customer_service'),
  },
  upload: {
    staticDir: path.resolve(process.env.MEDIA_DIR ?? 'media'),
    mimeTypes: ACCEPTED_UPLOAD_TYPES,
    imageSizes: [{ name: 'thumbnail', width: 400, height: 400, fit: 'inside', withoutEnlargement: true }],
    adminThumbnail: 'thumbnail',
  },
  hooks: {
    beforeChange: [
      ({ data, operation, req: { user } }) => {
        // Ownership comes from who uploads, never from a request body. Only system code, writing with
        // no person behind it (a transfer proof that came over WhatsApp), names the owner itself.
        if (operation === 'create') {
          data.owner = user ? (isCustomer(user) ? user.id : null) : (data.owner ?? null)
          data.uploadedBy = user && isStaff(user) ? user.id : null
        }
        return data
      },
    ],
  },
  fields: [
    { name: 'alt', type: 'text', maxLength: 300, label: { en: 'Description', id: 'Keterangan' } },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: 'customers',
      index: true,
      label: { en: 'Uploaded by customer', id: 'Diunggah pelanggan' },
      access: { create: nobodyField, update: nobodyField },
      admin: { readOnly: true },
    },
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Uploaded by staff', id: 'Diunggah staf' },
      access: { create: nobodyField, update: nobodyField },
      admin: { readOnly: true },
    },
  ],
}
