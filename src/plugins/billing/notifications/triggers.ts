import type { TriggerDefinition } from '../../notifications/types'

/**
 * What billing tells customers by itself, each switchable in Notifikasi → Pengaturan notifikasi.
 * The name is also the key of the message template used (unless the settings pick another).
 *
 * Template variables (all text):
 * - `invoice_issued`: nama, nomor_tagihan, periode, jumlah, sisa_tagihan, jatuh_tempo, tautan_tagihan
 * - `payment_received`: nama, nomor_pembayaran, jumlah, tagihan, saldo, tanggal
 * - `payment_rejected`: nama, nomor_pembayaran, jumlah, alasan
 * - `reminder_due_h3`, `reminder_due_h1`, `reminder_overdue_h1`: nama, nomor_tagihan, periode, jumlah, jatuh_tempo, tautan_tagihan
 * - `suspension_notice`: nama, nomor_tagihan, jumlah, jatuh_tempo, hari_terlambat
 * - `restore_notice`: nama, nomor_pelanggan
 *
 * A quick-reply button with payload `PAY:{{nomor_tagihan}}` brings the invoice's pay link back in the chat.
 */
export const BILLING_TRIGGERS: TriggerDefinition[] = [
  { name: 'invoice_issued', label: { en: 'Monthly invoice issued', id: 'Tagihan bulanan terbit' } },
  { name: 'payment_received', label: { en: 'Payment received (verified)', id: 'Pembayaran diterima (terverifikasi)' } },
  { name: 'payment_rejected', label: { en: 'Payment rejected', id: 'Pembayaran ditolak' } },
  { name: 'reminder_due_h3', label: { en: 'Reminder 3 days before the due date', id: 'Pengingat H-3 jatuh tempo' } },
  { name: 'reminder_due_h1', label: { en: 'Reminder 1 day before the due date', id: 'Pengingat H-1 jatuh tempo' } },
  {
    name: 'reminder_overdue_h1',
    label: { en: 'Reminder 1 day after the due date', id: 'Pengingat H+1 lewat jatuh tempo' },
  },
  { name: 'suspension_notice', label: { en: 'Service suspended (isolir)', id: 'Layanan diisolir' } },
  { name: 'restore_notice', label: { en: 'Service restored', id: 'Layanan dipulihkan' } },
]

/** The three reminders of the daily 09:00 run: days from the due date (WIB) on which each goes out. */
export const REMINDER_KINDS = [
  { kind: 'due_h3', trigger: 'reminder_due_h3', daysBeforeDue: 3 },
  { kind: 'due_h1', trigger: 'reminder_due_h1', daysBeforeDue: 1 },
  { kind: 'overdue_h1', trigger: 'reminder_overdue_h1', daysBeforeDue: -1 },
] as const

export type ReminderKind = (typeof REMINDER_KINDS)[number]['kind']
