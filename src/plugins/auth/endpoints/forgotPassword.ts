import type { Endpoint } from 'payload'

import { answer, readJsonObject } from '../../../lib/endpointKit'
import { requestPasswordReset } from '../operations/passwordReset'

/**
 * POST /api/<collection>/forgot-password `{ email }` (customers: `{ username }` or `{ email }`), in
 * place of Payload's own: the same answer as Payload's, given at once whether or not the account
 * exists; the email goes out from a worker.
 */
export const forgotPasswordEndpoint = (collection: string): Endpoint => ({
  path: '/forgot-password',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      await requestPasswordReset({ req, collection, data: await readJsonObject(req) })
      return Response.json({ message: req.t('general:success') })
    }),
})

/**
 * POST /api/<collection>/first-register, refused: Payload lets anyone create the first account of
 * an empty auth collection, with every field as they like. Staff create customer accounts.
 */
export const noFirstRegisterEndpoint: Endpoint = {
  path: '/first-register',
  method: 'post',
  handler: () =>
    Response.json(
      {
        errors: [{ message: 'Akun dibuat oleh staf, tidak bisa didaftarkan sendiri / accounts are created by staff' }],
      },
      { status: 403 },
    ),
}
