'use client'

import { useState } from 'react'

import { send } from './api'
import { onSubmitForm } from './submit'

function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [done, setDone] = useState('')
  const run = (work: (form: FormData) => Promise<string>) => async (form: FormData) => {
    setBusy(true)
    setError('')
    setDone('')
    try {
      setDone(await work(form))
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, done, run }
}

function Status({ done, error }: { done: string; error: string }) {
  return (
    <>
      <p role="status" className="success">
        {done}
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </>
  )
}

/** Email (for invoices by email) and a new password, saved to the customer's own record. */
export function ProfileForms({ customerId, email }: { customerId: number; email: string }) {
  const emailForm = useAction()
  const passwordForm = useAction()
  return (
    <>
      <form
        className="card"
        aria-labelledby="ubah-email"
        onSubmit={onSubmitForm(
          emailForm.run(async (form) => {
            await send(`/api/customers/${customerId}`, { method: 'PATCH', body: { email: form.get('email') } })
            return 'Email tersimpan.'
          }),
        )}
      >
        <h2 id="ubah-email">Email</h2>
        <label htmlFor="email">Alamat email</label>
        <input id="email" name="email" type="email" autoComplete="email" defaultValue={email} required />
        <p>
          <button disabled={emailForm.busy}>Simpan email</button>
        </p>
        <Status done={emailForm.done} error={emailForm.error} />
      </form>
      <form
        className="card"
        aria-labelledby="ubah-sandi"
        onSubmit={onSubmitForm(
          passwordForm.run(async (form) => {
            const password = String(form.get('password') ?? '')
            if (password.length < 8) throw new Error('Kata sandi baru minimal 8 karakter.')
            if (password !== form.get('confirm')) throw new Error('Kedua kata sandi tidak sama.')
            await send('/api/portal/password', {
              method: 'POST',
              body: { currentPassword: form.get('current'), password },
            })
            return 'Kata sandi baru tersimpan.'
          }),
        )}
      >
        <h2 id="ubah-sandi">Ganti kata sandi</h2>
        <label htmlFor="current">Kata sandi lama</label>
        <input id="current" name="current" type="password" autoComplete="current-password" required />
        <label htmlFor="password">Kata sandi baru</label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required />
        <label htmlFor="confirm">Ulangi kata sandi baru</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={8} required />
        <p>
          <button disabled={passwordForm.busy}>Simpan kata sandi</button>
        </p>
        <Status done={passwordForm.done} error={passwordForm.error} />
      </form>
    </>
  )
}

/** Signs out (Payload's logout clears the session cookie) and goes to the sign-in page. */
export function SignOutButton() {
  return (
    <button
      type="button"
      className="secondary full"
      onClick={async () => {
        await fetch('/api/customers/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined)
        // The pages kept for offline reading are this customer's: gone with the session.
        navigator.serviceWorker?.controller?.postMessage('signed-out')
        await caches?.delete('portal-pages').catch(() => undefined)
        window.location.assign('/portal/masuk')
      }}
    >
      Keluar
    </button>
  )
}
