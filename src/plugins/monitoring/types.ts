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

/** Levels of the network, from the core to the customer's drop. */
export const NODE_KINDS = ['router', 'olt', 'pon', 'odp'] as const
export type NodeKind = (typeof NODE_KINDS)[number]

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  router: 'Router',
  olt: 'OLT',
  pon: 'Port PON',
  odp: 'ODP',
}

/** Where an event came from. */
export const EVENT_SOURCES = ['mikrotik', 'routeros-poll', 'zabbix', 'alertmanager', 'generic', 'prtg'] as const
export type EventSource = (typeof EVENT_SOURCES)[number]

/** down / up; `reboot` is a router that started again (all its sessions dropped at once). */
export const EVENT_STATES = ['down', 'up', 'reboot'] as const
export type EventState = (typeof EVENT_STATES)[number]

/** What an event is about: a customer's connection (PPP user name) or a network device (host). */
export const EVENT_SUBJECTS = ['customer', 'node'] as const
export type EventSubject = (typeof EVENT_SUBJECTS)[number]

/** An event as every source hands it to ingestion. */
export type NetworkEventInput = {
  source: EventSource
  /** Unique per real-world event: a replay or a retry carries the same key and is stored once. */
  key: string
  subjectType: EventSubject
  /** PPP user name (customer) or host name / address / tag (node). */
  subject: string
  state: EventState
  occurredAt: Date
  cause?: string | null
  /** The router the event came from (push with a router token, or a poll). */
  routerId?: number | null
}
