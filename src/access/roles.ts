import type { PayloadRequest } from 'payload'

/** Staff roles. One role per staff account; the admin role can do everything. */
export const STAFF_ROLES = ['admin', 'finance', 'customer_service', 'technician', 'content_editor'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

type AnyUser = PayloadRequest['user']

export const isStaff = (user: AnyUser): boolean => user?.collection === 'users'
export const isCustomer = (user: AnyUser): boolean => user?.collection === 'customers'

/** True when the user is staff holding one of the roles (admins always qualify). */
export const hasRole = (user: AnyUser, ...roles: StaffRole[]): boolean => {
  if (!user || user.collection !== 'users') return false
  const role = (user as { role?: StaffRole }).role
  return role === 'admin' || (role !== undefined && roles.includes(role))
}
