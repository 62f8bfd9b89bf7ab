import type { InvoiceStatus, PaymentMethod, PaymentStatus } from './types'

export const paymentMethodLabels: Record<PaymentMethod, string> = {
  cash: 'Tunai',
  bank_transfer: 'Transfer bank',
  qris: 'QRIS',
  gopay: 'GoPay',
  gateway: 'Gateway',
}

export const paymentStatusLabels: Record<PaymentStatus, string> = {
  pending: 'Menunggu verifikasi',
  verified: 'Terverifikasi',
  rejected: 'Ditolak',
}

export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  unpaid: 'Belum dibayar',
  partially_paid: 'Dibayar sebagian',
  paid: 'Lunas',
  void: 'Batal',
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']

/** `2026-11` → `November 2026`; any other text is already a label and stays as it is. */
export function periodLabel(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period)
  if (!match) return period
  const month = Number(match[2])
  return month >= 1 && month <= 12 ? `${MONTHS[month - 1]} ${match[1]}` : period
}
