import type { Access, CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { hasRole, isCustomer } from '../../../access/roles'
import { technicianCustomerIds } from '../../../access/technicianCustomers'
import { messageEndpoints } from '../endpoints/messages'
import { secretMessagesUnsearchable, unlessSecretMessage } from '../secretMessages'
import { CHANNELS, MESSAGE_STATUSES } from '../types'

/**
 * Messages follow the customer's visibility (they quote bills and carry signed invoice links):
 * office staff (finance, customer service, admin) read every conversation, a technician those of
 * the customers behind their tickets, a content editor none, a signed-in customer only their own.
 */
const readMessages: Access = async ({ req }) => {
  const { user } = req
  if (hasRole(user, 'finance', 'customer_service')) return true
  if (hasRole(user, 'technician')) return { customer: { in: await technicianCustomerIds(req) } }
  if (user && isCustomer(user)) return { customer: { equals: user.id } }
  return false
}

const statusLabels = {
  queued: { en: 'Queued', id: 'Antre' },
  sent: { en: 'Sent', id: 'Terkirim' },
  delivered: { en: 'Delivered', id: 'Diterima' },
  read: { en: 'Read', id: 'Dibaca' },
  failed: { en: 'Failed', id: 'Gagal' },
  received: { en: 'Received (inbound)', id: 'Masuk' },
} as const
const channelLabels = {
  whatsapp: { en: 'WhatsApp (Cloud API)', id: 'WhatsApp (Cloud API)' },
  fonnte: { en: 'Fonnte (unofficial)', id: 'Fonnte (tidak resmi)' },
  email: { en: 'Email', id: 'Email' },
} as const

/**
 * The message log, in and out, written only by the system. `dedupeKey` (unique) makes one logical
 * message exist once, so it is never sent twice; `providerMessageId` (the wamid, unique) ties
 * delivery statuses back to it. Status only moves forward: queued → sent → delivered → read, or failed.
 */
export const Messages: CollectionConfig = {
  slug: 'messages',
  labels: { singular: { en: 'Message', id: 'Pesan' }, plural: { en: 'Messages', id: 'Log pesan' } },
  admin: {
    useAsTitle: 'to',
    defaultColumns: [
      'createdAt',
      'direction',
      'customer',
      'to',
      'channel',
      'trigger',
      'status',
      'errorCode',
      'errorReason',
      'needsAttention',
    ],
    listSearchableFields: ['to', 'dedupeKey', 'providerMessageId', 'body'],
    group: { en: 'Notifications', id: 'Notifikasi' },
  },
  defaultSort: '-createdAt',
  access: { read: readMessages, create: nobody, update: nobody, delete: nobody },
  hooks: { beforeOperation: [secretMessagesUnsearchable] },
  // Sending by hand and the customer page's conversation: `/api/messages/send-template`, `/send-text`, `/conversation`.
  endpoints: messageEndpoints,
  fields: [
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'customers',
      index: true,
      label: { en: 'Customer', id: 'Pelanggan' },
    },
    {
      name: 'staffRecipient',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Staff recipient', id: 'Penerima staf' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'direction',
          type: 'select',
          required: true,
          defaultValue: 'out',
          index: true,
          label: { en: 'Direction', id: 'Arah' },
          options: [
            { value: 'out', label: { en: 'Outgoing', id: 'Keluar' } },
            { value: 'in', label: { en: 'Incoming', id: 'Masuk' } },
          ],
        },
        {
          name: 'channel',
          type: 'select',
          required: true,
          defaultValue: 'whatsapp',
          index: true,
          label: { en: 'Channel', id: 'Kanal' },
          options: CHANNELS.map((value) => ({ value, label: channelLabels[value] })),
        },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'queued',
          index: true,
          label: { en: 'Status', id: 'Status' },
          options: MESSAGE_STATUSES.map((value) => ({ value, label: statusLabels[value] })),
        },
      ],
    },
    { name: 'to', type: 'text', maxLength: 320, index: true, label: { en: 'To / from', id: 'Nomor / alamat' } },
    { name: 'trigger', type: 'text', maxLength: 64, index: true, label: { en: 'Trigger', id: 'Pemicu' } },
    {
      name: 'template',
      type: 'relationship',
      relationTo: 'message-templates',
      label: { en: 'Template', id: 'Template' },
    },
    // What to send: a template (with these variables), free text, or an interactive message.
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'template',
      label: { en: 'Kind', id: 'Jenis' },
      options: ['template', 'text', 'interactive', 'button', 'image', 'other'].map((value) => ({
        value,
        label: value,
      })),
    },
    // The sign-in code's message keeps its text from everyone (src/plugins/notifications/secretMessages.ts).
    {
      name: 'variables',
      type: 'json',
      label: { en: 'Variables', id: 'Variabel' },
      access: { read: unlessSecretMessage },
    },
    {
      name: 'interactive',
      type: 'json',
      label: { en: 'Interactive content', id: 'Konten interaktif' },
      access: { read: unlessSecretMessage },
    },
    {
      name: 'body',
      type: 'textarea',
      maxLength: 10_000,
      label: { en: 'Text', id: 'Teks' },
      access: { read: unlessSecretMessage },
    },
    {
      name: 'providerMessageId',
      type: 'text',
      unique: true,
      index: true,
      maxLength: 200,
      label: { en: 'Provider message id', id: 'ID pesan penyedia' },
    },
    {
      name: 'dedupeKey',
      type: 'text',
      unique: true,
      index: true,
      maxLength: 300,
      label: { en: 'Dedupe key', id: 'Kunci unik' },
    },
    {
      type: 'row',
      fields: [
        { name: 'errorCode', type: 'number', label: { en: 'Error code', id: 'Kode galat' } },
        { name: 'errorReason', type: 'text', maxLength: 1000, label: { en: 'Failure reason', id: 'Alasan gagal' } },
      ],
    },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { en: 'Attempts', id: 'Percobaan' } },
    // Written (committed) just before the provider is called, with the key sent along to it
    // (WhatsApp echoes it in the message's statuses): a send that was started is never started again,
    // and one a crash left unanswered is matched to its status or held for review, not resent.
    {
      type: 'row',
      fields: [
        {
          name: 'sendAttemptKey',
          type: 'text',
          unique: true,
          maxLength: 100,
          label: { en: 'Send attempt key', id: 'Kunci pengiriman' },
          admin: { readOnly: true },
        },
        {
          name: 'sendAttemptedAt',
          type: 'date',
          label: { en: 'Send started', id: 'Mulai dikirim' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    // Large runs are spread over time (per-number rate, daily recipient tier): not sent before this.
    {
      name: 'scheduledFor',
      type: 'date',
      index: true,
      label: { en: 'Send from', id: 'Dikirim mulai' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'fallbackOf',
      type: 'relationship',
      relationTo: 'messages',
      label: { en: 'Fallback of', id: 'Pengganti dari' },
    },
    // Inbound: a question nobody answered automatically waits for customer service.
    {
      name: 'needsAttention',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      label: { en: 'Needs customer service', id: 'Perlu ditangani CS' },
    },
    { name: 'ticket', type: 'relationship', relationTo: 'tickets', label: { en: 'Ticket', id: 'Tiket' } },
    // Who sent it by hand from the customer page (empty for automatic messages).
    {
      name: 'sentBy',
      type: 'relationship',
      relationTo: 'users',
      label: { en: 'Sent by', id: 'Dikirim oleh' },
      admin: { readOnly: true },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'sentAt',
          type: 'date',
          label: { en: 'Sent', id: 'Terkirim' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'deliveredAt',
          type: 'date',
          label: { en: 'Delivered', id: 'Diterima' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'readAt',
          type: 'date',
          label: { en: 'Read', id: 'Dibaca' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        {
          name: 'failedAt',
          type: 'date',
          label: { en: 'Failed', id: 'Gagal' },
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
  ],
}
