import type { Payload } from 'payload'

import { templateNeeds } from '../plugins/notifications/operations/queueNotification'
import { DEMO_ROUTER } from '../seed/billing'
import { startFakeMidtrans } from './midtrans'
import { startFakeRouterOS } from './routeros'
import { type FakeTemplate, startFakeWhatsApp } from './whatsapp'
import { startFakeXendit } from './xendit'

/** Demo keys the fakes and the app agree on when nothing real is configured. */
const DEMO_ENV = {
  MIDTRANS_SERVER_KEY: 'SB-Mid-server-demo-key',
  XENDIT_SECRET_KEY: 'xnd_development_demo_key',
  XENDIT_CALLBACK_TOKEN: 'demo-callback-token',
  WHATSAPP_TOKEN: 'EAAG-demo-token',
  WHATSAPP_PHONE_NUMBER_ID: '100200300400500',
  WHATSAPP_APP_SECRET: 'demo-app-secret',
  WHATSAPP_VERIFY_TOKEN: 'demo-verify-token',
}

/** The monitoring push tokens of the demo (`npm run demo:outage` sends with them). */
export const DEMO_MONITORING_ENV = {
  MONITORING_ALERTMANAGER_TOKEN: 'demo-alertmanager-token',
  MONITORING_ZABBIX_TOKEN: 'demo-zabbix-token',
}

/** The approved templates as WhatsApp would hold them: name, language, parameter count, button kinds. */
async function approvedTemplates(payload: Payload): Promise<FakeTemplate[]> {
  const found = await payload.find({
    collection: 'message-templates',
    where: { approvalStatus: { equals: 'approved' }, providerTemplateName: { exists: true } },
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return found.docs.map((t) => ({
    name: t.providerTemplateName ?? '',
    language: t.language,
    // Meta counts the body's parameters; button parameters are separate.
    bodyParams: templateNeeds({ ...t, buttons: [] }).length,
    buttons: (t.buttons ?? []).map((b) => b.kind),
  }))
}

/**
 * For `npm run demo`: starts the fake Midtrans (4010), Xendit (4011), RouterOS (4020) and WhatsApp
 * Cloud API (4030) in this process and points the app at them, so pay links, payment notifications,
 * isolir and WhatsApp messages work end to end without outside accounts. The fake router gets a
 * PPPoE secret for every customer that has a username, isolated where the database says suspended.
 * The fake WhatsApp knows the templates approved in the database (as they were at start), reports
 * every accepted message sent and then delivered to the app's webhook, and knows who wrote in the
 * last 24 h, so free-text replies to them go through.
 */
export async function startDemoFakes(payload: Payload, appUrl: string) {
  for (const [key, value] of Object.entries({ ...DEMO_ENV, ...DEMO_MONITORING_ENV })) process.env[key] ??= value
  const midtrans = await startFakeMidtrans({
    serverKey: process.env.MIDTRANS_SERVER_KEY!,
    notificationUrl: `${appUrl}/api/billing/gateways/midtrans/notification`,
    port: 4010,
  })
  const xendit = await startFakeXendit({
    secretKey: process.env.XENDIT_SECRET_KEY!,
    callbackToken: process.env.XENDIT_CALLBACK_TOKEN!,
    notificationUrl: `${appUrl}/api/billing/gateways/xendit/notification`,
    port: 4011,
  })
  process.env.MIDTRANS_BASE_URL ??= midtrans.url
  process.env.XENDIT_BASE_URL ??= xendit.url

  const router = await startFakeRouterOS({ username: DEMO_ROUTER.username, password: DEMO_ROUTER.password, port: 4020 })
  router.addProfile('isolir')
  router.addProfile('pelanggan')
  const customers = await payload.find({
    collection: 'customers',
    where: { pppoeUsername: { exists: true } },
    select: { pppoeUsername: true, status: true },
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  for (const c of customers.docs) {
    if (!c.pppoeUsername) continue
    router.addSecret(c.pppoeUsername, c.status === 'suspended' ? 'isolir' : 'pelanggan')
    if (c.status === 'active') router.connect(c.pppoeUsername)
  }
  // Traffic on every session each minute, so the usage charts fill while the demo runs (the
  // poller reads `/ppp/active` and the sessions' interface counters).
  const traffic = setInterval(() => {
    for (const c of customers.docs)
      if (c.pppoeUsername && c.status === 'active')
        router.addTraffic(c.pppoeUsername, {
          download: Math.round(20e6 + Math.random() * 60e6),
          upload: Math.round(2e6 + Math.random() * 8e6),
        })
  }, 60_000)
  traffic.unref()

  const whatsapp = await startFakeWhatsApp({
    token: process.env.WHATSAPP_TOKEN!,
    phoneNumberId: process.env.WHATSAPP_PHONE_NUMBER_ID!,
    appSecret: process.env.WHATSAPP_APP_SECRET!,
    templates: await approvedTemplates(payload),
    webhookUrl: `${appUrl}/api/whatsapp/webhook`,
    port: 4030,
    autoStatuses: ['sent', 'delivered'],
  })
  process.env.WHATSAPP_API_URL ??= whatsapp.apiUrl
  const recent = await payload.find({
    collection: 'messages',
    where: {
      direction: { equals: 'in' },
      channel: { equals: 'whatsapp' },
      createdAt: { greater_than: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString() },
    },
    select: { to: true, sentAt: true, createdAt: true },
    limit: 1000,
    depth: 0,
    overrideAccess: true,
  })
  for (const m of recent.docs) if (m.to) whatsapp.customerWrote(m.to, new Date(m.sentAt ?? m.createdAt))

  payload.logger.info(
    `demo fakes: Midtrans ${midtrans.url}, Xendit ${xendit.url}, RouterOS ${router.url} (${customers.docs.length} PPPoE users), WhatsApp ${whatsapp.apiUrl}`,
  )
  return {
    close: () => {
      clearInterval(traffic)
      return Promise.all([midtrans.close(), xendit.close(), router.close(), whatsapp.close()])
    },
  }
}
