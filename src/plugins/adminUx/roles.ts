import type { StaffRole } from '../../access/roles'

/**
 * What each staff role works on, for the admin's navigation: the collections and globals it sees
 * (the others are hidden from its menu, not from its access rules), and the order of the menu's
 * groups, its daily work first. Admins see everything. Collections not named here (added by other
 * capabilities) keep their own visibility.
 */
export const ROLE_ENTITIES: Record<Exclude<StaffRole, 'admin'>, readonly string[]> = {
  finance: [
    'invoices',
    'payments',
    'billing-adjustments',
    'gateway-payments',
    'customers',
    'packages',
    'service-history',
    'tickets',
    'ticket-comments',
    'package-change-requests',
    'messages',
    'media',
    'billing-settings',
  ],
  customer_service: [
    'customers',
    'package-change-requests',
    'tickets',
    'ticket-comments',
    'service-history',
    'equipment',
    'packages',
    'invoices',
    'payments',
    'messages',
    'message-templates',
    'knowledge-base',
    'media',
    'network-incidents',
    'customer-outages',
  ],
  technician: [
    'tickets',
    'ticket-comments',
    'customers',
    'equipment',
    'service-history',
    'knowledge-base',
    'media',
    'network-incidents',
    'network-nodes',
  ],
  content_editor: ['knowledge-base', 'portal-notices', 'message-templates', 'media'],
}

/** Every collection and global the role lists above speak of; only these are hidden by role. */
export const MANAGED_ENTITIES: ReadonlySet<string> = new Set([
  'customers',
  'packages',
  'tickets',
  'service-history',
  'equipment',
  'knowledge-base',
  'media',
  'users',
  'number-sequences',
  'scheduled-runs',
  'worker-heartbeats',
  'staff-alerts',
  'payload-jobs',
  'backups',
  'auth-throttles',
  'whatsapp-events',
  'messages',
  'message-templates',
  'gateway-events',
  'payments',
  'gateway-payments',
  'network-actions',
  'invoices',
  'routers',
  'billing-adjustments',
  'billing-settings',
  'notification-settings',
  // Monitoring, portal and analytics records: the working lists for CS and technicians, the rest
  // (raw events, polls, daily figures, sign-in codes) for admins; analytics has its own views.
  'network-incidents',
  'customer-outages',
  'network-nodes',
  'network-events',
  'router-polls',
  'usage-daily',
  'monitoring-settings',
  'portal-login-codes',
  'package-change-requests',
  'portal-notices',
  'ticket-comments',
  'mrr-snapshots',
])

/** Menu groups (by their English label) in the order each role works through them. */
export const ROLE_GROUP_ORDER: Record<StaffRole, readonly string[]> = {
  admin: ['Customers', 'Support', 'Billing', 'Notifications', 'Network', 'Catalogue', 'Content', 'Settings', 'System'],
  finance: ['Billing', 'Customers', 'Catalogue', 'Support', 'Notifications', 'Settings'],
  customer_service: ['Customers', 'Support', 'Billing', 'Notifications', 'Catalogue', 'Content', 'Settings'],
  technician: ['Support', 'Customers', 'Content', 'Settings'],
  content_editor: ['Content', 'Notifications', 'Settings'],
}

type MaybeStaff = { collection?: string; role?: string } | null | undefined

export function staffRoleOf(user: MaybeStaff): StaffRole | null {
  if (!user || (user.collection !== undefined && user.collection !== 'users')) return null
  return (user.role as StaffRole | undefined) ?? null
}

/** True when the entity belongs in this user's menu. */
export function entityVisibleTo(slug: string, user: MaybeStaff): boolean {
  if (!MANAGED_ENTITIES.has(slug)) return true
  const role = staffRoleOf(user)
  if (role === 'admin') return true
  if (!role) return false
  return ROLE_ENTITIES[role].includes(slug)
}
