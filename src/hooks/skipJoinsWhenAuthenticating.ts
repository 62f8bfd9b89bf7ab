import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Payload's JWT strategy reloads the signed-in account on every request with a by-id read, with
 * access overridden, before any user is on the request. Such a read never needs the customer's
 * join fields (service history, tickets, equipment), which cost more than the portal query itself.
 */
export const skipJoinsWhenAuthenticating: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const read = args as { id?: unknown; overrideAccess?: boolean; joins?: unknown }
  if (
    operation === 'read' &&
    !req.user &&
    read.overrideAccess === true &&
    read.id !== undefined &&
    read.joins === undefined
  ) {
    return { ...args, joins: false }
  }
  return args
}
