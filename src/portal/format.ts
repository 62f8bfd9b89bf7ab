import { formatRupiah } from '../lib/money'
import { formatDateWib, formatWib } from '../lib/wib'

export { formatRupiah, formatDateWib, formatWib }

export const INVOICE_STATUS_LABEL: Record<string, string> = {
  unpaid: 'Belum dibayar',
  partially_paid: 'Dibayar sebagian',
  paid: 'Lunas',
  void: 'Dibatalkan',
}
export const PAYMENT_STATUS_LABEL: Record<string, string> = {
  pending: 'Menunggu verifikasi',
  verified: 'Terverifikasi',
  rejected: 'Ditolak',
}
export const PAYMENT_METHOD_LABEL: Record<string, string> = {
  cash: 'Tunai',
  bank_transfer: 'Transfer bank',
  qris: 'QRIS',
  gopay: 'GoPay',
  gateway: 'Pembayaran online',
}
export const TICKET_STATUS_LABEL: Record<string, string> = {
  open: 'Baru',
  assigned: 'Ditugaskan',
  in_progress: 'Dikerjakan',
  resolved: 'Selesai',
  closed: 'Ditutup',
}
export const TICKET_TYPE_LABEL: Record<string, string> = {
  repair: 'Gangguan / perbaikan',
  complaint: 'Keluhan',
  relocation: 'Pindah alamat',
  installation: 'Pemasangan',
  other: 'Lainnya',
}

/** `1,2 GB`: a byte count as customers read it. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: unit >= 3 ? 1 : 0 }).format(value)} ${units[unit]}`
}

/** The wa.me link to customer service, with a prepared message; undefined when no number is configured. */
export function csWhatsAppLink(text: string): string | undefined {
  const number = process.env.PORTAL_CS_WHATSAPP?.replace(/\D/g, '')
  if (!number) return undefined
  return `https://wa.me/${number}?text=${encodeURIComponent(text)}`
}
