import type { Access, FieldAccess } from 'payload'

import { isStaff } from './roles'

export const anyStaff: Access = ({ req: { user } }) => isStaff(user)
export const anyStaffField: FieldAccess = ({ req: { user } }) => isStaff(user)
