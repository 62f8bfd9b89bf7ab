/**
 * What a customer may choose not to receive: the non-essential kinds of message, per channel
 * (WhatsApp — the Cloud API or Fonnte — and email). Everything else (invoices, payments, isolir
 * and restore notices, sign-in codes, ticket updates) always goes: it is part of the service.
 * No imports: the customer field, the notify path, the bulk SQL and the portal page all read this.
 */
export const PREFERENCE_KINDS = [
  {
    kind: 'billing',
    triggers: ['reminder_due_h3', 'reminder_due_h1', 'reminder_overdue_h1'],
    label: { en: 'Billing reminders', id: 'Pengingat tagihan' },
    hint: 'Pengingat sebelum dan sesudah jatuh tempo. Tagihan baru dan pemberitahuan isolir tetap dikirim.',
    defaultOn: true,
  },
  {
    kind: 'outage',
    triggers: ['outage_notice', 'outage_resolved'],
    label: { en: 'Outage notices', id: 'Info gangguan' },
    hint: 'Kabar bila ada gangguan jaringan di daerah Anda.',
    defaultOn: true,
  },
  {
    kind: 'promo',
    triggers: ['promotion'],
    label: { en: 'Promotions', id: 'Promo dan penawaran' },
    hint: 'Penawaran paket dan promo.',
    defaultOn: false,
  },
] as const

export type PreferenceKind = (typeof PREFERENCE_KINDS)[number]['kind']
export type PreferenceChannel = 'whatsapp' | 'email'

/** The customer field (inside the `notificationPreferences` group) for a kind on a channel. */
export const preferenceFieldName = (kind: PreferenceKind, channel: PreferenceChannel) =>
  `${kind}${channel === 'whatsapp' ? 'Whatsapp' : 'Email'}` as const

/** The kind a trigger belongs to, or null when its messages always go. */
export function preferenceKindOf(trigger: string): (typeof PREFERENCE_KINDS)[number] | null {
  return PREFERENCE_KINDS.find((k) => (k.triggers as readonly string[]).includes(trigger)) ?? null
}

/** The channel a preference covers: Fonnte is WhatsApp too. */
export const preferenceChannelOf = (channel: string): PreferenceChannel => (channel === 'email' ? 'email' : 'whatsapp')

/** The database column of a preference field (Payload's snake_case of group and field). */
export const preferenceColumn = (kind: PreferenceKind, channel: PreferenceChannel) =>
  `notification_preferences_${kind}_${channel}`
