'use client'

import { useState } from 'react'

/** "Cadangkan sekarang": queues a manual backup through `POST /api/backups/run`. */
export function BackUpNowButton() {
  const [state, setState] = useState<{ busy: boolean; message?: string }>({ busy: false })
  const backUpNow = async () => {
    setState({ busy: true })
    try {
      const res = await fetch('/api/backups/run', { method: 'POST', credentials: 'include' })
      const body = (await res.json().catch(() => ({}))) as { message?: string }
      setState({
        busy: false,
        message: body.message ?? (res.ok ? 'Pencadangan dijadwalkan.' : `Gagal (${res.status})`),
      })
    } catch {
      setState({ busy: false, message: 'Tidak dapat menghubungi server.' })
    }
  }
  return (
    <span style={{ display: 'inline-flex', gap: 'calc(var(--base) * 0.5)', alignItems: 'center' }}>
      {state.message && <span data-testid="backup-now-result">{state.message}</span>}
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
