import type { PayloadRequest } from 'payload'

import { type CohortRow, cohortRetention, mrrHistory, type ReasonRow, terminationReasons } from './customers'
import { type AnalyticsFilters, addMonths, type Month } from './filters'
import { type Forecast, forecastSeries } from './forecast'
import { type BreakdownRow, type MonthMovement, movementAndGrowth } from './movement'

export type RevenueForecast = {
  history: { month: Month; mrr: number }[]
  forecast: (Forecast & { months: Month[] }) | null
}

export type AnalyticsOverview = {
  filters: AnalyticsFilters
  months: MonthMovement[]
  byArea: BreakdownRow[]
  byPackage: BreakdownRow[]
  reasons: ReasonRow[]
  cohorts: CohortRow[]
  revenueForecast: RevenueForecast
}

/** Months the forecast looks ahead (the issue asks for 3–6). */
export const FORECAST_HORIZON = 6

export async function revenueForecast(
  req: PayloadRequest,
  filters: AnalyticsFilters,
  horizon = FORECAST_HORIZON,
): Promise<RevenueForecast> {
  const history = await mrrHistory(req, filters)
  const firstMonthIndex = history.length ? Number(history[0]!.month.slice(5, 7)) - 1 : 0
  const result = forecastSeries(
    history.map((h) => h.mrr),
    horizon,
    firstMonthIndex,
  )
  const last = history.at(-1)?.month
  return {
    history,
    forecast:
      result && last ? { ...result, months: Array.from({ length: horizon }, (_, h) => addMonths(last, h + 1)) } : null,
  }
}

/**
 * Everything on the main analytics view, in one round of queries run side by side (no loop per
 * customer or per month): movement and churn by month, growth by area and package, termination
 * reasons, cohorts and the forecast.
 */
export async function analyticsOverview(req: PayloadRequest, filters: AnalyticsFilters): Promise<AnalyticsOverview> {
  const [{ months, ...breakdown }, reasons, cohorts, forecast] = await Promise.all([
    movementAndGrowth(req, filters),
    terminationReasons(req, filters),
    cohortRetention(req, filters),
    revenueForecast(req, filters),
  ])
  return { filters, months, ...breakdown, reasons, cohorts, revenueForecast: forecast }
}
