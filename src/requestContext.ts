import type { Customer, Payment } from './payload-types'
import type { NotificationSettings } from './plugins/notifications/operations/settings'

/**
 * Every `req.context` key the app reads, declared once. Context flags tell a collection hook that a
 * system path is writing (so the hook stands aside) or carry what that path knows; they are set only
 * by server code, never from a request body.
 */
declare module 'payload' {
  export interface RequestContext {
    /** Billing's own writes (payment application, voiding, mid-month changes): hooks do not re-price or re-check. */
    billingSystemWrite?: boolean
    /** Where a payment created by system code came from. */
    paymentSource?: NonNullable<Payment['source']>
    /** The status system code creates a payment with (a gateway settlement is verified). */
    paymentStatus?: Payment['status']
    /** Record-payment's key, already scoped to the account; used by the next payment created, once. */
    paymentIdempotencyKey?: string
    /** Why a customer's router state is changing, for the network action's log. */
    networkActionReason?: string
    /** Who suspended a customer (billing's isolir run, or staff by hand). */
    suspensionSource?: NonNullable<Customer['suspensionSource']>
    /** The password-reset task running Payload's forgot-password: the request was counted when it came in. */
    queuedPasswordReset?: boolean
    /** The throttle keys a sign-in in progress counted on (taken back if the database cuts it short). */
    signInAttemptKeys?: import('./plugins/auth/operations/throttle').ThrottleKey[]
    /** Seeds and bulk imports: no message goes out for these writes. */
    skipNotifications?: boolean
    /** Per-request caches. */
    notificationSettings?: NotificationSettings
    technicianCustomerIds?: number[]
  }
}
