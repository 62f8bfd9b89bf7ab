import type { CollectionConfig, FieldHook, TextFieldSingleValidation } from 'payload'
import { text } from 'payload/shared'

import { anyStaff } from '../../../access/anyStaff'
import { staffWithRole } from '../../../access/staffWithRole'
import {
  missingVariables,
  providerBody,
  renderTemplate,
  templateVariables,
  type TemplateVariables,
} from '../operations/renderTemplate'

type TemplateDoc = {
  body?: string
  buttons?: { payload?: string | null; urlSuffix?: string | null }[] | null
  sampleData?: unknown
}

const sampleOf = (doc: TemplateDoc): TemplateVariables =>
  doc.sampleData && typeof doc.sampleData === 'object' && !Array.isArray(doc.sampleData)
    ? (doc.sampleData as TemplateVariables)
    : {}

/** The message as a customer would read it, filled with the sample data (or a note of what is missing). */
const previewOf: FieldHook = ({ data }) => {
  const doc = (data ?? {}) as TemplateDoc
  if (!doc.body) return ''
  const missing = missingVariables(doc.body, sampleOf(doc))
  return missing.length ? `Contoh data belum lengkap: ${missing.join(', ')}` : renderTemplate(doc.body, sampleOf(doc))
}

/**
 * WhatsApp message templates, kept by content editors. The body uses named variables (`{{nama}}`);
 * the provider's approved copy uses `{{1}}`, `{{2}}`… in order of first appearance (shown read-only
 * below the body). Sending refuses a message whose variables are not all filled in.
 */
