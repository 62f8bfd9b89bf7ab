/**
 * Runs the Midtrans and Xendit fakes for a demo: `tsx src/fakes/run-gateways.ts`.
 * Point the app at them with the printed MIDTRANS_BASE_URL / XENDIT_BASE_URL; keys and tokens come
 * from the same variables the app reads, so both sides agree. Their payment pages settle the
 * payment and post the signed notification to the app.
 */
import '../env'

import { startFakeMidtrans } from './midtrans'
import { startFakeXendit } from './xendit'

const appUrl = (process.env.PUBLIC_URL || `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '')
const midtransServerKey = process.env.MIDTRANS_SERVER_KEY || 'SB-Mid-server-demo-key'
const xenditSecretKey = process.env.XENDIT_SECRET_KEY || 'xnd_development_demo_key'
const xenditCallbackToken = process.env.XENDIT_CALLBACK_TOKEN || 'demo-callback-token'
const midtransNotificationUrl =
  process.env.FAKE_MIDTRANS_NOTIFICATION_URL || `${appUrl}/api/billing/gateways/midtrans/notification`
const xenditNotificationUrl =
  process.env.FAKE_XENDIT_NOTIFICATION_URL || `${appUrl}/api/billing/gateways/xendit/notification`

const midtrans = await startFakeMidtrans({
  serverKey: midtransServerKey,
  notificationUrl: midtransNotificationUrl,
  port: Number(process.env.FAKE_MIDTRANS_PORT ?? 4010),
})
const xendit = await startFakeXendit({
  secretKey: xenditSecretKey,
  callbackToken: xenditCallbackToken,
  notificationUrl: xenditNotificationUrl,
  port: Number(process.env.FAKE_XENDIT_PORT ?? 4011),
})

console.log(`Fake Midtrans Snap: ${midtrans.url} (notifications to ${midtransNotificationUrl})`)
console.log(`Fake Xendit:        ${xendit.url} (callbacks to ${xenditNotificationUrl})`)
console.log('App settings for these fakes:')
console.log(`  MIDTRANS_BASE_URL=${midtrans.url}`)
console.log(`  MIDTRANS_SERVER_KEY=${midtransServerKey}`)
console.log(`  XENDIT_BASE_URL=${xendit.url}`)
console.log(`  XENDIT_SECRET_KEY=${xenditSecretKey}`)
console.log(`  XENDIT_CALLBACK_TOKEN=${xenditCallbackToken}`)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await Promise.all([midtrans.close(), xendit.close()])
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
