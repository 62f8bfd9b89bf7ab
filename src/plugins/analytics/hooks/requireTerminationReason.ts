import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { isStaff } from '../../../access/roles'
import { checkTermination } from '../operations/termination'

/** Staff terminating a customer must give a reason; the termination date is filled in. */
export const requireTerminationReason: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const result = checkTermination({
    previous: originalDoc,
    next: { ...originalDoc, ...data },
    byStaff: isStaff(req.user),
  })
  if (!result.ok) throw new ValidationError({ errors: [{ path: result.field, message: result.message }] })
  if (result.terminatedAt) data.terminatedAt = result.terminatedAt
  return data
}
