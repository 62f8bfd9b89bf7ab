import type { Payload, PayloadRequest } from 'payload'

export type MonitoringRules = {
  offlineTicketMinutes: number
  backOnlineMinutes: number
  incidentMinCustomers: number
  /** 0–1 */
  incidentShare: number
  incidentWindowSeconds: number
  dampingSeconds: number
  /** 0–1 */
  resolveShare: number
  maintenance: { from: Date; to: Date; nodeId: number | null }[]
}

/** Seconds within which customers dropping together make one incident, until the settings say otherwise. */
export const DEFAULT_INCIDENT_WINDOW_SECONDS = 120

/** The settings as numbers the correlator uses, defaults filled in. */
export async function monitoringRules(payload: Payload, req?: PayloadRequest): Promise<MonitoringRules> {
  const s = await payload.findGlobal({ slug: 'monitoring-settings', depth: 0, overrideAccess: true, req })
  return {
    offlineTicketMinutes: s.offlineTicketMinutes ?? 30,
    backOnlineMinutes: s.backOnlineMinutes ?? 10,
    incidentMinCustomers: s.incidentMinCustomers ?? 3,
    incidentShare: (s.incidentShare ?? 50) / 100,
    incidentWindowSeconds: s.incidentWindowSeconds ?? DEFAULT_INCIDENT_WINDOW_SECONDS,
    dampingSeconds: s.dampingSeconds ?? 60,
    resolveShare: (s.resolveShare ?? 90) / 100,
    maintenance: (s.maintenanceWindows ?? []).map((w) => ({
      from: new Date(w.from),
      to: new Date(w.to),
      nodeId: typeof w.node === 'object' && w.node ? w.node.id : (w.node ?? null),
    })),
  }
}
