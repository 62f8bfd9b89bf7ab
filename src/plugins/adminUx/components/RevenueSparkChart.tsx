'use client'

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import { formatRupiah } from '../../../lib/money'

const dayLabel = (day: string) => {
  const [, month, date] = day.split('-')
  return `${Number(date)}/${Number(month)}`
}

/** Verified payments per WIB day as small bars, with the Rupiah amount on hover. */
export function RevenueSparkChart({ data }: { data: { day: string; amount: number }[] }) {
  const total = data.reduce((sum, d) => sum + d.amount, 0)
  return (
    <figure style={{ margin: 0 }} data-testid="revenue-chart">
      <div style={{ width: '100%', height: 180 }} role="img" aria-label={`Total 14 hari: ${formatRupiah(total)}`}>
        <ResponsiveContainer>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <XAxis dataKey="day" tickFormatter={dayLabel} fontSize={11} />
            <YAxis hide />
            <Tooltip
              // Readable in light and dark themes (the default item colour is the bar's green).
              contentStyle={{ background: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-250)' }}
              itemStyle={{ color: 'var(--theme-text)' }}
              labelStyle={{ color: 'var(--theme-text)' }}
              formatter={(value) => [formatRupiah(Number(value)), 'Diterima']}
              labelFormatter={(label) => dayLabel(String(label))}
            />
            <Bar dataKey="amount" fill="var(--theme-success-500)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>Total 14 hari: {formatRupiah(total)}</figcaption>
    </figure>
  )
}
