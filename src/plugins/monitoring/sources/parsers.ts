import { createHash } from 'node:crypto'

import type { EventState, NetworkEventInput } from '../types'

/** The body is not what the source sends: a 400 with this (Indonesian) message, nothing stored. */
export class EventPayloadError extends Error {}

const text = (value: unknown, max = 200): string | undefined =>
  typeof value === 'string' && value.trim()
    ? value.trim().slice(0, max)
    : typeof value === 'number'
      ? String(value)
      : undefined

const digest = (...parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** A time from a source: ISO 8601, Unix seconds, or RouterOS local time (`2026-12-07 08:00:00` or `dec/07/2026 08:00:00`, WIB). */
export function parseTime(value: unknown, fallback?: Date): Date {
  if (value === undefined || value === null || value === '') {
    if (fallback) return fallback
    throw new EventPayloadError('Waktu kejadian wajib diisi')
  }
  let date: Date
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,11}$/.test(value)))
    date = new Date(Number(value) * 1000)
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(value.trim()))
    date = new Date(`${value.trim().replace(' ', 'T')}+07:00`)
  else if (typeof value === 'string' && /^[a-z]{3}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/i.test(value.trim())) {
    // RouterOS before 7.10 prints the date as `dec/07/2026`.
    const [mon, day, year] = value.trim().slice(0, 11).split('/')
    const month = MONTHS.indexOf(mon!.toLowerCase()) + 1
    date = new Date(`${year}-${String(month).padStart(2, '0')}-${day}T${value.trim().slice(12)}+07:00`)
  } else if (typeof value === 'string') date = new Date(value)
  else throw new EventPayloadError('Waktu kejadian tidak valid')
  if (Number.isNaN(date.getTime()) || date.getFullYear() < 2000 || date.getFullYear() > 2200)
    throw new EventPayloadError('Waktu kejadian tidak valid')
  return date
}

function state(value: unknown, ups: RegExp, downs: RegExp): EventState {
  const s = typeof value === 'string' ? value.trim() : ''
  if (ups.test(s)) return 'up'
  if (downs.test(s)) return 'down'
  throw new EventPayloadError('Status kejadian tidak dikenal')
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new EventPayloadError('Isi permintaan harus objek JSON')
  return body as Record<string, unknown>
}

/**
 * MikroTik push (PPP profile on-up/on-down, Netwatch up-/down-script via `/tool fetch`), form or
 * JSON: `event` up|down, `user` (PPP) or `host` (Netwatch), optional `at` (router time, WIB),
 * `cause`, `id` (the session id). Retries of the same call carry the same fields: one event.
 */
export function parseMikrotik(
  fields: Record<string, unknown>,
  routerId: number,
  receivedAt: Date,
): NetworkEventInput[] {
  const event = state(fields.event ?? fields.state, /^(up|on-up|connected)$/i, /^(down|on-down|disconnected)$/i)
  const user = text(fields.user, 64)
  const host = text(fields.host, 200)
  if (!user && !host) throw new EventPayloadError('Isi "user" (PPP) atau "host" (Netwatch)')
  const occurredAt = parseTime(fields.at, receivedAt)
  const subject = (user ?? host)!
  return [
    {
      source: 'mikrotik',
      key: `${routerId}:${digest(user ? 'ppp' : 'netwatch', subject, event, fields.at ?? occurredAt.toISOString(), fields.id ?? '')}`,
      subjectType: user ? 'customer' : 'node',
      subject,
      state: event,
      occurredAt,
      cause: text(fields.cause, 120) ?? null,
      routerId,
    },
  ]
}

/**
 * Zabbix webhook media type (the script in the README): `event_id`, `host`, `trigger`, `severity`,
 * `status` PROBLEM|RESOLVED, `time` (Unix seconds or ISO), optional `pppoe` for a customer's CPE.
 */
