import type { Access, FieldAccess, Where } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { hasRole, isCustomer } from '../../../access/roles'
import { executeSql } from '../../../db/sql'
import { incidentsOfCustomer } from '../operations/affected'

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
 * Network staff see every incident; a customer only the incidents that affect them, by the one
 * definition (`incidentOutages`: their node is the incident's or beneath it, and one of their
 * outages overlaps it), looked up here and handed to Payload as ids. Who else is affected is
 * shown to staff only.
 */
export const networkStaffOrAffectedCustomer: Access = async ({ req }): Promise<boolean | Where> => {
  const { user } = req
  if (hasRole(user, ...NETWORK_STAFF_ROLES)) return true
  if (!user || !isCustomer(user)) return false
  const { rows } = await executeSql(req, sql`SELECT incident_id FROM ${incidentsOfCustomer(Number(user.id))} x`)
  // No incident id is 0: a customer affected by none sees an empty list, not an error.
  return { id: { in: rows.length ? rows.map((r) => Number(r.incident_id)) : [0] } }
}
