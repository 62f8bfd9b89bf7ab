import type { CollectionBeforeOperationHook, FieldAccess, Where } from 'payload'

/**
 * Messages whose text is a secret for the customer alone (the one-time sign-in code): sent as any
 * other message, but their text, variables and interactive content are readable by nobody through
 * the API or the admin (staff included), and cannot be searched by those fields either.
 */
export const SECRET_TRIGGERS = ['login_code'] as const

export const isSecretMessage = (doc: unknown): boolean =>
  !!doc &&
  typeof doc === 'object' &&
  (SECRET_TRIGGERS as readonly string[]).includes(String((doc as { trigger?: unknown }).trigger))

/** Field read access for the secret-carrying fields: nobody reads them on a secret message. */
export const unlessSecretMessage: FieldAccess = ({ doc, siblingData }) => !isSecretMessage(doc ?? siblingData)

export const SECRET_FIELDS = ['body', 'variables', 'interactive'] as const

function touchesSecretField(where: unknown): boolean {
  if (!where || typeof where !== 'object') return false
  if (Array.isArray(where)) return where.some(touchesSecretField)
  return Object.entries(where).some(
    ([key, value]) => SECRET_FIELDS.some((f) => key === f || key.startsWith(`${f}.`)) || touchesSecretField(value),
  )
}

const notSecret: Where = {
  or: [{ trigger: { exists: false } }, { trigger: { not_in: [...SECRET_TRIGGERS] } }],
}

/**
 * A search by a secret-carrying field (the admin's search box, `where[body][like]`) never matches a
 * secret message: otherwise the code could be guessed digit by digit from which rows match.
 */
export const secretMessagesUnsearchable: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'read' && operation !== 'count' && operation !== 'readDistinct') return args
  if (args.overrideAccess === true || !('where' in args) || !touchesSecretField(args.where)) return args
  return { ...args, where: { and: [args.where as Where, notSecret] } }
}
