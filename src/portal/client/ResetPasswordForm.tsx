'use client'

import { useState } from 'react'

import { send } from './api'
import { onSubmitForm } from './submit'

/** Forgot password: a code over WhatsApp, then a new password. */
export function ResetPasswordForm() {
  const [codeSent, setCodeSent] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [info, setInfo] = useState('')

  const onSubmit = async (form: FormData) => {
    setBusy(true)
    setError('')
    try {
      if (!codeSent) {
        const res = await send<{ message: string }>('/api/portal/code', {
          body: { phone: form.get('phone'), purpose: 'reset' },
        })
        setInfo(res.message)
        setCodeSent(true)
      } else {
        const res = await send<{ message: string }>('/api/portal/password-reset', {
          body: { phone: form.get('phone'), code: form.get('code'), password: form.get('password') },
        })
        setInfo(res.message)
        window.setTimeout(() => window.location.assign('/portal/masuk'), 1500)
      }
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card" onSubmit={onSubmitForm(onSubmit)}>
      <label htmlFor="phone">Nomor HP (WhatsApp)</label>
      <input id="phone" name="phone" type="tel" autoComplete="tel" required placeholder="0812-3456-7890" />
      {codeSent && (
        <>
          <label htmlFor="code">Kode 6 angka</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
          <label htmlFor="password">Kata sandi baru</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required />
          <p className="hint">Minimal 8 karakter.</p>
        </>
      )}
      <p>
        <button className="full" disabled={busy}>
          {codeSent ? 'Simpan kata sandi baru' : 'Kirim kode lewat WhatsApp'}
        </button>
      </p>
      <p role="status" className="success">
        {info}
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </form>
  )
}
