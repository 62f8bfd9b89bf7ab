'use client'

import { useState } from 'react'

import { send } from './api'
import { onSubmitForm } from './submit'

type Mode = 'password' | 'code'

/** Sign-in by customer number or phone + password, or by a one-time code sent over WhatsApp. */
export function SignInForm() {
  const [mode, setMode] = useState<Mode>('password')
  const [codeSent, setCodeSent] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [info, setInfo] = useState('')

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError('')
    try {
      await work()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const done = () => {
    window.location.assign('/portal')
  }

  const onPassword = (form: FormData) =>
    run(async () => {
      await send('/api/customers/portal-login', { body: { login: form.get('login'), password: form.get('password') } })
      done()
    })
  const onRequestCode = (form: FormData) =>
    run(async () => {
      const res = await send<{ message: string }>('/api/portal/code', { body: { phone: form.get('phone') } })
      setInfo(res.message)
      setCodeSent(true)
    })
  const onCode = (form: FormData) =>
    run(async () => {
      await send('/api/portal/code/login', { body: { phone: form.get('phone'), code: form.get('code') } })
      done()
    })

  return (
    <div className="card">
      <div className="choices" role="group" aria-label="Cara masuk">
        <button
          type="button"
          className={mode === 'password' ? '' : 'secondary'}
          aria-pressed={mode === 'password'}
          onClick={() => setMode('password')}
        >
          Kata sandi
        </button>
        <button
          type="button"
          className={mode === 'code' ? '' : 'secondary'}
          aria-pressed={mode === 'code'}
          onClick={() => setMode('code')}
        >
          Kode WhatsApp
        </button>
      </div>
      {mode === 'password' ? (
        <form onSubmit={onSubmitForm(onPassword)}>
          <label htmlFor="login">Nomor pelanggan atau nomor HP</label>
          <input id="login" name="login" autoComplete="username" required inputMode="text" />
          <label htmlFor="password">Kata sandi</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          <p>
            <button className="full" disabled={busy}>
              Masuk
            </button>
          </p>
        </form>
      ) : (
        <form onSubmit={onSubmitForm(codeSent ? onCode : onRequestCode)}>
          <label htmlFor="phone">Nomor HP (WhatsApp)</label>
          <input id="phone" name="phone" type="tel" autoComplete="tel" required placeholder="0812-3456-7890" />
          {codeSent && (
            <>
              <label htmlFor="code">Kode 6 angka</label>
              <input
                id="code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
              />
            </>
          )}
          <p>
            <button className="full" disabled={busy}>
              {codeSent ? 'Masuk dengan kode' : 'Kirim kode lewat WhatsApp'}
            </button>
          </p>
        </form>
      )}
      <p role="status" className="success">
        {mode === 'code' ? info : ''}
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </div>
  )
}
