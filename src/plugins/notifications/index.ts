import type { CollectionConfig, Config, Plugin } from 'payload'

import { MessageTemplates } from './collections/MessageTemplates'
import { Messages } from './collections/Messages'
import { WhatsAppEvents } from './collections/WhatsAppEvents'
import { whatsappWebhookEndpoint, whatsappWebhookVerifyEndpoint } from './endpoints/whatsappWebhook'
import { notificationSettingsGlobal } from './globals/NotificationSettings'
import { notifyCustomerChange, notifyTicketChange } from './hooks/notifyOnChange'
import { registerInboundHandler } from './operations/inbound'
import { sendNotificationTask } from './tasks/sendNotification.task'
import { CORE_TRIGGERS, type NotificationsPluginOptions } from './types'

/** Adds an afterChange hook to a collection, keeping the ones it has. */
function withAfterChange(collection: CollectionConfig, hook: NonNullable<NonNullable<CollectionConfig['hooks']>['afterChange']>[number]): CollectionConfig {
  return { ...collection, hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), hook] } }
}

/**
 * Notifications: WhatsApp (Cloud API, or the unofficial Fonnte gateway) with email fallback.
 * Adds the `message-templates`, `messages` and `whatsapp-events` collections, the
 * `notification-settings` global, the `sendNotification` task, the WhatsApp webhook
 * (`GET/POST /api/whatsapp/webhook`), and hooks on customers and tickets for the core triggers.
 * Other capabilities send through `notify(...)` and handle inbound messages through
 * `registerInboundHandler(...)` (or the `inboundHandlers` option).
 */
export const notificationsPlugin =
  (options: NotificationsPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    const triggers = [...CORE_TRIGGERS, ...(options.triggers ?? []).filter((t) => !CORE_TRIGGERS.some((c) => c.name === t.name))]
    for (const handler of options.inboundHandlers ?? []) registerInboundHandler(handler)
    const collections = (config.collections ?? []).map((collection) => {
      if (!enabled) return collection
      if (collection.slug === 'customers') return withAfterChange(collection, notifyCustomerChange as never)
      if (collection.slug === 'tickets') return withAfterChange(collection, notifyTicketChange as never)
      return collection
    })
    return {
      ...config,
      collections: [...collections, MessageTemplates, Messages, WhatsAppEvents],
      globals: [...(config.globals ?? []), notificationSettingsGlobal(triggers)],
      endpoints: [...(config.endpoints ?? []), whatsappWebhookVerifyEndpoint(enabled), whatsappWebhookEndpoint({ enabled, maxBytes: options.webhookMaxBytes ?? 1024 * 1024 })],
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), sendNotificationTask(enabled)] },
    }
  }

export { notify, type NotifyInput } from './operations/notify'
export { queueNotification, type QueueNotificationInput, type QueueNotificationResult } from './operations/queueNotification'
export { queueNotificationsBulk, type BulkNotificationInput, type BulkNotificationResult } from './operations/queueBulk'
export { registerInboundHandler, unregisterInboundHandler } from './operations/inbound'
export { MissingVariablesError, renderTemplate, templateVariables } from './operations/renderTemplate'
export type { InboundContext, InboundHandler, InboundMessage, NotificationsPluginOptions, TriggerDefinition } from './types'
