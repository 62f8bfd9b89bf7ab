import crypto from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { getFieldsToSign, jwtSign, type PayloadRequest } from 'payload'
import { generatePayloadCookie } from 'payload/shared'

import { executeSqlOutsideTransaction } from '../../../db/sql'
import { EndpointError } from '../../../lib/endpointKit'
import { normalizeIndonesianMobile } from '../../../lib/phone'
import { clientAddress } from '../../auth/operations/clientAddress'
import { countAttempt, type ThrottleKey, type ThrottleRule } from '../../auth/operations/throttle'
import { notify } from '../../notifications'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const CODE_TTL_MS = 5 * MINUTE
export const CODE_MAX_TRIES = 5
export type CodePurpose = 'login' | 'reset'

/** How often codes may be asked for and tried (see "Portal" in the README). */
export const CODE_RULES = {
  /** Codes sent to one number, whoever asks. */
  sendPerNumber: { free: 3, firstWaitMs: 5 * MINUTE, maxWaitMs: HOUR, forgetAfterMs: DAY },
  /** Codes asked for from one client address, whatever number. */
  sendPerAddress: { free: 10, firstWaitMs: 5 * MINUTE, maxWaitMs: HOUR, forgetAfterMs: DAY },
  /** Codes typed from one client address, right or wrong. */
  verifyPerAddress: { free: 20, firstWaitMs: MINUTE, maxWaitMs: 15 * MINUTE, forgetAfterMs: HOUR },
} satisfies Record<string, ThrottleRule>

/** The answer to every code request: the same whether or not the number belongs to a customer. */
export const CODE_SENT_MESSAGE =
  'Jika nomor ini terdaftar, kode 6 angka sudah dikirim lewat WhatsApp. Kode berlaku 5 menit.'
export const WRONG_CODE_MESSAGE = 'Kode salah atau sudah kedaluwarsa. Minta kode baru bila perlu.'

const hashCode = (secret: string, phone: string, code: string) =>
  crypto.createHmac('sha256', secret).update(`portal-code:${phone}:${code}`).digest('hex')

function phoneOrError(input: unknown): string {
  const phone = typeof input === 'string' ? normalizeIndonesianMobile(input) : null
  if (!phone) throw new EndpointError(400, 'Nomor HP tidak valid. Contoh: 0812-3456-7890.')
  return phone
}

function addressKey(req: PayloadRequest, prefix: string, rule: ThrottleRule): ThrottleKey[] {
  const address = clientAddress(req)
  return address ? [{ key: `${prefix}:address:${address}`, rule }] : []
}

/**
 * Sends a one-time code to a customer's WhatsApp (template `login_code`), for signing in or for
 * setting a new password. Counted per number and per client address before anything is looked
 * up; the caller always answers `CODE_SENT_MESSAGE`, so the answer does not tell whether the
 * number belongs to a customer. A new code replaces the number's earlier unused ones.
 */
