import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { fetch } from 'undici'

import { executeSql } from '../../../db/sql'
import { inTransaction } from '../../../db/transaction'
import type { NetworkEventInput } from '../types'
import { ingestEvents } from './ingest'

type Problem = {
  eventid: string
  objectid: string
  clock: string
  name: string
  severity: string
  tags?: { tag: string; value: string }[]
}
type Trigger = { triggerid: string; hosts?: { host: string }[] }

export type ZabbixReconcileResult = {
  reconciled: boolean
  problems: number
  stored: number
  error?: string
}

const SEVERITIES = ['Not classified', 'Information', 'Warning', 'Average', 'High', 'Disaster']

/** One Zabbix API call (JSON-RPC 2.0, `Authorization: Bearer <API token>`, Zabbix 6.4+). */
async function zabbixCall<T>(url: string, token: string, method: string, params: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json-rpc', authorization: `Bearer ${token}` },
    body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
    signal: AbortSignal.timeout(15_000),
  })
  if (!res.ok) throw new Error(`Zabbix menjawab ${res.status}`)
  const body = (await res.json()) as { result?: T; error?: { message?: string; data?: string } }
  if (body.error) throw new Error(`Zabbix: ${body.error.message ?? 'galat'} ${body.error.data ?? ''}`.trim())
  return body.result as T
}

/**
 * Catches what the Zabbix webhook missed (Zabbix down, our server away, a lost delivery): asks the
 * Zabbix API for the current problems (`problem.get`, their hosts by `trigger.get`) and stores
 * each as the event the webhook would have sent, under the same key (`<event id>:down`, so one the
 * webhook did deliver is not stored twice); a problem we hold open that Zabbix no longer lists is
 * resolved (`<event id>:up`). A `pppoe` tag on the problem names a customer instead of the host.
 * The API address is in the monitoring settings, the API token in `MONITORING_ZABBIX_API_TOKEN`.
 */
export async function reconcileZabbix({
  payload,
  now = new Date(),
}: {
  payload: Payload
  now?: Date
}): Promise<ZabbixReconcileResult> {
  const settings = await payload.findGlobal({ slug: 'monitoring-settings', depth: 0, overrideAccess: true })
  const url = settings.zabbix?.url?.trim()
  const token = process.env.MONITORING_ZABBIX_API_TOKEN
  const none = { reconciled: false, problems: 0, stored: 0 }
  if (!settings.zabbix?.enabled || !url) return none
  if (!token) return { ...none, error: 'MONITORING_ZABBIX_API_TOKEN belum diisi' }
  let problems: Problem[]
  let hostOf: Map<string, string>
  try {
    problems = await zabbixCall<Problem[]>(url, token, 'problem.get', {
      output: ['eventid', 'objectid', 'clock', 'name', 'severity'],
      selectTags: 'extend',
      source: 0,
      object: 0,
      sortfield: ['eventid'],
      sortorder: 'ASC',
    })
    const triggerIds = [...new Set(problems.map((p) => p.objectid))]
    const triggers = triggerIds.length
      ? await zabbixCall<Trigger[]>(url, token, 'trigger.get', {
          triggerids: triggerIds,
          output: ['triggerid'],
          selectHosts: ['host'],
        })
      : []
    hostOf = new Map(triggers.map((t) => [t.triggerid, t.hosts?.[0]?.host ?? '']))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    payload.logger.warn({ error: message }, 'Zabbix reconcile failed')
    return { ...none, error: message }
  }
  const events: NetworkEventInput[] = []
  const current = new Set<string>()
  for (const p of problems) {
    current.add(p.eventid)
    const pppoe = p.tags?.find((t) => t.tag.toLowerCase() === 'pppoe')?.value
    const host = hostOf.get(p.objectid)
    if (!pppoe && !host) continue
    const at = new Date(Number(p.clock) * 1000)
    events.push({
      source: 'zabbix',
      key: `${p.eventid}:down`,
      subjectType: pppoe ? 'customer' : 'node',
      subject: (pppoe ?? host)!.slice(0, 200),
      state: 'down',
      occurredAt: Number.isFinite(at.getTime()) && at <= now ? at : now,
      cause: [p.name, SEVERITIES[Number(p.severity)]].filter(Boolean).join(' · ').slice(0, 200) || null,
    })
  }
  return inTransaction(payload, async (req) => {
    // Problems we still hold open (a down without its up) that Zabbix no longer lists: resolved.
    const { rows } = await executeSql(
      req,
      sql`SELECT d.event_key, d.subject_type, d.subject FROM network_events d
           WHERE d.source = 'zabbix' AND d.state = 'down' AND d.event_key LIKE 'zabbix:%:down'
             AND NOT EXISTS (SELECT 1 FROM network_events u
                              WHERE u.event_key = left(d.event_key, length(d.event_key) - 4) || 'up')`,
    )
    for (const r of rows) {
      const eventId = String(r.event_key).slice('zabbix:'.length, -':down'.length)
      if (current.has(eventId)) continue
      events.push({
        source: 'zabbix',
        key: `${eventId}:up`,
        subjectType: r.subject_type as NetworkEventInput['subjectType'],
        subject: String(r.subject),
        state: 'up',
        occurredAt: now,
        cause: 'Zabbix: masalah sudah tidak aktif (rekonsiliasi)',
      })
    }
    const result = events.length ? await ingestEvents(payload, events, req) : { stored: 0 }
    return { reconciled: true, problems: problems.length, stored: result.stored }
  })
}
