import type { Payload } from 'payload'

import { DEMO_ROUTER } from '../seed/billing'
import { startFakeMidtrans } from './midtrans'
import { startFakeRouterOS } from './routeros'
import { startFakeXendit } from './xendit'

/** Demo keys the fakes and the app agree on when nothing real is configured. */
const DEMO_ENV = {
  MIDTRANS_SERVER_KEY: 'SB-Mid-server-demo-key',
  XENDIT_SECRET_KEY: 'xnd_development_demo_key',
  XENDIT_CALLBACK_TOKEN: 'demo-callback-token',
}

/**
 * For `npm run demo`: starts the fake Midtrans (4010), Xendit (4011) and RouterOS (4020) in this
 * process and points the app at them, so pay links, payment notifications and isolir work end to
 * end without outside accounts. The fake router gets a PPPoE secret for every customer that has a
 * username, isolated where the database says suspended.
 */
export async function startDemoFakes(payload: Payload, appUrl: string) {
  for (const [key, value] of Object.entries(DEMO_ENV)) process.env[key] ??= value
  const midtrans = await startFakeMidtrans({ serverKey: process.env.MIDTRANS_SERVER_KEY!, notificationUrl: `${appUrl}/api/billing/gateways/midtrans/notification`, port: 4010 })
  const xendit = await startFakeXendit({ secretKey: process.env.XENDIT_SECRET_KEY!, callbackToken: process.env.XENDIT_CALLBACK_TOKEN!, notificationUrl: `${appUrl}/api/billing/gateways/xendit/notification`, port: 4011 })
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
  payload.logger.info(`demo fakes: Midtrans ${midtrans.url}, Xendit ${xendit.url}, RouterOS ${router.url} (${customers.docs.length} PPPoE users)`)
  return { close: () => Promise.all([midtrans.close(), xendit.close(), router.close()]) }
}
