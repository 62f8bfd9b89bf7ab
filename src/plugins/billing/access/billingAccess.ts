import type { Access, FieldAccess } from 'payload'

import { hasRole, isCustomer } from '../../../access/roles'

/** Office staff (finance, customer service, admin) see every row; a customer only their own. */
export const officeOrOwnCustomer: Access = ({ req: { user } }) => {
  if (hasRole(user, 'finance', 'customer_service')) return true
  if (user && isCustomer(user)) return { customer: { equals: user.id } }
  return false
}

/** Fields office staff (finance, customer service) may write; never customers. */
export const financeOrServiceField: FieldAccess = ({ req: { user } }) => hasRole(user, 'finance', 'customer_service')
