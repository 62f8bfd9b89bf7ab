/**
 * Monthly revenue forecasting over a short series (one value per month, oldest first), kept
 * deliberately small and explainable:
 * - fewer than 24 months: least-squares linear trend × seasonal index (the average ratio of each
 *   calendar month to the trend, normalised to average 1; only with at least 12 months);
 * - 24 months or more: additive Holt-Winters (level, trend, 12-month season), its smoothing
 *   factors picked by grid search on the one-step-ahead squared error.
 * The error shown with a forecast is the MAPE of the same method fitted without the last 3
 * months and asked to forecast them.
 */
export type ForecastMethod = 'trend_seasonal' | 'holt_winters'

export const SEASON = 12
export const HOLT_WINTERS_FROM = 24
export const HOLDOUT = 3

export type Forecast = {
  method: ForecastMethod
  /** Forecast values for the next `horizon` months. */
  values: number[]
  /** Mean absolute percentage error (percent) on the last 3 months held out; null when too short. */
  mape: number | null
}

export function chooseMethod(length: number): ForecastMethod {
  return length >= HOLT_WINTERS_FROM ? 'holt_winters' : 'trend_seasonal'
}

/** Mean absolute percentage error in percent, over the pairs whose actual is not zero. */
export function mape(actual: number[], predicted: number[]): number | null {
  const terms = actual
    .map((a, i) => (a === 0 ? null : Math.abs((a - predicted[i]!) / a)))
    .filter((t): t is number => t !== null)
  if (!terms.length) return null
  return (terms.reduce((s, t) => s + t, 0) / terms.length) * 100
}

export function linearFit(y: number[]): { intercept: number; slope: number } {
  const n = y.length
  if (n === 1) return { intercept: y[0]!, slope: 0 }
  const meanX = (n - 1) / 2
  const meanY = y.reduce((s, v) => s + v, 0) / n
  let sxy = 0
  let sxx = 0
  y.forEach((v, x) => {
    sxy += (x - meanX) * (v - meanY)
    sxx += (x - meanX) ** 2
  })
  const slope = sxx === 0 ? 0 : sxy / sxx
  return { intercept: meanY - slope * meanX, slope }
}

/**
 * Linear trend × seasonal index. `firstMonthIndex` is the calendar month (0 = January) of `y[0]`,
 * so the indices attach to calendar months. With fewer than 12 months the index is 1 everywhere.
 */
export function trendSeasonal(y: number[], horizon: number, firstMonthIndex = 0): number[] {
  const index = Array<number>(SEASON).fill(1)
  let line = linearFit(y)
  // With a year or more: the index from the ratios to the trend, then the trend refitted on the
  // deseasonalised series (a few rounds), so the season does not tilt the line.
  if (y.length >= SEASON)
    for (let round = 0; round < 4; round++) {
      const sums = Array<number>(SEASON).fill(0)
      const counts = Array<number>(SEASON).fill(0)
      y.forEach((v, x) => {
        const t = line.intercept + line.slope * x
        if (t === 0) return
        const m = (firstMonthIndex + x) % SEASON
        sums[m]! += v / t
        counts[m]!++
      })
      const raw = sums.map((s, m) => (counts[m] ? s / counts[m]! : 1))
      const mean = raw.reduce((s, v) => s + v, 0) / SEASON
      raw.forEach((v, m) => (index[m] = mean === 0 ? 1 : v / mean))
      line = linearFit(y.map((v, x) => v / index[(firstMonthIndex + x) % SEASON]!))
    }
  return Array.from({ length: horizon }, (_, h) => {
    const x = y.length + h
    return (line.intercept + line.slope * x) * index[(firstMonthIndex + x) % SEASON]!
  })
}

type HwState = { level: number; trend: number; season: number[]; sse: number }

function runHoltWinters(y: number[], alpha: number, beta: number, gamma: number): HwState {
  // Start: the first year's mean sits at its middle (t = 5.5); the trend from the first two
  // years' means; each month's season is its distance from that line; the level is taken at t = 11.
  const first = y.slice(0, SEASON)
  const mean = first.reduce((s, v) => s + v, 0) / SEASON
  let trend = 0
  if (y.length >= 2 * SEASON) {
    const second = y.slice(SEASON, 2 * SEASON).reduce((s, v) => s + v, 0) / SEASON
    trend = (second - mean) / SEASON
  }
  const middle = (SEASON - 1) / 2
  const season = first.map((v, i) => v - (mean + trend * (i - middle)))
  let level = mean + trend * middle
  let sse = 0
  for (let t = SEASON; t < y.length; t++) {
    const s = season[t % SEASON]!
    const predicted = level + trend + s
    sse += (y[t]! - predicted) ** 2
    const previousLevel = level
    level = alpha * (y[t]! - s) + (1 - alpha) * (level + trend)
    trend = beta * (level - previousLevel) + (1 - beta) * trend
    season[t % SEASON] = gamma * (y[t]! - level) + (1 - gamma) * s
  }
  // Rebase the season array so index 0 is the month after the last observation.
  const rotated = Array.from({ length: SEASON }, (_, h) => season[(y.length + h) % SEASON]!)
  return { level, trend, season: rotated, sse }
}

const GRID = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]

/** Additive Holt-Winters with a 12-month season; needs at least 13 months. */
export function holtWinters(y: number[], horizon: number): number[] {
  if (y.length <= SEASON) throw new RangeError('Holt-Winters needs more than 12 months')
  let best: HwState | null = null
  for (const alpha of GRID)
    for (const beta of GRID)
      for (const gamma of GRID) {
        const state = runHoltWinters(y, alpha, beta, gamma)
        if (!best || state.sse < best.sse) best = state
      }
  const { level, trend, season } = best!
  return Array.from({ length: horizon }, (_, h) => level + (h + 1) * trend + season[h % SEASON]!)
}

function fit(method: ForecastMethod, y: number[], horizon: number, firstMonthIndex: number): number[] {
  return method === 'holt_winters' ? holtWinters(y, horizon) : trendSeasonal(y, horizon, firstMonthIndex)
}

/**
 * The forecast for the next `horizon` months (3–6) and its measured error. Needs at least 2 months
 * of history; the error needs at least 3 months more than that.
 */
export function forecastSeries(y: number[], horizon: number, firstMonthIndex = 0): Forecast | null {
  if (y.length < 2) return null
  const method = chooseMethod(y.length)
  const values = fit(method, y, horizon, firstMonthIndex).map((v) => Math.max(0, Math.round(v)))
  let error: number | null = null
  const training = y.slice(0, y.length - HOLDOUT)
  if (training.length >= 2 && (method !== 'holt_winters' || training.length > SEASON)) {
    const predicted = fit(method, training, HOLDOUT, firstMonthIndex)
    const measured = mape(y.slice(-HOLDOUT), predicted)
    error = measured === null ? null : Math.round(measured * 100) / 100
  }
  return { method, values, mape: error }
}
