import { describe, expect, it } from 'vitest'

import { normalizeMac } from '../../src/lib/mac'
import { formatRupiah } from '../../src/lib/money'
import { formatPhone, normalizeIndonesianMobile } from '../../src/lib/phone'
import { formatWib, wibDateStamp } from '../../src/lib/wib'

describe('Indonesian mobile numbers', () => {
  it.each([
    ['081234567890', '6281234567890'],
    ['0812-3456-7890', '6281234567890'],
    ['+62 812 3456 7890', '6281234567890'],
    ['6281234567890', '6281234567890'],
    ['(0857) 1234 5678', '6285712345678'],
  ])('%s → %s', (input, stored) => {
    expect(normalizeIndonesianMobile(input)).toBe(stored)
  })

  it.each([
    '',
    '12345',
    '0211234567' /* Jakarta landline: no WhatsApp */,
    '+1 202 555 0101',
    '0812abc34567',
    '0812'.repeat(10),
  ])('rejects %j', (input) => {
    expect(normalizeIndonesianMobile(input)).toBeNull()
  })

  it.each([
    ['6281234567890', '0812-3456-7890'],
    ['628123456789', '0812-3456-789'],
    ['62857123456789', '0857-1234-56789'],
    ['02112345', '02112345'],
    [null, ''],
  ])('shows %j as %j', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown)
  })
})

describe('MAC addresses', () => {
  it.each([
    ['aa:bb:cc:dd:ee:ff', 'AA:BB:CC:DD:EE:FF'],
    ['AA-BB-CC-DD-EE-0F', 'AA:BB:CC:DD:EE:0F'],
    ['aabb.ccdd.eeff', 'AA:BB:CC:DD:EE:FF'],
    ['aabbccddeeff', 'AA:BB:CC:DD:EE:FF'],
  ])('%s → %s', (input, stored) => {
    expect(normalizeMac(input)).toBe(stored)
  })
  it.each(['aa:bb:cc:dd:ee', 'gg:bb:cc:dd:ee:ff', 'aa:bb-cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff:00'])(
    'rejects %j',
    (input) => {
      expect(normalizeMac(input)).toBeNull()
    },
  )
})

describe('Rupiah and WIB', () => {
  it('formats Rupiah without decimals', () => {
    expect(formatRupiah(1_500_000)).toBe('Rp1.500.000')
    expect(formatRupiah(0)).toBe('Rp0')
  })
  it('stamps dates in WIB', () => {
    expect(wibDateStamp(new Date('2025-12-31T17:00:00Z'))).toBe('20260101')
    expect(wibDateStamp(new Date('2025-12-31T16:59:59Z'))).toBe('20251231')
    expect(formatWib('2025-10-10T03:04:00Z')).toContain('10.04 WIB')
  })
})
