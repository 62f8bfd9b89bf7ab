import { daysInPeriod, type Period, type WibDay } from '../calendar'

export type LineInput = {
  description: string
  kind: 'package' | 'proration' | 'one_off' | 'discount'
  quantity: number
  unitPrice: number
}
export type Line = LineInput & { amount: number }
export type InvoiceTotals = { subtotal: number; discountTotal: number; ppn: number; ppnRate: number; total: number }

/**
 * Totals of an invoice in whole Rupiah. Charges add to the subtotal, negative lines (discounts)
 * to the discount total; PPN is charged on what remains, at the effective rate (11% = 12% on a
 * base of 11/12), rounded to the Rupiah. A total never goes below zero.
 */
export function computeTotals(lines: LineInput[], ppnRate: number | null): { lines: Line[]; totals: InvoiceTotals } {
  const priced = lines.map((line) => ({ ...line, amount: line.quantity * line.unitPrice }))
  const subtotal = priced.filter((l) => l.amount > 0).reduce((sum, l) => sum + l.amount, 0)
  const discounts = priced.filter((l) => l.amount < 0).reduce((sum, l) => sum - l.amount, 0)
  const discountTotal = Math.min(subtotal, discounts)
  const base = subtotal - discountTotal
  const rate = ppnRate ?? 0
  const ppn = Math.round((base * rate) / 100)
  return { lines: priced, totals: { subtotal, discountTotal, ppn, ppnRate: rate, total: base + ppn } }
}

/**
 * A customer's recurring monthly revenue as billing prices it: the package line of a full month
 * less the customer's discounts waiting for the next invoice, by the rule of `computeTotals`
 * (discounts never take it below zero), before PPN (tax is not revenue). One-off charges and
 * prorata are not recurring and do not count. The MRR snapshot (analytics) computes the same in
 * SQL; tests/int/analytics.test.ts holds the two to the same fixtures.
 */
export function recurringRevenue(packagePrice: number, discounts: number[]): number {
  return computeTotals(
    [
      { description: 'paket', kind: 'package', quantity: 1, unitPrice: packagePrice },
      ...discounts.map((d) => ({
        description: 'diskon',
        kind: 'discount' as const,
        quantity: 1,
        unitPrice: -Math.abs(d),
      })),
    ],
    null,
  ).totals.total
}

/**
 * The share of a month's price for service from `activeFrom` to the end of the period
 * (both days counted), or the full price when service started before the period.
 */
export function proratedPrice(
  price: number,
  period: Period,
  activeFrom: WibDay | null,
): { amount: number; days: number; totalDays: number } {
  const totalDays = daysInPeriod(period)
  if (!activeFrom || activeFrom.slice(0, 7) < period) return { amount: price, days: totalDays, totalDays }
  if (activeFrom.slice(0, 7) > period) return { amount: 0, days: 0, totalDays }
  const days = totalDays - Number(activeFrom.slice(8, 10)) + 1
  return { amount: Math.round((price * days) / totalDays), days, totalDays }
}
