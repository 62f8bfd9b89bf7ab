/** Options of the monitoring plugin. */
export type MonitoringPluginOptions = {
  /**
   * When false, the collections, fields and tasks stay registered (so the schema and migrations do
   * not change) but the tasks and endpoints do nothing. Readers find no rows. Default true.
   */
  enabled?: boolean
}

export const INCIDENT_STATUSES = ['open', 'resolved'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]
