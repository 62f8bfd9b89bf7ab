'use client'

import { useState } from 'react'

import { send } from './api'
import { onSubmitForm } from './submit'

/** Rates a resolved ticket (1–5) with an optional comment. */
export function RatingForm({ ticketId }: { ticketId: number }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const onSubmit = async (form: FormData) => {
    setBusy(true)
    setError('')
    try {
      await send(`/api/tickets/${ticketId}`, {
        method: 'PATCH',
        body: { rating: Number(form.get('rating')), ratingComment: String(form.get('comment') ?? '').slice(0, 500) },
      })
      window.location.reload()
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <form className="card" onSubmit={onSubmitForm(onSubmit)}>
      <fieldset>
        <legend>Beri nilai layanan kami</legend>
        {[5, 4, 3, 2, 1].map((n) => (
          <label key={n} style={{ display: 'flex', gap: 8, alignItems: 'center', minHeight: 44 }}>
            <input type="radio" name="rating" value={n} required style={{ width: 24, minHeight: 24 }} />
            {n} — {['', 'Buruk', 'Kurang', 'Cukup', 'Baik', 'Sangat baik'][n]}
          </label>
        ))}
      </fieldset>
      <label htmlFor="comment">Komentar (boleh kosong)</label>
      <input id="comment" name="comment" maxLength={500} />
      <p>
        <button disabled={busy}>Kirim nilai</button>
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </form>
  )
}
