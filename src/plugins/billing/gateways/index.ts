import { GatewayConfigError } from './errors'
import { createMidtransGateway } from './midtrans'
import type { GatewayProvider, PaymentGateway } from './types'
import { createXenditGateway } from './xendit'

export * from './errors'
export * from './types'
export { constantTimeEqual } from './shared'
export {
  createMidtransGateway,
  mapMidtransStatus,
  MIDTRANS_API_PRODUCTION_URL,
  MIDTRANS_API_SANDBOX_URL,
  midtransSignature,
  parseGrossAmount,
  MIDTRANS_SNAP_PRODUCTION_URL,
  MIDTRANS_SNAP_SANDBOX_URL,
} from './midtrans'
export type { MidtransGatewayOptions } from './midtrans'
export { createXenditGateway, mapXenditStatus, XENDIT_API_URL } from './xendit'
export type { XenditGatewayOptions } from './xendit'

type Env = Record<string, string | undefined>

const requiredEnv: Record<GatewayProvider, string[]> = {
  midtrans: ['MIDTRANS_SERVER_KEY'],
  xendit: ['XENDIT_SECRET_KEY', 'XENDIT_CALLBACK_TOKEN'],
}

/** Whether the environment holds the keys `gatewayFromEnv(provider)` needs. */
export function isGatewayConfigured(provider: GatewayProvider, env: Env = process.env): boolean {
  return requiredEnv[provider].every((name) => Boolean(env[name]))
}

/**
 * The adapter for `provider`, configured from the environment:
 * Midtrans: MIDTRANS_SERVER_KEY, MIDTRANS_IS_PRODUCTION (`true`/`1`), MIDTRANS_BASE_URL (Snap host),
 * MIDTRANS_API_BASE_URL (Core API host);
 * Xendit: XENDIT_SECRET_KEY, XENDIT_CALLBACK_TOKEN, XENDIT_BASE_URL.
 * Throws GatewayConfigError naming the missing variables.
 */
export function gatewayFromEnv(provider: GatewayProvider, env: Env = process.env): PaymentGateway {
  const missing = requiredEnv[provider].filter((name) => !env[name])
  if (missing.length)
    throw new GatewayConfigError(provider, `Payment gateway ${provider} is not configured: set ${missing.join(', ')}`)
  if (provider === 'midtrans') {
    return createMidtransGateway({
      serverKey: env.MIDTRANS_SERVER_KEY!,
      isProduction: /^(true|1|yes)$/i.test(env.MIDTRANS_IS_PRODUCTION ?? ''),
      baseUrl: env.MIDTRANS_BASE_URL || undefined,
      apiBaseUrl: env.MIDTRANS_API_BASE_URL || undefined,
    })
  }
  return createXenditGateway({
    secretKey: env.XENDIT_SECRET_KEY!,
    callbackToken: env.XENDIT_CALLBACK_TOKEN!,
    baseUrl: env.XENDIT_BASE_URL || undefined,
  })
}
