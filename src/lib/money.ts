const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
  minimumFractionDigits: 0,
})

/** `Rp1.500.000`: Rupiah without decimals, as users read it. */
export function formatRupiah(amount: number): string {
  return rupiah.format(amount).replace(/\s/g, '')
}
