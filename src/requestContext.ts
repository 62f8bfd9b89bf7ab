import type { NotificationSettings } from './plugins/notifications/operations/settings'

/**
 * Every `req.context` key the app reads, declared once; set only by server code, never from a
 * request body. Flags keep a hook from re-running on its own plugin's writes or carry what a path
 * knows to the hook that acts on it. A system path that needs a different outcome calls an explicit
 * operation instead (`recordSystemPayment`), keeping the hooks for the admin UI's writes.
 */
declare module 'payload' {
  export interface RequestContext {
    /** Billing's own writes (payment application, voiding, mid-month changes): hooks do not re-price or re-check. */
    billingSystemWrite?: boolean
    /** Record-payment's key, already scoped to the account; used by the next payment created, once. */
    paymentIdempotencyKey?: string
    /** Why a customer's router state is changing, for the network action's log. */
    networkActionReason?: string
    /** The password-reset task running Payload's forgot-password: the request was counted when it came in. */
    queuedPasswordReset?: boolean
    /** The throttle keys a sign-in in progress counted on (taken back if the database cuts it short). */
    signInAttemptKeys?: import('./plugins/auth/operations/throttle').ThrottleKey[]
    /** A customer's new password on a path that proved who they are (current password, or a WhatsApp reset code). */
    customerPasswordProven?: boolean
    /** Seeds and bulk imports: no message goes out for these writes. */
    skipNotifications?: boolean
    /** Per-request caches. */
    notificationSettings?: NotificationSettings
    technicianCustomerIds?: number[]
  }
}