export function parseZabbix(body: unknown): NetworkEventInput[] {
  const b = objectBody(body)
  const eventId = text(b.event_id ?? b.eventid, 64)
  if (!eventId) throw new EventPayloadError('event_id wajib diisi')
  const host = text(b.host, 200)
  const pppoe = text(b.pppoe, 64)
  if (!host && !pppoe) throw new EventPayloadError('host wajib diisi')
  const s = state(b.status, /^(RESOLVED|OK|UP)$/i, /^(PROBLEM|DOWN)$/i)
  return [
    {
      source: 'zabbix',
      key: `${eventId}:${s}`,
      subjectType: pppoe ? 'customer' : 'node',
      subject: (pppoe ?? host)!,
      state: s,
      occurredAt: parseTime(b.time),
      cause: [text(b.trigger, 200), text(b.severity, 40)].filter(Boolean).join(' · ') || null,
    },
  ]
}

/**
 * Prometheus Alertmanager webhook v4: each alert (firing/resolved) is an event, deduplicated on
 * fingerprint + startsAt (+ status). The device is `labels.node`, `labels.host` or `labels.instance`
 * (port cut off); `labels.pppoe` names a customer instead.
 */
export function parseAlertmanager(body: unknown): NetworkEventInput[] {
  const b = objectBody(body)
  if (b.version !== '4') throw new EventPayloadError('Hanya webhook Alertmanager versi 4')
  if (!Array.isArray(b.alerts)) throw new EventPayloadError('alerts harus berupa daftar')
  if (b.alerts.length > 1000) throw new EventPayloadError('Terlalu banyak alert dalam satu kiriman')
  return b.alerts.map((raw: unknown) => {
    const a = objectBody(raw)
    const labels = (a.labels && typeof a.labels === 'object' ? a.labels : {}) as Record<string, unknown>
    const annotations = (a.annotations && typeof a.annotations === 'object' ? a.annotations : {}) as Record<
      string,
      unknown
    >
    const fingerprint = text(a.fingerprint, 64)
    if (!fingerprint) throw new EventPayloadError('fingerprint wajib diisi')
    const startsAt = parseTime(a.startsAt)
    const s = state(a.status, /^resolved$/i, /^firing$/i)
    const pppoe = text(labels.pppoe, 64)
    const host = text(labels.node ?? labels.host ?? labels.instance, 200)?.replace(/:\d+$/, '')
    if (!pppoe && !host) throw new EventPayloadError('Label node, host atau instance wajib diisi')
    const endsAt = s === 'up' ? parseTime(a.endsAt, new Date()) : startsAt
    return {
      source: 'alertmanager' as const,
      key: `${fingerprint}:${startsAt.toISOString()}:${s}`,
      subjectType: pppoe ? ('customer' as const) : ('node' as const),
      subject: (pppoe ?? host)!,
      state: s,
      occurredAt: endsAt,
      cause: text(labels.alertname, 100) ?? text(annotations.summary, 200) ?? null,
    }
  })
}

/**
 * Generic JSON (LibreNMS API transport, PRTG HTTP action, scripts): one event or `{events:[…]}`,
 * each `{ id?, host | customer, state: down|up, at?, cause? }`. Without an id the event is keyed
 * on its fields, so a resend is still stored once.
 */
export function parseGeneric(body: unknown, receivedAt: Date): NetworkEventInput[] {
  const b = objectBody(body)
  const list = Array.isArray(b.events) ? b.events : [b]
  if (list.length > 1000) throw new EventPayloadError('Terlalu banyak kejadian dalam satu kiriman')
  return list.map((raw: unknown) => {
    const e = objectBody(raw)
    const customer = text(e.customer ?? e.pppoe, 64)
    const host = text(e.host ?? e.device ?? e.hostname, 200)
    if (!customer && !host) throw new EventPayloadError('Isi "host" atau "customer"')
    // PRTG says "Down", "Down (acknowledged)", "Up"; LibreNMS 1 (alert) and 0 (ok).
    const s = state(e.state ?? e.status, /^(up|ok|recovered|resolved|0)\b/i, /^(down|alert|problem|critical|1)\b/i)
    const occurredAt = parseTime(e.at ?? e.timestamp, receivedAt)
    const id = text(e.id, 100)
    return {
      source: 'generic' as const,
      key: id ? `${id}:${s}` : digest(customer ?? host, s, e.at ?? e.timestamp ?? occurredAt.toISOString()),
      subjectType: customer ? ('customer' as const) : ('node' as const),
      subject: (customer ?? host)!,
      state: s,
      occurredAt,
      cause: text(e.cause ?? e.title ?? e.msg, 200) ?? null,
    }
  })
}
