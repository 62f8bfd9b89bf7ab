import type { PayloadRequest } from 'payload'

import { hasRole, type StaffRole } from '../../access/roles'
import { EndpointError } from '../../lib/endpointKit'

/** Who reads the analytics: admins and finance; the technician ranking also customer service leads. */
export const ANALYTICS_ROLES: StaffRole[] = ['finance']
export const TECHNICIAN_RANKING_ROLES: StaffRole[] = ['finance', 'customer_service']

/** 401 for nobody signed in, 403 for anyone without one of the roles (admins pass). */
export function requireAnalyticsRole(req: PayloadRequest, roles: StaffRole[]): void {
  if (!req.user) throw new EndpointError(401, 'Silakan masuk terlebih dahulu.')
  if (!hasRole(req.user, ...roles)) throw new EndpointError(403, 'Anda tidak berhak melihat analitik ini.')
}
