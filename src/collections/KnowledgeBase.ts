import type { Access, CollectionConfig, TextFieldSingleValidation } from 'payload'
import { text } from 'payload/shared'

import { isStaff } from '../access/roles'
import { staffWithRole } from '../access/staffWithRole'

/** Staff see drafts too; everyone else (portal visitors, the WhatsApp bot) only published articles. */
const publishedOrStaff: Access = ({ req: { user } }) => (isStaff(user) ? true : { _status: { equals: 'published' } })

/** FAQ articles for the portal and WhatsApp auto-answers, kept by content editors. */
export const KnowledgeBase: CollectionConfig = {
  slug: 'knowledge-base',
  labels: {
    singular: { en: 'FAQ article', id: 'Artikel FAQ' },
    plural: { en: 'Knowledge base', id: 'Basis pengetahuan' },
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'category', '_status', 'updatedAt'],
    group: { en: 'Content', id: 'Konten' },
  },
  versions: { drafts: true, maxPerDoc: 20 },
  access: {
    read: publishedOrStaff,
    readVersions: staffWithRole('content_editor'),
    create: staffWithRole('content_editor'),
    update: staffWithRole('content_editor'),
    delete: staffWithRole('content_editor'),
  },
  fields: [
    {
      name: 'title',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { en: 'Question / title', id: 'Pertanyaan / judul' },
    },
    {
      name: 'slug',
      type: 'text',
      unique: true,
      index: true,
      maxLength: 120,
      label: { en: 'Slug', id: 'Slug' },
      admin: {
        position: 'sidebar',
        description: { en: 'Filled from the title when empty', id: 'Diisi dari judul bila kosong' },
      },
      hooks: {
        beforeValidate: [
          ({ value, siblingData }) =>
            value ||
            String(siblingData.title ?? '')
              .toLowerCase()
              .normalize('NFKD')
              .replace(/[^a-z0-9]+/g, '-')
              .replace(/^-+|-+$/g, '')
              .slice(0, 120) ||
            undefined,
        ],
      },
      validate: ((value, args) =>
        typeof value === 'string' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)
          ? 'Slug hanya huruf kecil, angka dan tanda hubung / Slug: lower-case letters, digits, hyphens'
          : text(value, args)) as TextFieldSingleValidation,
    },
    {
      name: 'category',
      type: 'select',
      required: true,
      defaultValue: 'general',
      label: { en: 'Category', id: 'Kategori' },
      options: [
        { value: 'billing', label: { en: 'Billing and payment', id: 'Tagihan dan pembayaran' } },
        { value: 'network', label: { en: 'Connection problems', id: 'Gangguan koneksi' } },
        { value: 'installation', label: { en: 'Installation', id: 'Pemasangan' } },
        { value: 'account', label: { en: 'Account and package', id: 'Akun dan paket' } },
        { value: 'general', label: { en: 'General', id: 'Umum' } },
      ],
      admin: { position: 'sidebar' },
    },
    {
      name: 'keywords',
      type: 'text',
      hasMany: true,
      maxRows: 30,
      maxLength: 60,
      label: { en: 'Keywords', id: 'Kata kunci' },
      admin: {
        description: {
          en: 'Words customers use when asking (for WhatsApp auto-answers)',
          id: 'Kata yang dipakai pelanggan saat bertanya (untuk jawaban otomatis WhatsApp)',
        },
      },
    },
    { name: 'body', type: 'richText', required: true, label: { en: 'Answer', id: 'Jawaban' } },
  ],
}
