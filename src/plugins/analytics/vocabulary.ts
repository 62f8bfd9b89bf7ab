/** Why a customer left. Staff pick one when they terminate a customer. */
export const TERMINATION_REASONS = ['price', 'service_quality', 'moved', 'non_payment', 'competitor', 'other'] as const
export type TerminationReason = (typeof TERMINATION_REASONS)[number]

export const TERMINATION_REASON_LABELS: Record<TerminationReason, { en: string; id: string }> = {
  price: { en: 'Price', id: 'Harga' },
  service_quality: { en: 'Service quality', id: 'Kualitas layanan' },
  moved: { en: 'Moved away', id: 'Pindah rumah' },
  non_payment: { en: 'Non-payment', id: 'Tidak membayar' },
  competitor: { en: 'Went to a competitor', id: 'Pindah ke penyedia lain' },
  other: { en: 'Other', id: 'Lainnya' },
}

/** Customer statuses that carry recurring revenue: isolir customers are still subscribed. */
export const RECURRING_STATUSES = ['active', 'suspended'] as const

/** Hours to resolve a ticket within its SLA, by priority (overridable in the plugin options). */
export const DEFAULT_SLA_HOURS = { urgent: 4, high: 8, normal: 24, low: 72 } as const
export type SlaHours = Record<keyof typeof DEFAULT_SLA_HOURS, number>
