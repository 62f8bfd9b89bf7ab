import type { CollectionAfterErrorHook, CollectionAfterOperationHook, CollectionBeforeOperationHook } from 'payload'

import { beginResetTokenAttempt, countPasswordResetRequest, resetTokenAccepted } from '../operations/passwordReset'
import {
  accountLogins,
  beginSignInAttempt,
  failLikeWrongPasswordUnlessAccountExists,
  liftAccountWaits,
  loginName,
  signInInterrupted,
  signInSucceeded,
} from '../operations/signIn'

/**
 * Payload's login, forgot-password and reset-password operations are what every path to them runs
 * (REST in any spelling, each GraphQL alias, the portal login, the Local API): attempts are counted
 * here, before a password or token is checked.
 */
export const guardSignIn: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation === 'login') {
    // The signed-in account is read back with its own access (never overridden, whoever calls) and
    // at the collection's auth depth: only what the account may read itself, relationships as ids.
    const ownAccess = { ...args, overrideAccess: false, showHiddenFields: false, depth: collection.auth.depth }
    const login = loginName(collection, args.data)
    const password = (args.data as { password?: unknown } | undefined)?.password
    if (!login || typeof password !== 'string' || !password.trim()) return ownAccess
    await beginSignInAttempt({ req, collection: collection.slug, login })
    try {
      await failLikeWrongPasswordUnlessAccountExists({ req, collection, login, password })
    } catch (error) {
      signInInterrupted(req, error)
      throw error
    }
    return ownAccess
  }
  if (operation === 'forgotPassword' && !req.context.queuedPasswordReset) {
    const login = loginName(collection, args.data)
    if (login) await countPasswordResetRequest(req, `${collection.slug}:${login}`)
  }
  if (operation === 'resetPassword') {
    await beginResetTokenAttempt(req, collection, (args.data as { token?: unknown } | undefined)?.token)
  }
  return args
}

/** After a right password or reset token, and after staff unlock an account: see `guardSignIn`. */
export const settleSignIn: CollectionAfterOperationHook = async ({ args, collection, operation, req, result }) => {
  if (operation === 'login') {
    const login = loginName(collection, (args as { data?: unknown }).data)
    if (login) await signInSucceeded({ req, collection: collection.slug, login })
  }
  if (operation === 'resetPassword') {
    const user = (result as { user?: { email?: string | null; username?: string | null } } | undefined)?.user
    const login = user?.username ?? user?.email
    await resetTokenAccepted(req, login ? await accountLogins({ req, collection, login }) : [])
  }
  if (operation === 'unlock') {
    const login = loginName(collection, (args as { data?: unknown }).data)
    if (login) await liftAccountWaits({ req, collection, login })
  }
  return result
}

/** A sign-in the database cut short (after it was counted) is taken back: see `signInInterrupted`. */
export const forgiveInterruptedSignIn: CollectionAfterErrorHook = ({ error, req }) => {
  signInInterrupted(req, error)
}
