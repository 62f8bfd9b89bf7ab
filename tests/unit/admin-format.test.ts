import { describe, expect, it } from 'vitest'

import { phoneField } from '../../src/fields/phone'
import {
  formatDateTimeShortWib,
  formatDayShortWib,
  formatPhone,
  formatRupiah,
  humanizeKey,
  mapHref,
  telHref,
} from '../../src/lib/format'
import { pickLanguage, translatePayloadEnglish } from '../../src/lib/language'
import { entityVisibleTo } from '../../src/plugins/adminUx/roles'
import { triggerLabel } from '../../src/plugins/adminUx/labels'

type Check = (value: unknown, args: { required?: boolean; req?: unknown }) => true | string
const check = phoneField().validate as unknown as Check
const indonesian = { i18n: { language: 'id' } }
const english = { i18n: { language: 'en' } }

describe('one formatting layer', () => {
  it('Rupiah without decimals, WIB dates with the year, phones as people type them', () => {
    expect(formatRupiah(350_000)).toBe('Rp350.000')
    // 12:00 UTC is 19:00 WIB on the same day; 20:00 UTC is the next WIB day.
    expect(formatDateTimeShortWib('2026-12-16T12:00:00Z')).toBe('16 Des 2026 19.00 WIB')
    expect(formatDayShortWib('2026-01-31T20:00:00Z')).toBe('1 Feb 2026')
    expect(formatDateTimeShortWib(null)).toBe('–')
    expect(formatPhone('6281234567890')).toBe('0812-3456-7890')
    expect(telHref('6281234567890')).toBe('tel:+6281234567890')
    expect(mapHref({ latitude: -6.2, longitude: 106.8 })).toContain('query=-6.2,106.8')
    expect(mapHref({ address: 'Jl. Melati 5, Bekasi' })).toContain('Jl.%20Melati%205%2C%20Bekasi')
    expect(mapHref({})).toBeNull()
  })

  it('keys read as words: triggers by their names, variables humanised', () => {
    expect(triggerLabel('invoice_issued', 'id')).toBe('Tagihan bulanan terbit')
    expect(triggerLabel('invoice_issued', 'en')).toBe('Monthly invoice issued')
    expect(humanizeKey('nomor_pelanggan')).toBe('Nomor pelanggan')
  })
})

describe('the phone check normalises like the save does', () => {
  it('accepts a corrected 0812-3456-7890 as typed, as well as +62 and 62 forms', () => {
    for (const typed of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '0812 3456 7890'])
      expect(check(typed, { required: true, req: indonesian })).toBe(true)
  })

  it("refuses a wrong number in the reader's language only", () => {
    expect(check('0812-34', { required: true, req: indonesian })).toBe(
      'Nomor HP tidak valid: gunakan nomor seluler Indonesia, mis. 0812-3456-7890',
    )
    expect(check('0812-34', { required: true, req: english })).toMatch(/^Invalid phone/)
    expect(check('', { required: true, req: indonesian })).toBe('Nomor HP wajib diisi')
  })
})

describe('messages in one language', () => {
  it('keeps the half of a bilingual message in the reader language, and leaves other text alone', () => {
    expect(pickLanguage('Periode harus YYYY-MM / Period must be YYYY-MM', 'id')).toBe('Periode harus YYYY-MM')
    expect(pickLanguage('Periode harus YYYY-MM / Period must be YYYY-MM', 'en')).toBe('Period must be YYYY-MM')
    expect(pickLanguage('Nomor / alamat', 'id')).toBe('Nomor / alamat')
  })

  it("translates Payload's English upload messages for Indonesian readers", () => {
    expect(
      translatePayloadEnglish(
        'The following field is invalid: file (File type text/plain (from extension txt) is not allowed.)',
        'id',
      ),
    ).toBe('Isian berikut tidak valid: file (Jenis berkas text/plain (ekstensi txt) tidak diizinkan.)')
    expect(translatePayloadEnglish('File type text/plain (from extension txt) is not allowed.', 'en')).toBe(
      'File type text/plain (from extension txt) is not allowed.',
    )
  })
})

describe('menu per role', () => {
  const as = (role: string) => ({ collection: 'users', role })
  it("hides what a role does not work on, and leaves other capabilities' collections alone", () => {
    for (const slug of ['routers', 'message-templates', 'messages', 'billing-settings', 'users'])
      expect(entityVisibleTo(slug, as('technician'))).toBe(false)
    expect(entityVisibleTo('tickets', as('technician'))).toBe(true)
    expect(entityVisibleTo('payments', as('finance'))).toBe(true)
    expect(entityVisibleTo('routers', as('finance'))).toBe(false)
    expect(entityVisibleTo('routers', as('admin'))).toBe(true)
    expect(entityVisibleTo('some-new-collection', as('technician'))).toBe(true)
  })
})

describe('the language of a raw request', () => {
  it('follows the admin language cookie, then Accept-Language, else Indonesian', async () => {
    const { languageFromHeaders } = await import('../../src/lib/language')
    expect(languageFromHeaders('payload-lng=en', 'id-ID')).toBe('en')
    expect(languageFromHeaders(undefined, 'en-US,en;q=0.9')).toBe('en')
    expect(languageFromHeaders('other=1', 'fr-FR, id;q=0.8')).toBe('id')
    expect(languageFromHeaders(undefined, undefined)).toBe('id')
  })
})
