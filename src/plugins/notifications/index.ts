import type { CollectionConfig, Config, Field, Plugin, TabsField } from 'payload'

import { MessageTemplates } from './collections/MessageTemplates'
import { Messages } from './collections/Messages'
import { WhatsAppEvents } from './collections/WhatsAppEvents'
import { dashboardEndpoint } from './endpoints/messages'
import { whatsappWebhookEndpoint, whatsappWebhookVerifyEndpoint } from './endpoints/whatsappWebhook'
import { customerConversationTab } from './fields/customerConversationTab'
import { notificationPreferencesField, recordPreferenceConsent } from './fields/notificationPreferences'
import { notificationSettingsGlobal } from './globals/NotificationSettings'
import { notifyCustomerChange, notifyTicketChange } from './hooks/notifyOnChange'
import { registerVariableProvider } from './operations/conversation'
import { registerStaffAlertChannel } from '../../operations/alertStaff'
import { registerInboundHandler } from './operations/inbound'
import { whatsappStaffAlerts } from './operations/staffAlertChannel'
import { sendNotificationTask } from './tasks/sendNotification.task'
import { CORE_TRIGGERS, type NotificationsPluginOptions } from './types'
import { switchable, withWiring } from '../wiring'

/** Adds an afterChange hook to a collection, keeping the ones it has. */
function withAfterChange(
  collection: CollectionConfig,
  hook: NonNullable<NonNullable<CollectionConfig['hooks']>['afterChange']>[number],
): CollectionConfig {
  return {
    ...collection,
    hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), hook] },
  }
}

/** Adds the "Percakapan" tab (the customer's WhatsApp/email conversation) to the customer page. */
function withConversationTab(customers: CollectionConfig): CollectionConfig {
  const fields: Field[] = customers.fields.map((field) =>
    field.type === 'tabs'
      ? ({ ...field, tabs: [...(field as TabsField).tabs, customerConversationTab] } as TabsField)
      : field,
  )
  return { ...customers, fields }
}

/** Adds the customer's notification preferences (and the consent timestamp hook) to the customer's first tab. */
function withPreferences(customers: CollectionConfig): CollectionConfig {
  const fields: Field[] = customers.fields.map((field) =>
    field.type === 'tabs'
      ? ({
          ...field,
          tabs: (field as TabsField).tabs.map((tab, i) =>
            i === 0 ? { ...tab, fields: [...tab.fields, notificationPreferencesField] } : tab,
          ),
        } as TabsField)
      : field,
  )
  return {
    ...customers,
    fields,
    hooks: { ...customers.hooks, beforeChange: [...(customers.hooks?.beforeChange ?? []), recordPreferenceConsent] },
  }
}

/**
 * Notifications: WhatsApp (Cloud API, or the unofficial Fonnte gateway) with email fallback.
 * Adds the `message-templates`, `messages` and `whatsapp-events` collections, the
 * `notification-settings` global, the `sendNotification` task, the WhatsApp webhook
 * (`GET/POST /api/whatsapp/webhook`), and hooks on customers and tickets for the core triggers.
 * In the admin: the "Percakapan" tab on the customer page (the conversation, sending a template or
 * a reply by hand) and the dashboard at `/admin/notifikasi`.
 * Other capabilities send through `notify(...)` and handle inbound messages through
 * `registerInboundHandler(...)` (or the `inboundHandlers` option).
 */
export const notificationsPlugin =
  (options: NotificationsPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    const triggers = [
      ...CORE_TRIGGERS,
      ...(options.triggers ?? []).filter((t) => !CORE_TRIGGERS.some((c) => c.name === t.name)),
    ]
    for (const handler of options.inboundHandlers ?? []) registerInboundHandler(handler)
    if (enabled) registerStaffAlertChannel('whatsapp', whatsappStaffAlerts)
    for (const provider of options.variableProviders ?? []) registerVariableProvider(provider)
    const collections = (config.collections ?? []).map((collection) => {
      // The tab is there either way, so the customer page looks the same when sending is off.
      if (collection.slug === 'customers') collection = withPreferences(withConversationTab(collection))
      if (!enabled) return collection
      if (collection.slug === 'customers') return withAfterChange(collection, notifyCustomerChange)
      if (collection.slug === 'tickets') return withAfterChange(collection, notifyTicketChange)
      return collection
    })
    const extended: Config = {
      ...config,
      collections: [...collections, MessageTemplates, Messages, WhatsAppEvents],
      globals: [...(config.globals ?? []), notificationSettingsGlobal(triggers)],
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          afterNavLinks: [
            ...(config.admin?.components?.afterNavLinks ?? []),
            '/src/plugins/notifications/components/NotificationsNavLinks#NotificationsNavLinks',
          ],
          // The view checks the user's role itself: Payload serves custom views to anyone.
          views: {
            ...config.admin?.components?.views,
            notificationsDashboard: {
              Component:
                '/src/plugins/notifications/components/views/NotificationsDashboardView#NotificationsDashboardView',
              path: '/notifikasi',
              exact: true,
              meta: { title: 'Dasbor notifikasi' },
            },
          },
        },
      },
      endpoints: [...(config.endpoints ?? []), dashboardEndpoint],
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), switchable(sendNotificationTask, enabled)] },
    }
    return withWiring(extended, {
      webhooks: [
        whatsappWebhookVerifyEndpoint(enabled),
        whatsappWebhookEndpoint({ enabled, maxBytes: options.webhookMaxBytes ?? 1024 * 1024 }),
      ],
    })
  }

export { notify, type NotifyInput } from './operations/notify'
export {
  queueNotification,
  type QueueNotificationInput,
  type QueueNotificationResult,
} from './operations/queueNotification'
export { queueNotificationsBulk, type BulkNotificationInput, type BulkNotificationResult } from './operations/queueBulk'
export { registerInboundHandler, unregisterInboundHandler } from './operations/inbound'
export {
  customerConversation,
  customerTemplateVariables,
  registerVariableProvider,
  type Conversation,
  type ConversationMessage,
} from './operations/conversation'
export { notificationDashboard, type NotificationDashboard } from './operations/dashboard'
export { sendReplyByHand, sendTemplateByHand, type ManualSendResult } from './operations/manualMessages'
export { MissingVariablesError, renderTemplate, templateVariables } from './operations/renderTemplate'
export { ChannelError } from './channels/errors'
export type {
  InboundContext,
  InboundHandler,
  InboundMedia,
  InboundMessage,
  NotificationsPluginOptions,
  TriggerDefinition,
  VariableProvider,
} from './types'
