import type { CollectionBeforeValidateHook } from 'payload'

import { isCustomer } from '../access/roles'
import { DomainError } from '../lib/errors'

export const PASSWORD_NEEDS_CURRENT =
  'Kata sandi hanya bisa diganti dengan memasukkan kata sandi lama (menu Profil), atau lewat kode WhatsApp di halaman Lupa kata sandi.'

/**
 * A customer's own write may not carry a new password unless the path proved who they are (the
 * current password, or a WhatsApp reset code): a stolen session cannot lock the owner out.
 */
export const customerPasswordNeedsProof: CollectionBeforeValidateHook = ({ data, operation, req, context }) => {
  if (operation === 'update' && data?.password && req.user && isCustomer(req.user) && !context.customerPasswordProven)
    throw new DomainError('forbidden', PASSWORD_NEEDS_CURRENT)
  return data
}
