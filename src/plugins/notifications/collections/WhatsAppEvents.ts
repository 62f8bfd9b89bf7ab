import type { CollectionConfig } from 'payload'

import { nobody } from '../../../access/nobody'
import { staffWithRole } from '../../../access/staffWithRole'

/**
 * Every verified webhook event from WhatsApp, once: `eventKey` is the inbound message's wamid, or
 * `<wamid>:<status>` for a delivery status, and is unique, so Meta's retries and replays are recorded
 * and acted on once.
 */
export const WhatsAppEvents: CollectionConfig = {
  slug: 'whatsapp-events',
  labels: {
    singular: { en: 'WhatsApp event', id: 'Kejadian WhatsApp' },
    plural: { en: 'WhatsApp events', id: 'Kejadian WhatsApp' },
  },
  admin: {
    useAsTitle: 'eventKey',
    defaultColumns: ['createdAt', 'kind', 'type', 'from', 'providerMessageId', 'outcome'],
    group: { en: 'Notifications', id: 'Notifikasi' },
  },
  defaultSort: '-createdAt',
  access: { read: staffWithRole('customer_service'), create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'eventKey', type: 'text', required: true, unique: true, index: true, maxLength: 300 },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: [
        { value: 'status', label: { en: 'Delivery status', id: 'Status kirim' } },
        { value: 'message', label: { en: 'Inbound message', id: 'Pesan masuk' } },
      ],
    },
    // For statuses: the outgoing message's wamid; for inbound messages: their own wamid.
    { name: 'providerMessageId', type: 'text', index: true, maxLength: 200 },
    { name: 'type', type: 'text', maxLength: 40, label: { en: 'Type / status', id: 'Jenis / status' } },
    { name: 'from', type: 'text', maxLength: 32, label: { en: 'Number', id: 'Nomor' } },
    { name: 'errorCode', type: 'number' },
    { name: 'outcome', type: 'text', maxLength: 300, label: { en: 'Outcome', id: 'Hasil' } },
    { name: 'payload', type: 'json' },
  ],
}