export async function requestLoginCode({
  req,
  phone: phoneInput,
  purpose,
}: {
  req: PayloadRequest
  phone: unknown
  purpose: CodePurpose
}): Promise<void> {
  const phone = phoneOrError(phoneInput)
  await countAttempt(
    req.payload,
    [
      { key: `portal-code-send:phone:${phone}`, rule: CODE_RULES.sendPerNumber },
      ...addressKey(req, 'portal-code-send', CODE_RULES.sendPerAddress),
    ],
    req,
  )
  // Signing in has no user yet: the account is found by its phone number, as the password sign-in
  // (portal-login) finds it, and nothing of it is answered.
  const found = await req.payload.find({
    collection: 'customers',
    where: { and: [{ phone: { equals: phone } }, { status: { not_equals: 'terminated' } }] },
    select: { name: true },
    limit: 2,
    depth: 0,
    overrideAccess: true,
    req,
  })
  // One number shared by two customers: a code could not say whose account it opens.
  if (found.docs.length !== 1) return
  const customer = found.docs[0]!
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
  await executeSqlOutsideTransaction(
    req.payload,
    sql`UPDATE portal_login_codes SET used_at = now() WHERE phone = ${phone} AND used_at IS NULL`,
  )
  const row = await req.payload.create({
    collection: 'portal-login-codes',
    data: {
      phone,
      purpose,
      customer: customer.id,
      codeHash: hashCode(req.payload.secret, phone, code),
      expiresAt: new Date(Date.now() + CODE_TTL_MS).toISOString(),
      attempts: 0,
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await notify({
    req,
    trigger: 'login_code',
    customerId: customer.id,
    variables: { kode: code },
    dedupeKey: `login_code:${row.id}`,
    channel: 'whatsapp',
  })
}

/**
 * Checks a code typed for a number: right, unexpired, unused and tried fewer than 5 times. A right
 * code is used up at once (a second use fails); each wrong one counts against the code. Answers
 * the customer's id, or throws the same 401 for every kind of wrong.
 */
export async function verifyLoginCode({
  req,
  phone: phoneInput,
  code,
  purpose,
}: {
  req: PayloadRequest
  phone: unknown
  code: unknown
  purpose: CodePurpose
}): Promise<number> {
  const phone = phoneOrError(phoneInput)
  if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim())) throw new EndpointError(400, 'Kode harus 6 angka.')
  await countAttempt(req.payload, addressKey(req, 'portal-code-verify', CODE_RULES.verifyPerAddress), req)
  // The try is counted before the code is compared, in one statement: parallel guesses cannot
  // share a try.
  const { rows } = await executeSqlOutsideTransaction(
    req.payload,
    sql`UPDATE portal_login_codes SET attempts = attempts + 1
        WHERE id = (SELECT id FROM portal_login_codes
                    WHERE phone = ${phone} AND purpose = ${purpose} AND used_at IS NULL
                      AND expires_at > now() AND attempts < ${CODE_MAX_TRIES}
                    ORDER BY created_at DESC LIMIT 1)
        RETURNING id, customer_id, code_hash`,
  )
  const row = rows[0] as { id: number; customer_id: number; code_hash: string } | undefined
  const expected = Buffer.from(row?.code_hash ?? '0'.repeat(64), 'hex')
  const given = Buffer.from(hashCode(req.payload.secret, phone, code.trim()), 'hex')
  const same = expected.length === given.length && crypto.timingSafeEqual(expected, given)
  if (!row || !same) throw new EndpointError(401, WRONG_CODE_MESSAGE)
  const { rows: used } = await executeSqlOutsideTransaction(
    req.payload,
    sql`UPDATE portal_login_codes SET used_at = now() WHERE id = ${row.id} AND used_at IS NULL RETURNING id`,
  )
  if (used.length === 0) throw new EndpointError(401, WRONG_CODE_MESSAGE)
  return Number(row.customer_id)
}

/**
 * A session for a customer who proved their number with a code: a token and cookie like those of
 * Payload's own login (a session row when the collection keeps sessions), and the customer as they
 * may read themself.
 */
export async function signInCustomer(req: PayloadRequest, customerId: number): Promise<Response> {
  const { payload } = req
  const collectionConfig = payload.collections.customers.config
  const account = (await payload.db.findOne({
    collection: 'customers',
    where: { id: { equals: customerId } },
    req,
  })) as Record<string, unknown> & { id: number; email?: string | null; sessions?: { expiresAt: string | Date }[] }
  if (!account) throw new EndpointError(401, WRONG_CODE_MESSAGE)
  let sid: string | undefined
  if (collectionConfig.auth.useSessions) {
    sid = crypto.randomUUID()
    const now = new Date()
    const session = {
      id: sid,
      createdAt: now,
      expiresAt: new Date(now.getTime() + collectionConfig.auth.tokenExpiration * 1000),
    }
    account.sessions = [...(account.sessions ?? []).filter((s) => new Date(s.expiresAt) > now), session]
    // As Payload's login adds a session: the row as read, updatedAt left alone.
    await payload.db.updateOne({
      id: customerId,
      collection: 'customers',
      data: { ...account, updatedAt: null },
      req,
      returning: false,
    })
  }
  const user = { ...account, collection: 'customers' } as unknown as PayloadRequest['user']
  const { token, exp } = await jwtSign({
    fieldsToSign: getFieldsToSign({ collectionConfig, email: account.email ?? '', sid, user }),
    secret: payload.secret,
    tokenExpiration: collectionConfig.auth.tokenExpiration,
  })
  const me = await payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 0,
    joins: false,
    overrideAccess: false,
    user,
    req,
  })
  const cookie = generatePayloadCookie({
    collectionAuthConfig: collectionConfig.auth,
    cookiePrefix: payload.config.cookiePrefix,
    token,
  })
  return Response.json(
    { message: 'Berhasil masuk', token, exp, user: me },
    { status: 200, headers: { 'Set-Cookie': cookie } },
  )
}

/** Sets a new password for the customer who proved their number, as that customer (own-record access). */
export async function resetPasswordWithCode(req: PayloadRequest, customerId: number, password: unknown): Promise<void> {
  if (typeof password !== 'string' || password.length < 8 || password.length > 256)
    throw new EndpointError(400, 'Kata sandi baru minimal 8 karakter.')
  await req.payload.update({
    collection: 'customers',
    id: customerId,
    data: { password },
    overrideAccess: false,
    user: { id: customerId, collection: 'customers' } as unknown as PayloadRequest['user'],
    depth: 0,
    req,
    context: { customerPasswordProven: true },
  })
}
