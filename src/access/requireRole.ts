import type { PayloadRequest } from 'payload'

import { DomainError } from '../lib/errors'
import { hasRole, type StaffRole } from './roles'

/**
 * For endpoints and operations acting for a person: refuses nobody signed in (`unauthenticated`)
 * and anyone without one of the roles (`forbidden`; admins always pass).
 */
export function requireRole(
  req: PayloadRequest,
  roles: StaffRole[],
  refusal = 'Anda tidak berhak melakukan ini.',
): asserts req is PayloadRequest & { user: NonNullable<PayloadRequest['user']> } {
  if (!req.user) throw new DomainError('unauthenticated', 'Silakan masuk terlebih dahulu.')
  if (!hasRole(req.user, ...roles)) throw new DomainError('forbidden', refusal)
}
