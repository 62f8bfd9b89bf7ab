'use client'

import { useEffect, useState } from 'react'

import type { Backup } from '../../../payload-types'
import { BACKUP_PHASE_LABELS } from '../labels'

/** How long the button follows a backup it queued, and how often it looks. */
const FOLLOW_MS = 30 * 60 * 1000
const POLL_EVERY_MS = 2000
/** No backup row this long after queueing: no worker is taking jobs. */
const NO_WORKER_AFTER_MS = 30_000

type Followed = { since: string; queuedAt: number }

/** What the followed backup is doing, in words, and whether to keep looking. */
function describe(backup: Backup | undefined, followed: Followed): { text: string; done: boolean } {
  if (!backup)
    return Date.now() - followed.queuedAt > NO_WORKER_AFTER_MS
      ? {
          text: 'Menunggu worker: belum ada yang menjalankan pencadangan ini (jalankan `npm run worker`).',
          done: false,
        }
      : { text: 'Pencadangan dijadwalkan.', done: false }
  if (backup.status === 'verified') return { text: 'Pencadangan selesai dan terverifikasi.', done: true }
  if (backup.status === 'failed')
    return { text: `Pencadangan gagal: ${backup.error ?? 'alasan tidak tercatat'} (akan dicoba lagi).`, done: false }
  const phase = BACKUP_PHASE_LABELS[backup.phase ?? 'dumping']
  return { text: `Pencadangan berjalan: ${phase}, ${Math.round(backup.progressPercent ?? 0)}%`, done: false }
}

/**
 * "Cadangkan sekarang": queues a manual backup through `POST /api/backups/run`, then follows that
 * backup (phase and percent, then verified or failed with the reason) until it is done, so the
 * admin sees the outcome without reloading the page.
 */
export function BackUpNowButton() {
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
      const { docs } = (await res.json()) as { docs: Backup[] }
      const { text, done } = describe(docs[0], followed)
      setState((current) => ({ ...current, message: text }))
      if (done) clearInterval(timer)
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
  return (
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
  )
}