export const MessageTemplates: CollectionConfig = {
  slug: 'message-templates',
  labels: {
    singular: { en: 'Message template', id: 'Template pesan' },
    plural: { en: 'Message templates', id: 'Template pesan' },
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'key', 'language', 'category', 'approvalStatus', 'updatedAt'],
    group: { en: 'Notifications', id: 'Notifikasi' },
  },
  access: {
    read: anyStaff,
    create: staffWithRole('content_editor'),
    update: staffWithRole('content_editor'),
    delete: staffWithRole('content_editor'),
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'name', type: 'text', required: true, maxLength: 120, label: { en: 'Name', id: 'Nama' } },
        {
          name: 'key',
          type: 'text',
          required: true,
          unique: true,
          index: true,
          maxLength: 64,
          label: { en: 'Key', id: 'Kunci' },
          admin: {
            description: {
              en: 'The trigger that uses it by default, e.g. welcome',
              id: 'Pemicu yang memakainya, mis. welcome',
            },
          },
          validate: ((value, args) =>
            typeof value === 'string' && !/^[a-z0-9_]+$/.test(value)
              ? 'Kunci hanya huruf kecil, angka dan _ / Key: lower-case letters, digits and _'
              : text(value, args)) as TextFieldSingleValidation,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'language',
          type: 'select',
          required: true,
          defaultValue: 'id',
          label: { en: 'Language', id: 'Bahasa' },
          options: [
            { value: 'id', label: { en: 'Indonesian', id: 'Bahasa Indonesia' } },
            { value: 'en', label: { en: 'English', id: 'Bahasa Inggris' } },
          ],
        },
        {
          name: 'category',
          type: 'select',
          required: true,
          defaultValue: 'UTILITY',
          label: { en: 'Category', id: 'Kategori' },
          options: [
            { value: 'UTILITY', label: { en: 'Utility (bills, service)', id: 'Utilitas (tagihan, layanan)' } },
            { value: 'MARKETING', label: { en: 'Marketing', id: 'Pemasaran' } },
            {
              value: 'AUTHENTICATION',
              label: { en: 'Authentication (one-time codes)', id: 'Autentikasi (kode sekali pakai)' },
            },
          ],
        },
      ],
    },
    {
      name: 'body',
      type: 'textarea',
      required: true,
      maxLength: 1024,
      label: { en: 'Body', id: 'Isi pesan' },
      admin: {
        description: {
          en: 'Variables in double braces: {{nama}}, {{nomor_tiket}}',
          id: 'Variabel dalam kurung kurawal ganda: {{nama}}, {{nomor_tiket}}',
        },
      },
    },
    {
      name: 'buttons',
      type: 'array',
      maxRows: 3,
      label: { en: 'Buttons', id: 'Tombol' },
      labels: { singular: { en: 'Button', id: 'Tombol' }, plural: { en: 'Buttons', id: 'Tombol' } },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'kind',
              type: 'select',
              required: true,
              defaultValue: 'quick_reply',
              label: { en: 'Kind', id: 'Jenis' },
              options: [
                { value: 'quick_reply', label: { en: 'Quick reply', id: 'Balas cepat' } },
                { value: 'url', label: { en: 'Link', id: 'Tautan' } },
              ],
            },
            { name: 'text', type: 'text', required: true, maxLength: 25, label: { en: 'Label', id: 'Label' } },
          ],
        },
        {
          name: 'payload',
          type: 'text',
          maxLength: 128,
          label: { en: 'Reply payload', id: 'Payload balasan' },
          admin: {
            condition: (_, sibling) => sibling?.kind === 'quick_reply',
            description: {
              en: 'Comes back when tapped, e.g. REPORT_PROBLEM',
              id: 'Dikirim balik saat diketuk, mis. REPORT_PROBLEM',
            },
          },
        },
        {
          name: 'urlSuffix',
          type: 'text',
          maxLength: 200,
          label: { en: 'Link suffix', id: 'Akhiran tautan' },
          admin: {
            condition: (_, sibling) => sibling?.kind === 'url',
            description: {
              en: 'The dynamic part of the approved link, e.g. {{nomor_tagihan}}',
              id: 'Bagian dinamis tautan yang disetujui, mis. {{nomor_tagihan}}',
            },
          },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'providerTemplateName',
          type: 'text',
          maxLength: 512,
          label: { en: 'Template name at WhatsApp', id: 'Nama template di WhatsApp' },
        },
        {
          name: 'approvalStatus',
          type: 'select',
          required: true,
          defaultValue: 'draft',
          label: { en: 'Approval', id: 'Persetujuan' },
          options: [
            { value: 'draft', label: { en: 'Draft', id: 'Draf' } },
            { value: 'pending', label: { en: 'Submitted', id: 'Diajukan' } },
            { value: 'approved', label: { en: 'Approved', id: 'Disetujui' } },
            { value: 'rejected', label: { en: 'Rejected', id: 'Ditolak' } },
          ],
        },
      ],
    },
    {
      name: 'emailSubject',
      type: 'text',
      maxLength: 200,
      label: { en: 'Email subject (fallback)', id: 'Judul email (cadangan)' },
    },
    {
      name: 'sampleData',
      type: 'json',
      label: { en: 'Sample data', id: 'Contoh data' },
      admin: {
        description: { en: 'For the preview, e.g. {"nama": "Budi"}', id: 'Untuk pratinjau, mis. {"nama": "Budi"}' },
      },
    },
    {
      name: 'preview',
      type: 'textarea',
      virtual: true,
      label: { en: 'Preview', id: 'Pratinjau' },
      admin: { readOnly: true },
      hooks: { afterRead: [previewOf] },
    },
    {
      name: 'providerBody',
      type: 'textarea',
      virtual: true,
      label: { en: 'Text to submit to WhatsApp', id: 'Teks untuk diajukan ke WhatsApp' },
      admin: { readOnly: true },
      hooks: { afterRead: [({ data }) => (data?.body ? providerBody(String(data.body)) : '')] },
    },
    {
      name: 'variables',
      type: 'text',
      virtual: true,
      label: { en: 'Variables', id: 'Variabel' },
      admin: { readOnly: true },
      hooks: {
        afterRead: [
          ({ data }) => {
            const doc = (data ?? {}) as TemplateDoc
            return templateVariables(doc.body, ...(doc.buttons ?? []).flatMap((b) => [b.payload, b.urlSuffix])).join(
              ', ',
            )
          },
        ],
      },
    },
  ],
}
