import type { Field, GlobalConfig } from 'payload'

import { anyStaff } from '../../../access/anyStaff'
import { staffWithRole } from '../../../access/staffWithRole'
import { type CHANNELS, type TriggerDefinition } from '../types'

export const NOTIFICATION_SETTINGS_SLUG = 'notification-settings'

/** WhatsApp's daily limits on unique recipients of business-initiated messages, by number tier. */
export const DAILY_RECIPIENT_TIERS = ['250', '2000', '10000', '100000'] as const

const channelOptions = [
  { value: 'whatsapp', label: { en: 'WhatsApp Business (Cloud API)', id: 'WhatsApp Business (Cloud API)' } },
  {
    value: 'fonnte',
    label: {
      en: 'Fonnte (unofficial gateway: the number can be banned)',
      id: 'Fonnte (gateway tidak resmi: nomor bisa diblokir)',
    },
  },
  { value: 'email', label: { en: 'Email only', id: 'Email saja' } },
] satisfies { value: (typeof CHANNELS)[number]; label: unknown }[]

function triggerField(trigger: TriggerDefinition): Field {
  return {
    name: trigger.name,
    type: 'group',
    label: trigger.label,
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'enabled', type: 'checkbox', defaultValue: true, label: { en: 'Send', id: 'Kirim' } },
          {
            name: 'channel',
            type: 'select',
            enumName: `enum_notif_${trigger.name}_channel`.slice(0, 63),
            label: { en: 'Channel (blank: default)', id: 'Kanal (kosong: bawaan)' },
            options: channelOptions,
          },
          {
            name: 'template',
            type: 'relationship',
            relationTo: 'message-templates',
            label: {
              en: 'Template (blank: the one keyed by this trigger)',
              id: 'Template (kosong: yang berkunci pemicu ini)',
            },
          },
        ],
      },
    ],
  }
}

/**
 * What is sent by itself and how. Secrets never live here: WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID,
 * WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_API_URL, FONNTE_TOKEN, FONNTE_API_URL come
 * from the environment.
 */
export const notificationSettingsGlobal = (triggers: TriggerDefinition[]): GlobalConfig => ({
  slug: NOTIFICATION_SETTINGS_SLUG,
  label: { en: 'Notification settings', id: 'Pengaturan notifikasi' },
  admin: { group: { en: 'Notifications', id: 'Notifikasi' } },
  access: { read: anyStaff, update: staffWithRole() },
  fields: [
    {
      name: 'defaultChannel',
      type: 'select',
      required: true,
      defaultValue: 'whatsapp',
      label: { en: 'Default channel', id: 'Kanal bawaan' },
      options: channelOptions,
      admin: {
        description: {
          en: 'Fonnte is an unofficial gateway: it drives an ordinary WhatsApp account, which WhatsApp may ban. Keys come from the server environment.',
          id: 'Fonnte adalah gateway tidak resmi: memakai akun WhatsApp biasa yang bisa diblokir WhatsApp. Kunci diambil dari environment server.',
        },
      },
    },
    {
      name: 'emailFallback',
      type: 'checkbox',
      defaultValue: true,
      label: { en: 'Email when WhatsApp cannot deliver', id: 'Kirim email bila WhatsApp gagal' },
    },
    {
      name: 'pacing',
      type: 'group',
      label: { en: 'Pacing of large runs (WhatsApp)', id: 'Pengaturan laju kiriman massal (WhatsApp)' },
      admin: {
        description: {
          en: 'Invoices, reminders and isolir notices go out at most this fast; recipients beyond the daily tier wait for the next day (09:00 WIB).',
          id: 'Tagihan, pengingat dan pemberitahuan isolir dikirim paling cepat sebanyak ini; penerima di atas batas harian menunggu hari berikutnya (09.00 WIB).',
        },
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'dailyRecipients',
              type: 'select',
              enumName: 'enum_notif_pacing_daily_recipients',
              defaultValue: '250',
              label: { en: 'Daily recipient tier of the number', id: 'Tier penerima harian nomor WhatsApp' },
              admin: {
                description: {
                  en: 'As shown in WhatsApp Manager (messaging limit)',
                  id: 'Sesuai WhatsApp Manager (messaging limit)',
                },
              },
              options: DAILY_RECIPIENT_TIERS.map((value) => ({ value, label: Number(value).toLocaleString('id-ID') })),
            },
            {
              name: 'messagesPerSecond',
              type: 'number',
              min: 1,
              max: 1000,
              defaultValue: 80,
              label: { en: 'Messages per second', id: 'Pesan per detik' },
            },
          ],
        },
      ],
    },
    {
      name: 'triggers',
      type: 'group',
      label: { en: 'Automatic messages', id: 'Pesan otomatis' },
      fields: triggers.map(triggerField),
    },
    {
      name: 'autoAnswer',
      type: 'group',
      label: { en: 'WhatsApp auto-answers', id: 'Jawaban otomatis WhatsApp' },
      fields: [
        {
          name: 'enabled',
          type: 'checkbox',
          defaultValue: true,
          label: { en: 'Answer questions from the knowledge base', id: 'Jawab pertanyaan dari basis pengetahuan' },
        },
        {
          name: 'minConfidence',
          type: 'number',
          min: 0,
          max: 1,
          defaultValue: 0.5,
          label: { en: 'Minimum confidence (0–1)', id: 'Keyakinan minimum (0–1)' },
          admin: {
            description: {
              en: 'Share of the question’s words an article must contain',
              id: 'Porsi kata pertanyaan yang harus ada di artikel',
            },
          },
        },
        {
          name: 'handoverText',
          type: 'textarea',
          maxLength: 1000,
          label: { en: 'Reply when handing over to customer service', id: 'Balasan saat diteruskan ke CS' },
        },
        {
          name: 'unknownNumberText',
          type: 'textarea',
          maxLength: 1000,
          label: { en: 'Reply to unknown numbers', id: 'Balasan untuk nomor tak dikenal' },
        },
      ],
    },
  ],
})
