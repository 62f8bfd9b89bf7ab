import type { Endpoint, PayloadRequest } from 'payload'
import { generatePayloadCookie } from 'payload/shared'

import { NUL_MESSAGE } from '../lib/input'
import { normalizeIndonesianMobile } from '../lib/phone'
import { beginSignInAttempt } from '../plugins/auth/operations/signIn'

const MAX_LOGIN_LENGTH = 64
const MAX_PASSWORD_LENGTH = 256

const json = (status: number, body: unknown, headers?: HeadersInit) => Response.json(body, { status, headers })

/** Finds the login name (customer number) for a customer number or a phone number typed any way. */
export async function resolveCustomerLogin(
  req: PayloadRequest,
  login: string,
): Promise<{ username: string } | { error: string; status: number }> {
  const phone = normalizeIndonesianMobile(login)
  if (!phone) return { username: login.trim().toUpperCase() }
  const found = await req.payload.find({
    collection: 'customers',
    where: { phone: { equals: phone } },
    select: { username: true },
    limit: 2,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (found.docs.length > 1) {
    // Said without checking a password: counted like a guess, so phones cannot be probed freely.
    await beginSignInAttempt({ req, collection: 'customers', login: phone })
    return {
      status: 409,
      error: 'Nomor HP ini terdaftar untuk lebih dari satu pelanggan. Silakan masuk dengan nomor pelanggan.',
    }
  }
  // An unknown phone falls through to a login that fails like a wrong password: no account probing.
  return { username: (found.docs[0]?.username as string | undefined) ?? `unknown-${phone}` }
}

/**
 * POST /api/customers/portal-login `{ login, password }`: customer portal sign-in with the customer
 * number or the phone number. Answers like Payload's own login (token, user, exp, cookie).
 */
export const portalLoginEndpoint: Endpoint = {
  path: '/portal-login',
  method: 'post',
  handler: async (req) => {
    let body: unknown
    try {
      body = await req.json?.()
    } catch {
      return json(400, { errors: [{ message: 'Isi permintaan harus berupa JSON yang sah.' }] })
    }
    const { login, password } = (body ?? {}) as { login?: unknown; password?: unknown }
    if (typeof login !== 'string' || typeof password !== 'string' || !login.trim() || !password) {
      return json(400, {
        errors: [{ message: 'Isi nomor pelanggan atau nomor HP, dan kata sandi / login and password are required' }],
      })
    }
    if (login.includes('\u0000') || password.includes('\u0000'))
      return json(400, { errors: [{ message: NUL_MESSAGE }] })
    if (login.length > MAX_LOGIN_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      return json(400, { errors: [{ message: 'Data masuk terlalu panjang / login or password too long' }] })
    }
    try {
      const resolved = await resolveCustomerLogin(req, login)
      if ('error' in resolved) return json(resolved.status, { errors: [{ message: resolved.error }] })
      // The answer is the customer as they may read themself (no router, no staff notes), at depth 0.
      const result = await req.payload.login({
        collection: 'customers',
        data: { username: resolved.username, password },
        overrideAccess: false,
        depth: 0,
        req,
      })
      const collection = req.payload.collections.customers.config
      const cookie = generatePayloadCookie({
        collectionAuthConfig: collection.auth,
        cookiePrefix: req.payload.config.cookiePrefix,
        token: result.token!,
      })
      return json(
        200,
        { message: 'Berhasil masuk', token: result.token, exp: result.exp, user: result.user },
        { 'Set-Cookie': cookie },
      )
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500
      if (status >= 500) throw error
      // The sign-in throttle's refusal (TooManyAttempts), with its Retry-After header.
      if (status === 429) return json(429, { errors: [{ message: (error as Error).message }] })
      return json(401, { errors: [{ message: 'Nomor pelanggan/HP atau kata sandi salah.' }] })
    }
  },
}
