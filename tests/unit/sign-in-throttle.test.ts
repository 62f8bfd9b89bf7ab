import { describe, expect, it } from 'vitest'

import { throttleAddress } from '../../src/plugins/auth/operations/clientAddress'
import { type ThrottleRule, TooManyAttempts, waitAfter } from '../../src/plugins/auth/operations/throttle'

describe('sign-in throttle waits', () => {
  const rule: ThrottleRule = { free: 5, firstWaitMs: 60_000, maxWaitMs: 15 * 60_000, forgetAfterMs: 24 * 3600_000 }

  it('lets the free attempts through, then doubles the wait up to the longest', () => {
    expect([1, 2, 3, 4].map((n) => waitAfter(rule, n))).toEqual([null, null, null, null])
    expect([5, 6, 7, 8, 9, 10, 1000].map((n) => waitAfter(rule, n))).toEqual([
      60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000,
    ])
  })

  it('tells the wait in whole minutes, in Indonesian first', () => {
    expect(new TooManyAttempts(1).message).toMatch(/^Terlalu banyak percobaan\. Coba lagi dalam 1 menit\. \//)
    expect(new TooManyAttempts(60).message).toMatch(/dalam 1 menit/)
    expect(new TooManyAttempts(61).message).toMatch(/dalam 2 menit/)
    expect(new TooManyAttempts(61).status).toBe(429)
  })
})

describe('client addresses as counted', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:0::/56'],
    ['2001:db8:1:ff::ffff', '2001:db8:1:0::/56'],
    ['2001:db8:1:1ff::1', '2001:db8:1:100::/56'],
    ['2001:DB8:0001:aa02:aaaa::1', '2001:db8:1:aa00::/56'],
    ['::1', '0:0:0:0::/56'],
  ])('%s → %s', (raw, counted) => {
    expect(throttleAddress(raw)).toBe(counted)
  })
})
