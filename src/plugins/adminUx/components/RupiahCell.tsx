'use client'

import { formatRupiahOrDash } from '../../../lib/format'

/** A money column as people read it: `Rp350.000`, not `350000`. */
export function RupiahCell({ cellData }: { cellData?: unknown }) {
  return <span>{formatRupiahOrDash(cellData as number | string | null | undefined)}</span>
}
