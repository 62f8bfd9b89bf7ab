import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { PayloadRequest } from 'payload'

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

let logoMemo: { key: string; bytes: Buffer } | undefined
/** The logo file's bytes, read once per media file and version (a replaced upload bumps `updatedAt`). */
async function logoBytes(file: string, updatedAt: string): Promise<Buffer> {
  const key = `${file}|${updatedAt}`
  if (logoMemo?.key !== key) logoMemo = { key, bytes: await readFile(file) }
  return logoMemo.bytes
}

/**
 * The ISP profile from the billing settings, with the logo's bytes read from the media folder.
 * A missing or unreadable logo leaves the document without one rather than failing it.
 */
export async function loadIspProfile(req: PayloadRequest): Promise<IspProfileData> {
  // The letterhead only; every request for a document reads it.
  const settings = await req.payload.findGlobal({
    slug: 'billing-settings',
    depth: 0,
    select: LETTERHEAD_FIELDS,
    overrideAccess: true,
    req,
  })
  let logo: Buffer | null = null
  const logoId = relationId(settings.logo)
  if (logoId !== null) {
    try {
      const media = await req.payload.findByID({
        collection: 'media',
        id: logoId,
        depth: 0,
        select: { filename: true, mimeType: true, updatedAt: true },
        overrideAccess: true,
        req,
      })
      const staticDir = req.payload.collections.media.config.upload.staticDir ?? 'media'
      if (media.filename && ['image/png', 'image/jpeg'].includes(media.mimeType ?? ''))
        logo = await logoBytes(path.resolve(staticDir, media.filename), media.updatedAt)
    } catch {
      logo = null
    }
  }
  return {
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
}
