import type { PayloadRequest } from 'payload'

import { relationId } from '../../../lib/relationId'
import { queueNotification } from './queueNotification'
import type { TemplateVariables } from './renderTemplate'
import { loadNotificationSettings } from './settings'

type FailedMessage = {
  id: number
  trigger?: string | null
  customer?: unknown
  staffRecipient?: unknown
  dedupeKey?: string | null
  body?: string | null
  variables?: unknown
}

/**
 * Queues the email that replaces a WhatsApp message the provider could not deliver (131026), once
 * (its dedupe key derives from the original's). Returns false when fallback is off or there is no address.
 */
export async function queueEmailFallback(req: PayloadRequest, message: FailedMessage): Promise<boolean> {
  const settings = await loadNotificationSettings(req)
  if (!settings.emailFallback || !message.body) return false
  const result = await queueNotification({
    req,
    trigger: message.trigger ?? 'fallback',
    customerId: relationId(message.customer),
    staffUserId: relationId(message.staffRecipient),
    dedupeKey: `${message.dedupeKey ?? `message:${message.id}`}:email`,
    text: message.body,
    variables: (message.variables ?? {}) as TemplateVariables,
    channel: 'email',
    fallbackOf: message.id,
  })
  return result.status === 'queued' || result.status === 'duplicate'
}
