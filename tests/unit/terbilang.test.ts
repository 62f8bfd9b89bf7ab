import { describe, expect, it } from 'vitest'

import { terbilang, terbilangRupiah } from '../../src/lib/terbilang'
import { formatDateWib } from '../../src/lib/wib'

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [2000, 'dua ribu'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_000, 'seratus satu ribu'],
    [166_500, 'seratus enam puluh enam ribu lima ratus'],
    [1_000_000, 'satu juta'],
    [1_001_000, 'satu juta seribu'],
    [1_500_000, 'satu juta lima ratus ribu'],
    [2_000_000_001, 'dua miliar satu'],
    [1_000_000_000_000, 'satu triliun'],
    [
      Number.MAX_SAFE_INTEGER,
      'sembilan kuadriliun tujuh triliun seratus sembilan puluh sembilan miliar dua ratus lima puluh empat juta tujuh ratus empat puluh ribu sembilan ratus sembilan puluh satu',
    ],
  ])('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words)
  })

  it.each([-1, -1_500_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'rejects %d',
    (n) => {
      expect(() => terbilang(n)).toThrow(RangeError)
    },
  )

  it('says rupiah after the amount', () => {
    expect(terbilangRupiah(1_500_000)).toBe('satu juta lima ratus ribu rupiah')
    expect(terbilangRupiah(0)).toBe('nol rupiah')
  })
})

describe('formatDateWib', () => {
  it('gives the WIB calendar day in Indonesian', () => {
    expect(formatDateWib('2026-11-27')).toBe('27 November 2026')
    // 20:00 UTC is already the next day in Jakarta (UTC+7).
    expect(formatDateWib(new Date('2026-11-27T20:00:00Z'))).toBe('28 November 2026')
    expect(formatDateWib('2026-08-16T16:59:59Z')).toBe('16 Agustus 2026')
  })

  it('refuses something that is not a date', () => {
    expect(() => formatDateWib('bukan tanggal')).toThrow(RangeError)
  })
})
