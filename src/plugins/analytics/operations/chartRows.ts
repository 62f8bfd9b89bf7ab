import type { MonthMovement } from './movement'

/**
 * How a chart series is signed. One rule for every chart: a gain is drawn above zero, a loss
 * below it (its value is negative in the rows the chart gets), a level (a total, a rate) as it is.
 * The chart stacks with the sign offset, so negative bars stack downwards from zero whatever the
 * size of the positive bars of the same month.
 */
export type SeriesSign = 'gain' | 'loss' | 'level'

export function signed(value: number, sign: SeriesSign): number {
  if (value === 0) return 0
  if (sign === 'loss') return -Math.abs(value)
  if (sign === 'gain') return Math.abs(value)
  return value
}

export type SignedSeries = { key: string; label: string; sign: SeriesSign; color: string }
export type ChartRow = Record<string, string | number | null>

function rowsFor(months: MonthMovement[], series: (SignedSeries & { value: (m: MonthMovement) => number })[]) {
  return months
    .filter((m) => m.complete)
    .map((m) => {
      const row: ChartRow = { month: m.month }
      for (const s of series) row[s.key] = signed(s.value(m), s.sign)
      return row
    })
}

const strip = ({ key, label, sign, color }: SignedSeries): SignedSeries => ({ key, label, sign, color })

const MRR_SERIES = [
  { key: 'baru', label: 'Baru', sign: 'gain', color: 'var(--theme-success-500)', value: (m) => m.newMrr },
  { key: 'ekspansi', label: 'Ekspansi', sign: 'gain', color: '#4c8bf5', value: (m) => m.expansionMrr },
  { key: 'kontraksi', label: 'Kontraksi', sign: 'loss', color: '#f5a623', value: (m) => m.contractionMrr },
  { key: 'churn', label: 'Churn', sign: 'loss', color: 'var(--theme-error-500)', value: (m) => m.churnedMrr },
] satisfies (SignedSeries & { value: (m: MonthMovement) => number })[]

const CUSTOMER_SERIES = [
  {
    key: 'bertambah',
    label: 'Bertambah',
    sign: 'gain',
    color: 'var(--theme-success-500)',
    value: (m) => m.gainedCustomers,
  },
  {
    key: 'berkurang',
    label: 'Berkurang',
    sign: 'loss',
    color: 'var(--theme-error-500)',
    value: (m) => m.lostCustomers,
  },
] satisfies (SignedSeries & { value: (m: MonthMovement) => number })[]

/** The MRR movement chart: new and expansion above zero, contraction and churn below, per complete month. */
export function mrrMovementChart(months: MonthMovement[]): { rows: ChartRow[]; series: SignedSeries[] } {
  return { rows: rowsFor(months, MRR_SERIES), series: MRR_SERIES.map(strip) }
}

/** Customers gained (above zero) and lost (below zero), per complete month. */
export function customerMovementChart(months: MonthMovement[]): { rows: ChartRow[]; series: SignedSeries[] } {
  return { rows: rowsFor(months, CUSTOMER_SERIES), series: CUSTOMER_SERIES.map(strip) }
}
