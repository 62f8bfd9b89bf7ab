'use client'

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export type ChartFormat = 'rupiah' | 'percent' | 'count'
export type ChartSeries = {
  key: string
  label: string
  kind: 'bar' | 'line'
  color: string
  /** Bars with the same stack id are stacked. */
  stack?: string
  dashed?: boolean
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des']

/** `2026-03` → `Mar 26`; other labels as they are. */
export function shortMonth(value: unknown): string {
  const text = String(value)
  const match = /^(\d{4})-(\d{2})$/.exec(text)
  return match ? `${MONTHS[Number(match[2]) - 1]} ${match[1]!.slice(2)}` : text
}

function shortNumber(value: number, format: ChartFormat): string {
  if (format === 'percent') return `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`
  const abs = Math.abs(value)
  const prefix = format === 'rupiah' ? 'Rp' : ''
  if (abs >= 1_000_000_000)
    return `${prefix}${(value / 1_000_000_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} M`
  if (abs >= 1_000_000)
    return `${prefix}${(value / 1_000_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} jt`
  if (abs >= 1_000) return `${prefix}${(value / 1_000).toLocaleString('id-ID', { maximumFractionDigits: 0 })} rb`
  return `${prefix}${value.toLocaleString('id-ID')}`
}

function fullNumber(value: number, format: ChartFormat): string {
  if (format === 'percent') return `${value.toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`
  if (format === 'rupiah') return `Rp${Math.round(value).toLocaleString('id-ID')}`
  return value.toLocaleString('id-ID')
}

/**
 * A bar/line chart (recharts) over rows keyed by `x`: fits its container's width, so it reads on
 * a laptop and on a phone. Formats are named, not functions, so a server view can render it.
 * Stacked bars use the sign offset: positive values stack upwards from zero and negative ones
 * (losses, see `operations/chartRows.ts`) downwards from zero, whatever their sizes.
 */
export function Chart({
  data,
  x,
  series,
  format,
  height = 280,
  label,
  testId,
}: {
  data: Record<string, string | number | null>[]
  x: string
  series: ChartSeries[]
  format: ChartFormat
  height?: number
  label: string
  testId: string
}) {
  return (
    <figure style={{ margin: 0, width: '100%' }} aria-label={label} data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--theme-elevation-100)" vertical={false} />
          <XAxis dataKey={x} tickFormatter={shortMonth} fontSize={11} minTickGap={8} />
          <YAxis tickFormatter={(v: number) => shortNumber(v, format)} fontSize={11} width={72} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? fullNumber(value, format) : String(value ?? '—'))}
            labelFormatter={shortMonth}
            contentStyle={{ background: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-150)' }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) =>
            s.kind === 'bar' ? (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                stackId={s.stack}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  )
}
