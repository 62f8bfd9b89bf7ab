import type { TriggerDefinition } from '../notifications/types'

/**
 * What monitoring tells customers, once per incident and customer. Template variables (text):
 * nama, nomor_pelanggan, gangguan (the incident's title), pesan (its message for customers),
 * sejak (start, WIB), perkiraan_pulih (estimated restore, WIB, or "-").
 */
export const MONITORING_TRIGGERS: TriggerDefinition[] = [
  {
    name: 'outage_notice',
    label: { en: 'Network outage affecting the customer', id: 'Pemberitahuan gangguan jaringan' },
  },
  { name: 'outage_resolved', label: { en: 'Network outage resolved', id: 'Gangguan jaringan selesai' } },
]
