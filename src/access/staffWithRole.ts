import type { Access, FieldAccess } from 'payload'

import { hasRole, type StaffRole } from './roles'

/** Staff holding one of the roles (admins always). */
export const staffWithRole =
  (...roles: StaffRole[]): Access =>
  ({ req: { user } }) =>
    hasRole(user, ...roles)

export const staffWithRoleField =
  (...roles: StaffRole[]): FieldAccess =>
  ({ req: { user } }) =>
    hasRole(user, ...roles)
