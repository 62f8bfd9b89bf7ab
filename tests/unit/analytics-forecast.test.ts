import { describe, expect, it } from 'vitest'

import {
  chooseMethod,
  forecastSeries,
  holtWinters,
  linearFit,
  mape,
  trendSeasonal,
} from '../../src/plugins/analytics/operations/forecast'
import { checkTermination } from '../../src/plugins/analytics/operations/termination'
import { addMonths, parseAnalyticsFilters } from '../../src/plugins/analytics/operations/filters'

// A 12-month pattern: Lebaran-ish peak, quiet mid-year.
const SEASON_ADDITIVE = [0, -5, 10, 20, 5, -10, -15, -5, 0, 5, -5, 0]
const SEASON_RATIO = [1, 0.95, 1.1, 1.2, 1.05, 0.9, 0.85, 0.95, 1, 1.05, 0.95, 1]

describe('forecast arithmetic', () => {
  it('fits a straight line exactly', () => {
    expect(linearFit([3, 5, 7, 9])).toEqual({ intercept: 3, slope: 2 })
  })

  it('MAPE by hand: actual 100, 200, 400 vs 110, 180, 400 is (10% + 10% + 0%) / 3', () => {
    expect(mape([100, 200, 400], [110, 180, 400])).toBeCloseTo(20 / 3, 10)
    expect(mape([0, 0], [1, 2])).toBeNull()
  })

  it('chooses trend × season below 24 months and Holt-Winters from 24', () => {
    expect(chooseMethod(23)).toBe('trend_seasonal')
    expect(chooseMethod(24)).toBe('holt_winters')
  })

  it('a linear series of 10 months is continued exactly, with 0% error on the held-out months', () => {
    const y = Array.from({ length: 10 }, (_, t) => 1_000_000 + 50_000 * t)
    const result = forecastSeries(y, 3)!
    expect(result.method).toBe('trend_seasonal')
    expect(result.values).toEqual([1_500_000, 1_550_000, 1_600_000])
    expect(result.mape).toBe(0)
  })

  it('trend × seasonal index recovers a multiplicative seasonal series of 18 months', () => {
    // y = (1000 + 10t) × season[month], starting in March (month index 2).
    const start = 2
    const y = Array.from({ length: 18 }, (_, t) => (1000 + 10 * t) * SEASON_RATIO[(start + t) % 12]!)
    const next = trendSeasonal(y, 3, start)
    const expected = [18, 19, 20].map((t) => (1000 + 10 * t) * SEASON_RATIO[(start + t) % 12]!)
    next.forEach((value, i) => expect(Math.abs(value - expected[i]!) / expected[i]!).toBeLessThan(0.03))
  })

  it('Holt-Winters continues an additive trend + season of 36 months within 0.5%', () => {
    const y = Array.from({ length: 36 }, (_, t) => 500 + 4 * t + SEASON_ADDITIVE[t % 12]!)
    const next = holtWinters(y, 6)
    const expected = [36, 37, 38, 39, 40, 41].map((t) => 500 + 4 * t + SEASON_ADDITIVE[t % 12]!)
    next.forEach((value, i) => expect(Math.abs(value - expected[i]!) / expected[i]!).toBeLessThan(0.005))
    const result = forecastSeries(y, 6)!
    expect(result.method).toBe('holt_winters')
    expect(result.mape).not.toBeNull()
    expect(result.mape!).toBeLessThan(0.5)
  })

  it('needs two months to forecast and five to measure the error', () => {
    expect(forecastSeries([100], 3)).toBeNull()
    expect(forecastSeries([100, 110], 3)!.mape).toBeNull()
    expect(forecastSeries([100, 110, 120, 130, 140], 3)!.mape).toBe(0)
  })
})

describe('analytics filters', () => {
  const query = (params: Record<string, string>) => new URLSearchParams(params)
  const now = new Date('2026-12-07T01:00:00Z')

  it('defaults to the 12 months ending this WIB month', () => {
    expect(parseAnalyticsFilters(query({}), now)).toEqual({ from: '2026-01', to: '2026-12' })
    expect(addMonths('2026-01', -1)).toBe('2025-12')
  })

  it('rejects malformed or impossible ranges in Indonesian', () => {
    expect(() => parseAnalyticsFilters(query({ from: '2026-13' }), now)).toThrow(/YYYY-MM/)
    expect(() => parseAnalyticsFilters(query({ from: '2026-05', to: '2026-04' }), now)).toThrow(/tidak boleh sesudah/)
    expect(() => parseAnalyticsFilters(query({ to: '2027-01' }), now)).toThrow(/melewati bulan ini/)
    expect(() => parseAnalyticsFilters(query({ package: 'abc' }), now)).toThrow(/nomor paket/)
    expect(() => parseAnalyticsFilters(query({ from: '2019-01', to: '2026-01' }), now)).toThrow(/60 bulan/)
  })
})

describe('termination rule', () => {
  it('staff must give a reason when a customer becomes terminated; the date is filled in', () => {
    const now = new Date('2026-12-01T03:00:00Z')
    expect(
      checkTermination({ previous: { status: 'active' }, next: { status: 'terminated' }, byStaff: true }),
    ).toMatchObject({
      ok: false,
      field: 'terminationReason',
    })
    expect(
      checkTermination({
        previous: { status: 'active' },
        next: { status: 'terminated', terminationReason: 'price' },
        byStaff: true,
        now,
      }),
    ).toEqual({ ok: true, terminatedAt: now.toISOString() })
    expect(
      checkTermination({
        previous: { status: 'active' },
        next: { status: 'terminated', terminationReason: 'bosan' },
        byStaff: false,
      }),
    ).toMatchObject({ ok: false })
    // Already terminated, or system work: no reason needed.
    expect(
      checkTermination({ previous: { status: 'terminated' }, next: { status: 'terminated' }, byStaff: true }),
    ).toEqual({ ok: true })
    expect(
      checkTermination({ previous: { status: 'active' }, next: { status: 'terminated' }, byStaff: false, now }).ok,
    ).toBe(true)
  })
})
