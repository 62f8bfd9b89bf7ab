'use client'

import { useEffect, useState } from 'react'

import { formatWib } from '../../../lib/wib'
import type { Backup } from '../../../payload-types'
import { BACKUP_PHASE_LABELS } from '../labels'

/** The newest verified backup may be this old before the dashboard warns. */
export const STALE_AFTER_HOURS = 26
/** How long the panel follows a backup it queued, and how often it looks. */
const FOLLOW_MS = 30 * 60 * 1000
const POLL_EVERY_MS = 2000
/** No backup row this long after queueing: no worker is taking jobs. */
const NO_WORKER_AFTER_MS = 30_000

export type BackupPanelProps = {
  /** When the newest verified backup finished. */
  lastVerifiedAt?: string | null
  /** The newest attempt, when it failed after that: what went wrong and when. */
  failed?: string
  /** A backup running now: its phase and percent. */
  running?: { text: string; phase: string }
}

type Followed = { since: string; queuedAt: number }

/** What a followed backup is doing, in words. */
function progressText(backup: Backup | undefined, followed: Followed): string {
  if (!backup)
    return Date.now() - followed.queuedAt > NO_WORKER_AFTER_MS
      ? 'Menunggu worker: belum ada yang menjalankan pencadangan ini (jalankan `npm run worker`).'
      : 'Pencadangan dijadwalkan.'
  if (backup.status === 'verified') return 'Pencadangan selesai dan terverifikasi.'
  if (backup.status === 'failed')
    return `Pencadangan gagal: ${backup.error ?? 'alasan tidak tercatat'} (akan dicoba lagi).`
  return `Pencadangan berjalan: ${BACKUP_PHASE_LABELS[backup.phase ?? 'dumping']}, ${Math.round(backup.progressPercent ?? 0)}%`
}

/**
 * The dashboard's backup panel (admins): the age of the newest verified backup, a warning when it
 * is older than 26 hours or there is none, a failed or running backup, and "Cadangkan sekarang",
 * which queues a manual backup (`POST /api/backups/run`) and then follows it (phase and percent,
 * then verified or failed with the reason), so the panel shows the outcome without a reload.
 */
export function BackupPanel({ lastVerifiedAt, failed, running }: BackupPanelProps) {
  const [verifiedAt, setVerifiedAt] = useState(lastVerifiedAt ?? undefined)
  const [state, setState] = useState<{ busy: boolean; message?: string; followed?: Followed }>({ busy: false })

  useEffect(() => {
    const followed = state.followed
    if (!followed) return
    const url =
      `/api/backups?depth=0&limit=1&sort=-createdAt&where[kind][equals]=manual` +
      `&where[createdAt][greater_than_equal]=${encodeURIComponent(followed.since)}`
    const look = async () => {
      if (Date.now() - followed.queuedAt > FOLLOW_MS) return clearInterval(timer)
      const res = await fetch(url, { credentials: 'include' }).catch(() => undefined)
      if (!res?.ok) return
      const backup = ((await res.json()) as { docs: Backup[] }).docs[0]
      setState((current) => ({ ...current, message: progressText(backup, followed) }))
      if (backup?.status === 'verified') {
        setVerifiedAt(backup.finishedAt ?? new Date().toISOString())
        clearInterval(timer)
      }
    }
    const timer = setInterval(() => void look(), POLL_EVERY_MS)
    return () => clearInterval(timer)
  }, [state.followed])

  const backUpNow = async () => {
    const since = new Date(Date.now() - 1000).toISOString()
    setState({ busy: true })
    try {
      const res = await fetch('/api/backups/run', { method: 'POST', credentials: 'include' })
      const body = (await res.json().catch(() => ({}))) as { message?: string }
      setState({
        busy: false,
        message: body.message ?? (res.ok ? 'Pencadangan dijadwalkan.' : `Gagal (${res.status})`),
        followed: res.ok ? { since, queuedAt: Date.now() } : undefined,
      })
    } catch {
      setState({ busy: false, message: 'Tidak dapat menghubungi server.' })
    }
  }

  const stale = !verifiedAt || Date.now() - new Date(verifiedAt).getTime() > STALE_AFTER_HOURS * 60 * 60 * 1000
  const following = Boolean(state.followed)
  return (
    <div
      data-testid="backup-status"
      data-stale={stale}
      role={stale ? 'alert' : 'status'}
      style={{
        marginBottom: 'var(--base)',
        padding: 'calc(var(--base) * 0.75)',
        borderRadius: 'var(--style-radius-m)',
        border: `1px solid ${stale ? 'var(--theme-error-500)' : 'var(--theme-success-500)'}`,
        background: stale ? 'var(--theme-error-50)' : 'var(--theme-success-50)',
        display: 'flex',
        flexWrap: 'wrap',
        gap: 'var(--base)',
        alignItems: 'center',
        justifyContent: 'space-between',
      }}
    >
      <span>
        {stale
          ? verifiedAt
            ? `Peringatan: cadangan terverifikasi terakhir ${formatWib(verifiedAt)}, lebih dari ${STALE_AFTER_HOURS} jam lalu.`
            : 'Peringatan: belum ada cadangan yang terverifikasi.'
          : `Cadangan terverifikasi terakhir: ${formatWib(verifiedAt!)}.`}
      </span>
      {failed && !following && <span data-testid="backup-failed">{failed}</span>}
      {running && !following && (
        <span data-testid="backup-progress" data-phase={running.phase}>
          {running.text}
        </span>
      )}
      <span style={{ display: 'inline-flex', gap: 'calc(var(--base) * 0.5)', alignItems: 'center' }}>
        {state.message && (
          <span data-testid="backup-now-result" role="status">
            {state.message}
          </span>
        )}
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          style={{ margin: 0 }}
          disabled={state.busy}
          onClick={backUpNow}
        >
          {state.busy ? 'Menjadwalkan…' : 'Cadangkan sekarang'}
        </button>
      </span>
    </div>
  )
}
