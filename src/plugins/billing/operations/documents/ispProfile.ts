import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../../db/sql'
import { relationId } from '../../../../lib/relationId'
import type { IspProfile } from '../../documents/types'
import { formatPhone, normalizeIndonesianMobile } from '../../../../lib/phone'

/** The ISP's details as documents print them. */
export type IspProfileData = IspProfile

const LETTERHEAD_FIELDS = {
  ispName: true,
  ispAddress: true,
  ispPhone: true,
  ispEmail: true,
  npwp: true,
  logo: true,
  bankAccounts: true,
  invoiceFooter: true,
} as const

/**
 * A digest of every row the letterhead is drawn from: the billing settings' printed columns, their
 * bank accounts and the logo's media row (a replaced upload changes its file name or `updated_at`).
 * One statement, read on every request for a document, so a letterhead changed by anyone, in any
 * server process, is printed from the next document on.
 */
export const LETTERHEAD_DIGEST = `
  SELECT md5(concat(
    (SELECT row(s.id, s.isp_name, s.isp_address, s.isp_phone, s.isp_email, s.npwp, s.invoice_footer, s.logo_id,
                m.filename, m.mime_type, m.updated_at)::text
       FROM billing_settings s LEFT JOIN media m ON m.id = s.logo_id
      ORDER BY s.id LIMIT 1),
    '|',
    (SELECT string_agg(row(b._parent_id, b._order, b.id, b.bank, b.account_number, b.holder)::text, ',' ORDER BY b._parent_id, b._order)
       FROM billing_settings_bank_accounts b)
  )) AS version`

/**
 * The letterhead last read in this process, with the logo's bytes, under its rows' digest: the
 * read itself, so requests arriving together after a change share one read (and one letterhead
 * object, whose logo the PDF renderer prepares once).
 */
let letterheadMemo: { version: string; reading: Promise<{ profile: IspProfileData; logoMissing: boolean }> } | undefined

/**
 * The ISP profile from the billing settings, with the logo's bytes read from the media folder.
 * Kept in memory while the digest of its rows stays the same; the profile handed out is shared,
 * so callers must not change it. A missing or unreadable logo leaves the document without one
 * rather than failing it.
 */
export async function loadIspProfile(req: PayloadRequest): Promise<IspProfileData> {
  const { rows } = await executeSql(req, sql.raw(LETTERHEAD_DIGEST))
  return ispProfileAt(req, String(rows[0]?.version))
}

/** The letterhead whose rows' digest (`LETTERHEAD_DIGEST`, read by the caller) is `version`. */
export async function ispProfileAt(req: PayloadRequest, version: string): Promise<IspProfileData> {
  let memo = letterheadMemo
  if (memo?.version !== version) {
    // Read after the digest: a change in between is read now and seen as a new digest next time.
    const reading = readIspProfile(req)
    letterheadMemo = memo = { version, reading }
    const mine = memo
    // A logo file that could not be read, or a failed read, is tried again next time rather than kept.
    const forget = () => {
      if (letterheadMemo === mine) letterheadMemo = undefined
    }
    reading.then(({ logoMissing }) => logoMissing && forget(), forget)
  }
  return (await memo.reading).profile
}

async function readIspProfile(req: PayloadRequest): Promise<{ profile: IspProfileData; logoMissing: boolean }> {
  const settings = await req.payload.findGlobal({
    slug: 'billing-settings',
    depth: 0,
    select: LETTERHEAD_FIELDS,
    overrideAccess: true,
    req,
  })
  let logo: Buffer | null = null
  let logoMissing = false
  const logoId = relationId(settings.logo)
  if (logoId !== null) {
    try {
      const media = await req.payload.findByID({
        collection: 'media',
        id: logoId,
        depth: 0,
        select: { filename: true, mimeType: true },
        overrideAccess: true,
        req,
      })
      const staticDir = req.payload.collections.media.config.upload.staticDir ?? 'media'
      if (media.filename && ['image/png', 'image/jpeg'].includes(media.mimeType ?? ''))
        logo = await readFile(path.resolve(staticDir, media.filename))
    } catch {
      logo = null
      logoMissing = true
    }
  }
  const profile: IspProfileData = {
    name: settings.ispName,
    address: settings.ispAddress ?? undefined,
    // A mobile number typed any way prints as `0812-3456-7890`; a landline stays as typed.
    phone: settings.ispPhone
      ? formatPhone(normalizeIndonesianMobile(settings.ispPhone) ?? settings.ispPhone)
      : undefined,
    email: settings.ispEmail ?? undefined,
    npwp: settings.npwp ?? undefined,
    logo,
    bankAccounts: (settings.bankAccounts ?? []).map((a) => ({
      bank: a.bank,
      number: a.accountNumber,
      holder: a.holder,
    })),
    footerNote: settings.invoiceFooter ?? undefined,
  }
  return { profile, logoMissing }
}
