import { Chart } from '../../../analytics/components/Chart'

/** Twelve months of billed vs collected as paired bars (recharts, sized to the screen). */
export function RevenueChart({ trend }: { trend: { month: string; billed: number; collected: number }[] }) {
  return (
    <Chart
      testId="revenue-chart"
      label="Grafik ditagih dan diterima 12 bulan terakhir"
      data={trend}
      x="month"
      format="rupiah"
      series={[
        { key: 'billed', label: 'Ditagih', kind: 'bar', color: 'var(--theme-elevation-400)' },
        { key: 'collected', label: 'Diterima (terverifikasi)', kind: 'bar', color: 'var(--theme-success-500)' },
      ]}
    />
  )
}
