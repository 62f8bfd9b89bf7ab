import type { CollectionBeforeChangeHook, Field } from 'payload'

import { nobodyField } from '../../../access/nobody'
import { PREFERENCE_KINDS, preferenceFieldName } from '../preferences'

/**
 * The customer's choices of non-essential messages (src/plugins/notifications/preferences.ts) and
 * when they last gave them. The customer sets these on the portal's profile page (their own record
 * only, by the customers collection's update rule); `consentedAt` is set by the server alone.
 */
export const notificationPreferencesField: Field = {
  name: 'notificationPreferences',
  type: 'group',
  label: { en: 'Notification preferences', id: 'Preferensi notifikasi' },
  admin: {
    description: {
      en: 'Chosen by the customer in the portal. Invoices, payments and isolir notices always go.',
      id: 'Dipilih pelanggan di portal. Tagihan, pembayaran dan pemberitahuan isolir selalu dikirim.',
    },
  },
  fields: [
    {
      type: 'row',
      fields: PREFERENCE_KINDS.flatMap((k) =>
        (['whatsapp', 'email'] as const).map((channel): Field => ({
          name: preferenceFieldName(k.kind, channel),
          type: 'checkbox',
          defaultValue: k.defaultOn,
          label: {
            en: `${k.label.en} (${channel === 'email' ? 'email' : 'WhatsApp'})`,
            id: `${k.label.id} (${channel === 'email' ? 'email' : 'WhatsApp'})`,
          },
        })),
      ),
    },
    {
      name: 'consentedAt',
      type: 'date',
      label: { en: 'Preferences given at', id: 'Persetujuan diberikan' },
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
      access: { create: nobodyField, update: nobodyField },
    },
  ],
}

const PREFERENCE_FIELDS = PREFERENCE_KINDS.flatMap((k) =>
  (['whatsapp', 'email'] as const).map((channel) => preferenceFieldName(k.kind, channel)),
)

/** Records when the customer (or CS for them) last changed a preference: the consent's timestamp. */
export const recordPreferenceConsent: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  const next = data?.notificationPreferences as Record<string, unknown> | undefined
  if (!next) return data
  const before = (originalDoc?.notificationPreferences ?? {}) as Record<string, unknown>
  const changed = PREFERENCE_FIELDS.some(
    (name) => name in next && next[name] !== undefined && (operation === 'create' || next[name] !== before[name]),
  )
  if (changed && operation === 'update') next.consentedAt = new Date().toISOString()
  else next.consentedAt = before.consentedAt ?? null
  return data
}
