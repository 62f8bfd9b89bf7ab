import type { Access, Where } from 'payload'

import { hasRole, isCustomer, type StaffRole } from './roles'

/**
 * Office staff with one of the roles see every row; a logged-in customer sees only rows whose
 * `ownerField` points at them; everyone else sees nothing.
 */
export const officeStaffOrOwner =
  (ownerField: string, ...roles: StaffRole[]): Access =>
  ({ req: { user } }) => {
    if (hasRole(user, ...roles)) return true
    if (user && isCustomer(user)) return { [ownerField]: { equals: user.id } } as Where
    return false
  }
