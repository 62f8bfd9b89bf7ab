/**
 * What went wrong when a provider refused a message, sorted by what the sender should do about it.
 * Every error carries the provider's own code (Meta's `error.code`, e.g. 131047) when it gave one.
 */
export type ChannelErrorKind =
  /** Outside the 24 h customer-service window: send an approved template instead (131047). */
  | 'outside_window'
  /** The number cannot receive WhatsApp (not on WhatsApp, blocked, …): use another channel (131026). */
  | 'undeliverable'
  /** Too many messages (130429 throughput, 131056 per-pair rate): wait and try again. */
  | 'rate_limited'
  /** The template or its parameters do not match what the provider approved (132000, 132001): fix the template. */
  | 'template'
  /** The access token is wrong or expired (190): nothing goes out until an admin fixes it. */
  | 'auth'
  /** The request itself was refused (bad number, bad parameter): sending again will not help. */
  | 'rejected'
  /** Network error, timeout or a 5xx: try again later. */
  | 'transient'
  /** The channel has no credentials configured. */
  | 'not_configured'

export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    message: string,
    /** The provider's error code, when it gave one. */
    readonly code?: number,
    /** The HTTP status of the provider's answer, when there was one. */
    readonly httpStatus?: number,
  ) {
    super(message)
    this.name = 'ChannelError'
  }

  /**
   * The request went out and no answer came back (a timeout, a dropped connection): the provider may
   * have accepted it. A connection that was never opened (refused, unknown host) is not this.
   */
  maybeAccepted = false

  /** A send whose answer never arrived; see `maybeAccepted`. */
  static noAnswer(provider: string, error: unknown): ChannelError {
    const failure = new ChannelError('transient', `${provider} tidak dapat dihubungi: ${(error as Error).message}`)
    const code = ((error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code) as
      string | undefined
    failure.maybeAccepted = !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(
      code ?? '',
    )
    return failure
  }

  /** Whether the same request may succeed later without any change. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient' || this.kind === 'auth'
  }
}

/** Meta's error codes mapped to what the sender does about them. */
export function whatsappErrorKind(code: number | undefined, httpStatus?: number): ChannelErrorKind {
  switch (code) {
    case 131047:
      return 'outside_window'
    case 131026:
      return 'undeliverable'
    case 130429:
    case 131056:
    case 80007:
      return 'rate_limited'
    case 132000:
    case 132001:
    case 132005:
    case 132007:
    case 132012:
    case 132015:
    case 132016:
      return 'template'
    case 190:
    case 0:
      return 'auth'
    case 131000:
    case 1:
    case 2:
    case 131016:
      return 'transient'
    default:
      if (httpStatus === 401) return 'auth'
      if (httpStatus === 429) return 'rate_limited'
      if (httpStatus === undefined || httpStatus >= 500) return 'transient'
      return 'rejected'
  }
}
