'use client'

import { useState } from 'react'

import { send } from './api'
import { onSubmitForm } from './submit'

/** Adds a comment to one of the customer's tickets; the page reloads with it in the timeline. */
export function CommentForm({ ticketId }: { ticketId: number }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const onSubmit = async (form: FormData) => {
    const body = String(form.get('body') ?? '').trim()
    if (!body) {
      setError('Tulis komentar Anda terlebih dahulu.')
      return
    }
    setBusy(true)
    setError('')
    try {
      await send('/api/ticket-comments', { body: { ticket: ticketId, body } })
      window.location.reload()
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <form className="card" onSubmit={onSubmitForm(onSubmit)}>
      <label htmlFor="komentar">Tambah komentar</label>
      <textarea id="komentar" name="body" maxLength={2000} rows={3} required />
      <p>
        <button disabled={busy}>Kirim komentar</button>
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </form>
  )
}
