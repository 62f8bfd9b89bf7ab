import type { CollectionConfig, Config, Field, Plugin, TabsField } from 'payload'

import { BillingAdjustments } from './collections/BillingAdjustments'
import { GatewayEvents } from './collections/GatewayEvents'
import { GatewayPayments } from './collections/GatewayPayments'
import { Invoices } from './collections/Invoices'
import { NetworkActions } from './collections/NetworkActions'
import { Payments } from './collections/Payments'
import { Routers } from './collections/Routers'
import { gatewayWebhookEndpoints } from './endpoints/gatewayWebhook'
import { billingReportEndpoints } from './endpoints/reports'
import { customerBillingTab } from './fields/customerBillingTab'
import { BillingSettings } from './globals/BillingSettings'
import { customerBillingHooks } from './hooks/customerBilling'
import { applyNetworkActionsTask } from './tasks/applyNetworkActions.task'
import { cancelPayLinksTask } from './tasks/cancelPayLinks.task'
import { checkRouterStateTask } from './tasks/checkRouterState.task'
import { generateInvoicesTask } from './tasks/generateInvoices.task'
import { notifyInvoicesIssuedTask } from './tasks/notifyInvoicesIssued.task'
import { prerenderInvoicePdfTask } from './tasks/prerenderInvoicePdf.task'
import { sendPaymentRemindersTask } from './tasks/sendPaymentReminders.task'
import { suspendOverdueTask } from './tasks/suspendOverdue.task'
import type { BillingPluginOptions } from './types'
import { BILLING_SCHEDULES } from './schedules'
import { switchable, withWiring } from '../wiring'

/** Adds the "Tagihan" tab and the billing hooks to the customers collection. */
function extendCustomers(customers: CollectionConfig): CollectionConfig {
  const fields: Field[] = customers.fields.map((field) =>
    field.type === 'tabs'
      ? ({ ...field, tabs: [...(field as TabsField).tabs, customerBillingTab] } as TabsField)
      : field,
  )
  return {
    ...customers,
    fields,
    hooks: {
      ...customers.hooks,
      beforeChange: [...(customers.hooks?.beforeChange ?? []), ...customerBillingHooks.beforeChange],
      afterChange: [...(customers.hooks?.afterChange ?? []), ...customerBillingHooks.afterChange],
    },
  }
}

/**
 * Billing: invoices (monthly run, PDFs), payments (recording, verification queue, credit),
 * Midtrans/Xendit pay links and webhooks, and automatic isolir with instant restore enforced on
 * MikroTik routers through queued jobs. Customers hear of invoices, payments, reminders, isolir and
 * restore through the notifications plugin (`BILLING_TRIGGERS`, `billingInboundHandlers`, registered
 * in `src/plugins/index.ts`). Schedules are in `./schedules.ts`.
 */
export const billingPlugin =
  (options: BillingPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const enabled = options.enabled ?? true
    // Switched off, the tasks stay registered (same schema) but do nothing when a schedule fires.
    const tasks = [
      generateInvoicesTask,
      suspendOverdueTask,
      applyNetworkActionsTask,
      checkRouterStateTask,
      notifyInvoicesIssuedTask,
      sendPaymentRemindersTask,
      cancelPayLinksTask,
      prerenderInvoicePdfTask,
    ].map((task) => switchable(task, enabled))
    const extended: Config = {
      ...config,
      collections: [
        ...(config.collections ?? []).map((collection) =>
          collection.slug === 'customers' ? extendCustomers(collection) : collection,
        ),
        Invoices,
        Payments,
        BillingAdjustments,
        GatewayPayments,
        GatewayEvents,
        Routers,
        NetworkActions,
      ],
      globals: [...(config.globals ?? []), BillingSettings],
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          afterNavLinks: [
            ...(config.admin?.components?.afterNavLinks ?? []),
            '/src/plugins/billing/components/BillingNavLinks#BillingNavLinks',
          ],
          // Each view checks the user's role itself: Payload serves custom views to anyone.
          views: {
            ...config.admin?.components?.views,
            billingPaymentVerification: {
              Component: '/src/plugins/billing/components/views/PaymentVerificationView#PaymentVerificationView',
              path: '/verifikasi-pembayaran',
              exact: true,
              meta: { title: 'Verifikasi pembayaran' },
            },
            billingRevenueReport: {
              Component: '/src/plugins/billing/components/views/RevenueReportView#RevenueReportView',
              path: '/laporan-pendapatan',
              exact: true,
              meta: { title: 'Laporan pendapatan' },
            },
            billingSuspensionPreview: {
              Component: '/src/plugins/billing/components/views/SuspensionPreviewView#SuspensionPreviewView',
              path: '/pratinjau-isolir',
              exact: true,
              meta: { title: 'Pratinjau isolir' },
            },
          },
        },
      },
      endpoints: [...(config.endpoints ?? []), ...billingReportEndpoints],
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), ...tasks],
      },
    }
    return withWiring(extended, { schedules: BILLING_SCHEDULES, webhooks: gatewayWebhookEndpoints })
  }

export type { BillingPluginOptions } from './types'
export { BILLING_TRIGGERS } from './notifications/triggers'
export { billingInboundHandlers } from './notifications/whatsapp'
export { billingVariableProvider } from './notifications/variables'
