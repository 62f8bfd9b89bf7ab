import { describe, expect, it } from 'vitest'

import {
  canMove,
  GATEWAY_PAYMENT_NEXT,
  INVOICE_STATUS_NEXT,
  invoiceStatusFor,
  PAYMENT_STATUS_NEXT,
} from '../../src/plugins/billing/model'
import { computeTotals, proratedPrice, type LineInput } from '../../src/plugins/billing/operations/invoices/invoiceMath'

const line = (kind: LineInput['kind'], unitPrice: number, quantity = 1): LineInput => ({
  description: kind,
  kind,
  quantity,
  unitPrice,
})

describe('computeTotals', () => {
  it('prices each line as quantity × unit price', () => {
    const { lines } = computeTotals([line('package', 200_000), line('one_off', 25_000, 3)], null)
    expect(lines.map((l) => l.amount)).toEqual([200_000, 75_000])
  })

  it('adds charges to the subtotal and negative lines to the discount total', () => {
    expect(computeTotals([line('package', 300_000), line('discount', -50_000)], null).totals).toEqual({
      subtotal: 300_000,
      discountTotal: 50_000,
      ppn: 0,
      ppnRate: 0,
      total: 250_000,
    })
  })

  it('never discounts below zero', () => {
    expect(computeTotals([line('package', 100_000), line('discount', -999_999)], 11).totals).toMatchObject({
      discountTotal: 100_000,
      ppn: 0,
      total: 0,
    })
  })

  it('charges PPN on what remains after discounts, rounded to the Rupiah', () => {
    // 11% of 199.999 is 21.999,89 → 22.000; of 183.333 (after a 16.666 discount) 20.166,63 → 20.167.
    expect(computeTotals([line('package', 199_999)], 11).totals).toMatchObject({ ppn: 22_000, total: 221_999 })
    expect(computeTotals([line('package', 199_999), line('discount', -16_666)], 11).totals).toMatchObject({
      subtotal: 199_999,
      discountTotal: 16_666,
      ppn: 20_167,
      ppnRate: 11,
      total: 203_500,
    })
  })

  it('an invoice without lines costs nothing', () => {
    expect(computeTotals([], 11).totals).toEqual({ subtotal: 0, discountTotal: 0, ppn: 0, ppnRate: 11, total: 0 })
  })
})

describe('proratedPrice', () => {
  it('is the full price when service started before the period, or is unknown', () => {
    expect(proratedPrice(300_000, '2026-11', '2026-10-31')).toEqual({ amount: 300_000, days: 30, totalDays: 30 })
    expect(proratedPrice(300_000, '2026-11', null)).toEqual({ amount: 300_000, days: 30, totalDays: 30 })
  })

  it('counts the first day of service and the last of the month', () => {
    expect(proratedPrice(300_000, '2026-11', '2026-11-01')).toEqual({ amount: 300_000, days: 30, totalDays: 30 })
    expect(proratedPrice(300_000, '2026-11', '2026-11-30')).toEqual({ amount: 10_000, days: 1, totalDays: 30 })
    // 15 of 31 days of 350.001 is 169.355,32 → 169.355.
    expect(proratedPrice(350_001, '2026-12', '2026-12-17')).toEqual({ amount: 169_355, days: 15, totalDays: 31 })
  })

  it('knows February in leap years', () => {
    expect(proratedPrice(290_000, '2028-02', '2028-02-20')).toEqual({ amount: 100_000, days: 10, totalDays: 29 })
    expect(proratedPrice(280_000, '2027-02', '2027-02-19')).toEqual({ amount: 100_000, days: 10, totalDays: 28 })
  })

  it('is nothing for a period before service starts', () => {
    expect(proratedPrice(300_000, '2026-11', '2026-12-01')).toEqual({ amount: 0, days: 0, totalDays: 30 })
  })
})

describe('billing state machines', () => {
  it('invoice status follows what is still owed', () => {
    expect(invoiceStatusFor(100_000, 100_000)).toBe('unpaid')
    expect(invoiceStatusFor(100_000, 40_000)).toBe('partially_paid')
    expect(invoiceStatusFor(100_000, 0)).toBe('paid')
    expect(invoiceStatusFor(0, 0)).toBe('paid')
  })

  it('void invoices and decided payments stay as they are', () => {
    expect(INVOICE_STATUS_NEXT.void).toEqual([])
    expect(canMove(PAYMENT_STATUS_NEXT, 'pending', 'verified')).toBe(true)
    expect(canMove(PAYMENT_STATUS_NEXT, 'verified', 'pending')).toBe(false)
    expect(canMove(PAYMENT_STATUS_NEXT, 'rejected', 'verified')).toBe(false)
  })

  it('pay links only move forward, and a cancelled one can still be paid', () => {
    expect(canMove(GATEWAY_PAYMENT_NEXT, 'pending', 'paid')).toBe(true)
    expect(canMove(GATEWAY_PAYMENT_NEXT, 'cancelled', 'paid')).toBe(true)
    expect(canMove(GATEWAY_PAYMENT_NEXT, 'paid', 'pending')).toBe(false)
    expect(canMove(GATEWAY_PAYMENT_NEXT, 'paid', 'paid')).toBe(false)
    expect(canMove(GATEWAY_PAYMENT_NEXT, 'paid', 'refunded')).toBe(true)
  })
})
