import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { fetch } from 'undici'

import { executeSql } from '../../../db/sql'
import { inTransaction } from '../../../db/transaction'
import type { NetworkEventInput } from '../types'
import { ingestEvents } from './ingest'

/** The columns asked of PRTG: `_raw` variants come with them (status 5 = Down, lastdown as an OLE date). */
const COLUMNS = 'objid,device,host,sensor,status,message,lastdown'

type PrtgSensor = {
  objid?: number
  device?: string
  host?: string
  sensor?: string
  status?: string
  status_raw?: number
  message_raw?: string
  lastdown_raw?: number | string
}

export type PrtgPollResult = { polled: boolean; down: number; events: number; stored: number; error?: string }

/** PRTG dates are OLE automation dates (days since 30 Dec 1899, UTC): to a Date, or null. */
export function oleDate(raw: unknown): Date | null {
  const days = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() ? Number(raw) : NaN
  if (!Number.isFinite(days) || days <= 0) return null
  return new Date(Math.round((days - 25569) * 86_400_000))
}

/**
 * Polls PRTG's API for the sensors that are down (`/api/table.json?content=sensors&filter_status=5`,
 * the API token from `MONITORING_PRTG_TOKEN`, the server from the monitoring settings). Each device
 * with a down sensor is a down event for the node of that name or alias (once per down period:
 * keyed by PRTG's `lastdown`); a device PRTG reported down and no longer lists is an up event.
 * Events go through the same ingest as the pushes (stored once, judged by the correlator).
 */
export async function pollPrtg({
  payload,
  now = new Date(),
}: {
  payload: Payload
  now?: Date
}): Promise<PrtgPollResult> {
  const settings = await payload.findGlobal({ slug: 'monitoring-settings', depth: 0, overrideAccess: true })
  const base = settings.prtg?.url?.trim()
  const token = process.env.MONITORING_PRTG_TOKEN
  if (!settings.prtg?.enabled || !base) return { polled: false, down: 0, events: 0, stored: 0 }
  if (!token) return { polled: false, down: 0, events: 0, stored: 0, error: 'MONITORING_PRTG_TOKEN belum diisi' }
  const url = new URL('api/table.json', base.endsWith('/') ? base : `${base}/`)
  url.search = new URLSearchParams({
    content: 'sensors',
    columns: COLUMNS,
    filter_status: '5',
    count: '5000',
    apitoken: token,
  }).toString()
  let sensors: PrtgSensor[]
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) })
    if (!res.ok) throw new Error(`PRTG menjawab ${res.status}`)
    const body = (await res.json()) as { sensors?: PrtgSensor[] }
    if (!Array.isArray(body.sensors)) throw new Error('Jawaban PRTG tanpa daftar sensor')
    sensors = body.sensors
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    payload.logger.warn({ error: message }, 'PRTG poll failed')
    return { polled: false, down: 0, events: 0, stored: 0, error: message }
  }

  // One event per device: its first down sensor (by objid) names the cause and the down time.
  const devices = new Map<string, PrtgSensor>()
  for (const s of [...sensors].sort((a, b) => Number(a.objid ?? 0) - Number(b.objid ?? 0))) {
    if (Number(s.status_raw ?? 5) !== 5) continue
    const name = String(s.device ?? s.host ?? '').trim()
    if (name && !devices.has(name.toLowerCase())) devices.set(name.toLowerCase(), s)
  }
  const events: NetworkEventInput[] = []
  for (const [key, s] of devices) {
    const since = oleDate(s.lastdown_raw)
    events.push({
      source: 'prtg',
      key: `${key}:down:${since?.toISOString() ?? 'unknown'}`,
      subjectType: 'node',
      subject: String(s.device ?? s.host)
        .trim()
        .slice(0, 200),
      state: 'down',
      occurredAt: since && since <= now ? since : now,
      cause: `PRTG: ${s.sensor ?? 'sensor'} ${s.status ?? 'Down'}${s.message_raw ? ` — ${s.message_raw}` : ''}`.slice(
        0,
        200,
      ),
    })
  }
  return inTransaction(payload, async (req) => {
    // Devices whose last PRTG word was "down" and that PRTG no longer lists are back.
    const { rows } = await executeSql(
      req,
      sql`SELECT subject FROM (SELECT DISTINCT ON (lower(subject)) subject, state FROM network_events
                                WHERE source = 'prtg' ORDER BY lower(subject), occurred_at DESC, id DESC) x
           WHERE x.state = 'down'`,
    )
    for (const r of rows) {
      const subject = String(r.subject)
      if (devices.has(subject.toLowerCase())) continue
      events.push({
        source: 'prtg',
        key: `${subject.toLowerCase()}:up:${now.toISOString()}`,
        subjectType: 'node',
        subject,
        state: 'up',
        occurredAt: now,
        cause: 'PRTG: sensor kembali normal',
      })
    }
    const result = events.length ? await ingestEvents(payload, events, req) : { stored: 0 }
    return { polled: true, down: devices.size, events: events.length, stored: result.stored }
  })
}
