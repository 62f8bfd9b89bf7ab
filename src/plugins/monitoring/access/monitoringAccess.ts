import type { Access, FieldAccess, Where } from 'payload'

import { hasRole, isCustomer } from '../../../access/roles'

/** Staff roles that follow the network: customer service, technicians and finance (admins always). */
export const NETWORK_STAFF_ROLES = ['customer_service', 'technician', 'finance'] as const

export const networkStaff: Access = ({ req: { user } }) => hasRole(user, ...NETWORK_STAFF_ROLES)
export const networkStaffField: FieldAccess = ({ req: { user } }) => hasRole(user, ...NETWORK_STAFF_ROLES)

/** Network staff see every row; a signed-in customer only rows whose `customer` is them. */
export const networkStaffOrOwnCustomer: Access = ({ req: { user } }): boolean | Where => {
  if (hasRole(user, ...NETWORK_STAFF_ROLES)) return true
  if (user && isCustomer(user)) return { customer: { equals: user.id } }
  return false
}

/**
 * Network staff see every incident; a customer only the incidents that affect them. The list of
 * affected customers itself is staff-only (field access), so a customer never learns who else is
 * affected.
 */
export const networkStaffOrAffectedCustomer: Access = ({ req: { user } }): boolean | Where => {
  if (hasRole(user, ...NETWORK_STAFF_ROLES)) return true
  if (user && isCustomer(user)) return { affectedCustomers: { equals: user.id } }
  return false
}
