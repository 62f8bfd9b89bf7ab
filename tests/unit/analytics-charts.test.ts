import { describe, expect, it } from 'vitest'

import { customerMovementChart, mrrMovementChart, signed } from '../../src/plugins/analytics/operations/chartRows'
import type { MonthMovement } from '../../src/plugins/analytics/operations/movement'

function month(m: string, over: Partial<MonthMovement>): MonthMovement {
  return {
    month: m,
    complete: true,
    startMrr: 0,
    newMrr: 0,
    expansionMrr: 0,
    contractionMrr: 0,
    churnedMrr: 0,
    endMrr: 0,
    netMrr: 0,
    startCustomers: 0,
    gainedCustomers: 0,
    lostCustomers: 0,
    endCustomers: 0,
    netCustomers: 0,
    logoChurn: null,
    revenueChurn: null,
    grossRetention: null,
    netRetention: null,
    arpu: null,
    ...over,
  }
}

describe('chart series signs', () => {
  it('one rule: gains positive, losses negative, levels as they are, never -0', () => {
    expect(signed(150_000, 'gain')).toBe(150_000)
    expect(signed(150_000, 'loss')).toBe(-150_000)
    expect(signed(-150_000, 'loss')).toBe(-150_000)
    expect(signed(-2.5, 'level')).toBe(-2.5)
    expect(Object.is(signed(0, 'loss'), 0)).toBe(true)
  })

  it('MRR movement: contraction and churn below zero in every month, the current one included', () => {
    const months = [
      // A full month: gains much larger than losses (where stacking without the sign rule went wrong).
      month('2026-10', { newMrr: 3_000_000, expansionMrr: 500_000, contractionMrr: 100_000, churnedMrr: 250_000 }),
      month('2026-11', { newMrr: 2_000_000, expansionMrr: 0, contractionMrr: 0, churnedMrr: 400_000 }),
      // The current month: few gains yet.
      month('2026-12', { newMrr: 150_000, expansionMrr: 0, contractionMrr: 50_000, churnedMrr: 300_000 }),
      // Incomplete months are not drawn.
      month('2027-01', { complete: false, newMrr: 1 }),
    ]
    const { rows, series } = mrrMovementChart(months)
    expect(series.map((s) => [s.key, s.sign])).toEqual([
      ['baru', 'gain'],
      ['ekspansi', 'gain'],
      ['kontraksi', 'loss'],
      ['churn', 'loss'],
    ])
    expect(rows).toEqual([
      { month: '2026-10', baru: 3_000_000, ekspansi: 500_000, kontraksi: -100_000, churn: -250_000 },
      { month: '2026-11', baru: 2_000_000, ekspansi: 0, kontraksi: 0, churn: -400_000 },
      { month: '2026-12', baru: 150_000, ekspansi: 0, kontraksi: -50_000, churn: -300_000 },
    ])
  })

  it('customers: gained above zero, lost below', () => {
    const { rows } = customerMovementChart([month('2026-11', { gainedCustomers: 12, lostCustomers: 3 })])
    expect(rows).toEqual([{ month: '2026-11', bertambah: 12, berkurang: -3 }])
  })
})
