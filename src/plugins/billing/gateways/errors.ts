import type { GatewayProvider } from './types'

/** Base of every error the gateway adapters throw, so callers can catch them as a group. */
export class GatewayError extends Error {
  readonly provider: GatewayProvider
  constructor(provider: GatewayProvider, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.provider = provider
  }
}

/** The notification is not from the gateway (bad or missing signature/token). Answer 401. */
export class GatewaySignatureError extends GatewayError {}

/** The notification is not a usable gateway message (bad JSON, missing or invalid fields). Answer 400. */
export class GatewayPayloadError extends GatewayError {}

/** The adapter is missing configuration (keys, URLs). */
export class GatewayConfigError extends GatewayError {}

/**
 * The gateway could not be reached or failed on its side (network error, timeout, 5xx, 429):
 * the same request may succeed later. For Midtrans retry with a new order id, since the first
 * attempt may have been recorded before the connection broke.
 */
export class GatewayUnavailableError extends GatewayError {
  readonly retryable = true
  /** HTTP status when the gateway answered at all. */
  readonly status?: number
  constructor(provider: GatewayProvider, message: string, options?: { cause?: unknown; status?: number }) {
    super(provider, message, options)
    this.status = options?.status
  }
}

/** The gateway refused the request (4xx); sending it again unchanged will fail again. */
export class GatewayRejectedError extends GatewayError {
  readonly retryable = false
  readonly status: number
  /** The gateway's own error messages, for logs and for staff. */
  readonly providerMessages: string[]
  constructor(
    provider: GatewayProvider,
    message: string,
    options: { status: number; providerMessages: string[]; cause?: unknown },
  ) {
    super(provider, message, options)
    this.status = options.status
    this.providerMessages = options.providerMessages
  }
}

/** The gateway refused our credentials (401/403): the server key or secret key is wrong. */
export class GatewayAuthError extends GatewayRejectedError {}
