import pg from 'pg'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import {
  ispProfileAt,
  LETTERHEAD_DIGEST,
  loadIspProfile,
} from '../../src/plugins/billing/operations/documents/ispProfile'
import { testPayload } from '../helpers/payload'

let payload: Payload
let db: pg.Client
let req: PayloadRequest
let saved: Record<string, unknown> | undefined

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Client({ connectionString: inject('databaseUrl') })
  await db.connect()
  req = await createLocalReq({}, payload)
  const settings = await payload.findGlobal({ slug: 'billing-settings', depth: 0, overrideAccess: true })
  saved = { ispName: settings.ispName, ispAddress: settings.ispAddress, bankAccounts: settings.bankAccounts ?? [] }
})
afterAll(async () => {
  if (saved)
    await payload.updateGlobal({
      slug: 'billing-settings',
      data: {
        ...saved,
        bankAccounts: (saved.bankAccounts as { bank: string; accountNumber: string; holder: string }[]).map(
          ({ bank, accountNumber, holder }) => ({ bank, accountNumber, holder }),
        ),
      },
      overrideAccess: true,
    })
  await db.end()
})

describe('the letterhead on invoice PDFs', () => {
  it('is read once while unchanged, and a change by any process is printed from the next document on', async () => {
    await payload.updateGlobal({
      slug: 'billing-settings',
      data: {
        ispName: 'NetKita Fiber',
        ispAddress: 'Jl. Raya Bogor No. 1',
        bankAccounts: [{ bank: 'BCA', accountNumber: '111', holder: 'PT NetKita' }],
      },
      overrideAccess: true,
    })
    const first = await loadIspProfile(req)
    expect(first).toMatchObject({ name: 'NetKita Fiber', address: 'Jl. Raya Bogor No. 1' })
    expect(first.bankAccounts).toEqual([{ bank: 'BCA', number: '111', holder: 'PT NetKita' }])
    // Unchanged: the same letterhead, not read again.
    expect(await loadIspProfile(req)).toBe(first)

    // Changed in SQL, as another server process (or a restore) would leave it: seen at once.
    await db.query(`UPDATE billing_settings SET isp_name = 'NetKita Fiber Nusantara'`)
    expect((await loadIspProfile(req)).name).toBe('NetKita Fiber Nusantara')
    await db.query(`UPDATE billing_settings_bank_accounts SET account_number = '222'`)
    expect((await loadIspProfile(req)).bankAccounts).toEqual([{ bank: 'BCA', number: '222', holder: 'PT NetKita' }])

    // Changed through Payload: seen at once too, bank accounts removed included.
    await payload.updateGlobal({
      slug: 'billing-settings',
      data: { ispAddress: 'Jl. Margonda No. 2', bankAccounts: [] },
      overrideAccess: true,
    })
    const after = await loadIspProfile(req)
    expect(after).toMatchObject({ name: 'NetKita Fiber Nusantara', address: 'Jl. Margonda No. 2', bankAccounts: [] })

    // Downloads arriving together after a change share one read and one letterhead (whose logo
    // the renderer then prepares once): all of them ask before any read has finished.
    await db.query(`UPDATE billing_settings SET isp_name = 'NetKita'`)
    const { rows } = await db.query<{ version: string }>(LETTERHEAD_DIGEST)
    const together = await Promise.all(Array.from({ length: 8 }, () => ispProfileAt(req, rows[0]!.version)))
    expect(together[0]!.name).toBe('NetKita')
    for (const profile of together) expect(profile).toBe(together[0])
  })
})
