import { createLocalReq, type Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { up as sealPlainPasswords } from '../../src/migrations/20261127_234500_router_password_sealed'
import { testPayload, unique } from '../helpers/payload'

/** Router API passwords are stored sealed and read back in plain by the app (and admins) only. */
let payload: Payload
let db: pg.Client
beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
})
afterAll(async () => {
  await db?.end()
})

const stored = async (id: number) =>
  String((await db.query('SELECT password FROM routers WHERE id = $1', [id])).rows[0].password)
const readBack = async (id: number) =>
  (await payload.findByID({ collection: 'routers', id, depth: 0, overrideAccess: true })).password
const newRouter = (password: string) =>
  payload.create({
    collection: 'routers',
    data: {
      name: unique('Router sandi '),
      baseUrl: 'https://10.9.0.1',
      username: 'api',
      password,
      defaultMethod: 'pppoe',
    },
    overrideAccess: true,
  })

describe('router passwords', () => {
  it('are stored sealed, read back in plain, and stay the same when other fields change', async () => {
    const router = await newRouter('Rahasia-Router#2026')
    expect(router.password).toBe('Rahasia-Router#2026')
    const sealed = await stored(router.id)
    expect(sealed).toMatch(/^enc:v1:[A-Za-z0-9+/]+=*$/)
    expect(sealed).not.toContain('Rahasia')
    expect(await readBack(router.id)).toBe('Rahasia-Router#2026')

    await payload.update({
      collection: 'routers',
      id: router.id,
      data: { name: unique('Router ganti nama ') },
      overrideAccess: true,
    })
    expect(await stored(router.id)).toMatch(/^enc:v1:/)
    expect(await readBack(router.id)).toBe('Rahasia-Router#2026')
    // A new password is sealed anew; the same password twice does not give the same stored text.
    await payload.update({
      collection: 'routers',
      id: router.id,
      data: { password: 'Rahasia-Router#2026' },
      overrideAccess: true,
    })
    expect(await stored(router.id)).not.toBe(sealed)
    expect(await readBack(router.id)).toBe('Rahasia-Router#2026')
  })

  it('stored in plain before sealing are sealed by the migration', async () => {
    const router = await newRouter('sementara')
    await db.query("UPDATE routers SET password = 'sandi-lama-polos' WHERE id = $1", [router.id])
    // Still readable meanwhile.
    expect(await readBack(router.id)).toBe('sandi-lama-polos')
    const req = await createLocalReq({}, payload)
    await sealPlainPasswords({ db: (payload.db as unknown as { drizzle: never }).drizzle, payload, req } as never)
    expect(await stored(router.id)).toMatch(/^enc:v1:/)
    expect(await readBack(router.id)).toBe('sandi-lama-polos')
  })

  it('that cannot be unsealed (changed, or another PAYLOAD_SECRET) read as empty instead of failing the read', async () => {
    const router = await newRouter('akan-rusak')
    const sealed = await stored(router.id)
    const raw = Buffer.from(sealed.slice('enc:v1:'.length), 'base64')
    raw[20] = raw[20]! ^ 0xff
    await db.query('UPDATE routers SET password = $2 WHERE id = $1', [router.id, `enc:v1:${raw.toString('base64')}`])
    expect(await readBack(router.id)).toBeNull()
    const others = await payload.find({
      collection: 'routers',
      where: { id: { equals: router.id } },
      overrideAccess: true,
    })
    expect(others.docs[0]!.name).toBe(router.name)
  })
})
