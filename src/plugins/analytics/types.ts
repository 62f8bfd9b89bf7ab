import type { SlaHours } from './vocabulary'

export type AnalyticsPluginOptions = {
  /** Off: the snapshot task does nothing and the views/endpoints are not added; the schema stays. */
  enabled?: boolean
  /** Hours within which a ticket of each priority counts as resolved within its SLA. */
  slaHours?: Partial<SlaHours>
}
