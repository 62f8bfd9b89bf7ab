import type { PayloadRequest } from 'payload'

import { relationId } from '../../../lib/relationId'
import type { NotificationSetting } from '../../../payload-types'
import { NOTIFICATION_SETTINGS_SLUG } from '../globals/NotificationSettings'
import type { Channel } from '../types'

export type TriggerSettings = { enabled: boolean; channel: Channel | null; templateId: number | null }

export type NotificationSettings = {
  defaultChannel: Channel
  emailFallback: boolean
  trigger: (name: string) => TriggerSettings
  autoAnswer: { enabled: boolean; minConfidence: number; handoverText: string; unknownNumberText: string }
  /** How fast large runs may go out: unique recipients a day (the number's tier) and messages a second. */
  pacing: { dailyRecipients: number; messagesPerSecond: number }
}

export const DEFAULT_HANDOVER_TEXT =
  'Terima kasih, pertanyaan Anda sudah kami terima dan akan dijawab oleh tim layanan pelanggan kami secepatnya.'
export const DEFAULT_UNKNOWN_NUMBER_TEXT =
  'Terima kasih telah menghubungi kami. Nomor ini belum terdaftar sebagai pelanggan. Silakan sebutkan nomor pelanggan (CUS…) atau hubungi kantor kami.'

type StoredTriggers = NonNullable<NotificationSetting['triggers']>
/** One trigger's stored switches (every trigger, other plugins' too, has the same three fields). */
type StoredTrigger = StoredTriggers[keyof StoredTriggers]

/**
 * The notification settings, with the defaults filled in (a setting never saved reads as empty).
 * Cached on the request, since one request may queue several messages.
 */
export async function loadNotificationSettings(req: PayloadRequest): Promise<NotificationSettings> {
  const cached = req.context.notificationSettings
  if (cached) return cached
  const stored = await req.payload.findGlobal({
    slug: NOTIFICATION_SETTINGS_SLUG,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const triggers: Record<string, StoredTrigger | undefined> = stored.triggers ?? {}
  const settings: NotificationSettings = {
    defaultChannel: stored.defaultChannel ?? 'whatsapp',
    emailFallback: stored.emailFallback ?? true,
    trigger: (name) => {
      const t = triggers[name]
      return { enabled: t?.enabled ?? true, channel: t?.channel ?? null, templateId: relationId(t?.template) }
    },
    autoAnswer: {
      enabled: stored.autoAnswer?.enabled ?? true,
      minConfidence: stored.autoAnswer?.minConfidence ?? 0.5,
      handoverText: stored.autoAnswer?.handoverText || DEFAULT_HANDOVER_TEXT,
      unknownNumberText: stored.autoAnswer?.unknownNumberText || DEFAULT_UNKNOWN_NUMBER_TEXT,
    },
    pacing: {
      dailyRecipients: Number(stored.pacing?.dailyRecipients ?? 250) || 250,
      messagesPerSecond: Math.max(1, stored.pacing?.messagesPerSecond ?? 80),
    },
  }
  req.context.notificationSettings = settings
  return settings
}
