import { formatRupiah } from '../../../../lib/money'
import { periodLabel } from '../../operations/calendar'

const BILLED = 'var(--theme-elevation-400)'
const COLLECTED = 'var(--theme-success-500)'

/** Juta/ribu axis labels: `1,5 jt`, `750 rb`. */
function shortRupiah(amount: number): string {
  if (amount >= 1_000_000_000)
    return `${(amount / 1_000_000_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} M`
  if (amount >= 1_000_000) return `${(amount / 1_000_000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} jt`
  if (amount >= 1_000) return `${(amount / 1_000).toLocaleString('id-ID', { maximumFractionDigits: 0 })} rb`
  return String(amount)
}

/** Twelve months of billed vs collected as paired bars, drawn as plain SVG on the server. */
export function RevenueChart({ trend }: { trend: { month: string; billed: number; collected: number }[] }) {
  const width = 880
  const height = 260
  const left = 64
  const bottom = 36
  const top = 12
  const plotHeight = height - top - bottom
  const max = Math.max(1, ...trend.flatMap((t) => [t.billed, t.collected]))
  const slot = (width - left - 8) / trend.length
  const bar = Math.max(4, slot * 0.34)
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f))
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Grafik ditagih dan diterima 12 bulan terakhir"
        data-testid="revenue-chart"
        style={{ width: '100%', maxWidth: width, height: 'auto' }}
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width - 8} y1={y(tick)} y2={y(tick)} stroke="var(--theme-elevation-100)" />
            <text x={left - 6} y={y(tick) + 4} fontSize={11} textAnchor="end" fill="var(--theme-elevation-500)">
              {shortRupiah(tick)}
            </text>
          </g>
        ))}
        {trend.map((t, index) => {
          const x = left + index * slot + slot / 2
          const [name, year] = periodLabel(t.month).split(' ')
          return (
            <g key={t.month}>
              <rect x={x - bar - 1} y={y(t.billed)} width={bar} height={top + plotHeight - y(t.billed)} fill={BILLED}>
                <title>{`${periodLabel(t.month)} · ditagih ${formatRupiah(t.billed)}`}</title>
              </rect>
              <rect
                x={x + 1}
                y={y(t.collected)}
                width={bar}
                height={top + plotHeight - y(t.collected)}
                fill={COLLECTED}
              >
                <title>{`${periodLabel(t.month)} · diterima ${formatRupiah(t.collected)}`}</title>
              </rect>
              <text x={x} y={height - bottom + 14} fontSize={11} textAnchor="middle" fill="var(--theme-elevation-600)">
                {name!.slice(0, 3)}
              </text>
              <text x={x} y={height - bottom + 27} fontSize={10} textAnchor="middle" fill="var(--theme-elevation-400)">
                {year}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption style={{ display: 'flex', gap: 'var(--base)', fontSize: 13 }}>
        <span>
          <span style={{ display: 'inline-block', width: 10, height: 10, background: BILLED, marginRight: 4 }} />
          Ditagih
        </span>
        <span>
          <span style={{ display: 'inline-block', width: 10, height: 10, background: COLLECTED, marginRight: 4 }} />
          Diterima (terverifikasi)
        </span>
      </figcaption>
    </figure>
  )
}
