import type { Endpoint } from 'payload'

import { answer, readJsonObject } from '../../../lib/endpointKit'
import { changeCustomerPassword } from '../operations/password'

/** `POST /api/portal/password` `{ currentPassword, password }`: the signed-in customer's new password. */
export const changePasswordEndpoint: Endpoint = {
  path: '/portal/password',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const body = await readJsonObject(req)
      await changeCustomerPassword({ req, currentPassword: body.currentPassword, newPassword: body.password })
      return Response.json({ message: 'Kata sandi baru tersimpan.' })
    }),
}
