import type { Endpoint } from 'payload'

import { answer, EndpointError, readJsonObject } from '../../../lib/endpointKit'
import {
  CODE_SENT_MESSAGE,
  requestLoginCode,
  resetPasswordWithCode,
  signInCustomer,
  verifyLoginCode,
} from '../operations/loginCodes'

const purposeOf = (value: unknown) => {
  if (value === undefined || value === 'login') return 'login' as const
  if (value === 'reset') return 'reset' as const
  throw new EndpointError(400, 'Tujuan kode harus "login" atau "reset".')
}

/** `POST /api/portal/code` `{ phone, purpose? }`: a one-time code over WhatsApp (same answer for any number). */
export const requestCodeEndpoint: Endpoint = {
  path: '/portal/code',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const body = await readJsonObject(req)
      await requestLoginCode({ req, phone: body.phone, purpose: purposeOf(body.purpose) })
      return Response.json({ message: CODE_SENT_MESSAGE })
    }),
}

/** `POST /api/portal/code/login` `{ phone, code }`: signs in with the code (token and cookie, as a login). */
export const codeLoginEndpoint: Endpoint = {
  path: '/portal/code/login',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const body = await readJsonObject(req)
      const customerId = await verifyLoginCode({ req, phone: body.phone, code: body.code, purpose: 'login' })
      return signInCustomer(req, customerId)
    }),
}

/** `POST /api/portal/password-reset` `{ phone, code, password }`: a new password after a reset code. */
export const passwordResetEndpoint: Endpoint = {
  path: '/portal/password-reset',
  method: 'post',
  handler: (req) =>
    answer(async () => {
      const body = await readJsonObject(req)
      if (typeof body.password !== 'string' || body.password.length < 8 || body.password.length > 256)
        throw new EndpointError(400, 'Kata sandi baru minimal 8 karakter.')
      const customerId = await verifyLoginCode({ req, phone: body.phone, code: body.code, purpose: 'reset' })
      await resetPasswordWithCode(req, customerId, body.password)
      return Response.json({ message: 'Kata sandi baru tersimpan. Silakan masuk.' })
    }),
}
