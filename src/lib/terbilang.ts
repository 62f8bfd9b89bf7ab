const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan']

/** Scale words for each group of three digits, from the lowest; index 1 (ribu) has the "seribu" form. */
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun']

/** Words for 1–999. */
function underThousand(n: number): string[] {
  const words: string[] = []
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  if (hundreds === 1) words.push('seratus')
  else if (hundreds > 1) words.push(ONES[hundreds], 'ratus')

  if (rest === 10) words.push('sepuluh')
  else if (rest === 11) words.push('sebelas')
  else if (rest > 11 && rest < 20) words.push(ONES[rest - 10], 'belas')
  else if (rest >= 20) {
    words.push(ONES[Math.floor(rest / 10)], 'puluh')
    if (rest % 10) words.push(ONES[rest % 10])
  } else if (rest > 0) words.push(ONES[rest])
  return words
}

/**
 * A whole number in Indonesian words, lower case: `1500000` → `satu juta lima ratus ribu`,
 * `1000` → `seribu`, `0` → `nol`. Used for the "Terbilang" line of tagihan and kwitansi, so it
 * refuses anything that is not a non-negative safe integer rather than print a wrong amount.
 */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`terbilang: expected a non-negative whole number, got ${n}`)
  }
  if (n === 0) return 'nol'

  const words: string[] = []
  let rest = n
  // Split into groups of three digits; work from the highest group down.
  const groups: number[] = []
  while (rest > 0) {
    groups.push(rest % 1000)
    rest = Math.floor(rest / 1000)
  }
  for (let scale = groups.length - 1; scale >= 0; scale--) {
    const group = groups[scale]
    if (group === 0) continue
    if (scale === 1 && group === 1) {
      words.push('seribu')
      continue
    }
    words.push(...underThousand(group))
    if (SCALES[scale]) words.push(SCALES[scale])
  }
  return words.join(' ')
}

/** `satu juta lima ratus ribu rupiah`. */
export function terbilangRupiah(amount: number): string {
  return `${terbilang(amount)} rupiah`
}
