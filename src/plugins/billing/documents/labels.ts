import { periodLabel as billingPeriodLabel } from '../operations/calendar'
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

/** `2026-11` → `November 2026`; any other text is already a label and stays as it is. */
export function periodLabel(period: string): string {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? billingPeriodLabel(period) : period
}
