'use client'

import { useState } from 'react'

import { PREFERENCE_KINDS, preferenceFieldName } from '../../plugins/notifications/preferences'
import { send } from './api'
import { onSubmitForm } from './submit'

export type Preferences = Record<string, boolean | string | null | undefined>

/**
 * Which non-essential messages the customer wants, on WhatsApp and by email, saved to their own
 * record; the server records when (the consent's time).
 */
export function PreferencesForm({
  customerId,
  preferences,
  consentedAtText,
}: {
  customerId: number
  preferences: Preferences
  consentedAtText: string | null
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [done, setDone] = useState('')
  const [consented, setConsented] = useState(consentedAtText)
  const value = (kind: (typeof PREFERENCE_KINDS)[number], channel: 'whatsapp' | 'email') => {
    const v = preferences[preferenceFieldName(kind.kind, channel)]
    return typeof v === 'boolean' ? v : kind.defaultOn
  }
  return (
    <form
      className="card"
      aria-labelledby="notifikasi"
      onSubmit={onSubmitForm(async (form) => {
        setBusy(true)
        setError('')
        setDone('')
        try {
          const notificationPreferences: Record<string, boolean> = {}
          for (const k of PREFERENCE_KINDS)
            for (const channel of ['whatsapp', 'email'] as const) {
              const name = preferenceFieldName(k.kind, channel)
              notificationPreferences[name] = form.get(name) === 'on'
            }
          const saved = await send<{ doc?: { notificationPreferences?: { consentedAt?: string | null } } }>(
            `/api/customers/${customerId}`,
            { method: 'PATCH', body: { notificationPreferences } },
          )
          const at = saved.doc?.notificationPreferences?.consentedAt
          if (at)
            setConsented(
              `${new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at))} WIB`,
            )
          setDone('Pilihan notifikasi tersimpan.')
        } catch (e) {
          setError((e as Error).message)
        } finally {
          setBusy(false)
        }
      })}
    >
      <h2 id="notifikasi">Notifikasi</h2>
      <p className="hint">
        Tagihan baru, bukti pembayaran, pemberitahuan isolir dan kode masuk selalu dikirim karena bagian dari layanan.
      </p>
      {PREFERENCE_KINDS.map((k) => (
        <fieldset key={k.kind} className="prefs">
          <legend>{k.label.id}</legend>
          <p className="hint">{k.hint}</p>
          <label className="check">
            <input
              type="checkbox"
              name={preferenceFieldName(k.kind, 'whatsapp')}
              defaultChecked={value(k, 'whatsapp')}
            />
            WhatsApp
          </label>
          <label className="check">
            <input type="checkbox" name={preferenceFieldName(k.kind, 'email')} defaultChecked={value(k, 'email')} />
            Email
          </label>
        </fieldset>
      ))}
      <p className="hint" data-testid="persetujuan">
        {consented ? `Persetujuan terakhir: ${consented}` : 'Belum pernah Anda atur; yang dicentang adalah bawaan.'}
      </p>
      <p>
        <button disabled={busy}>Simpan pilihan notifikasi</button>
      </p>
      <p role="status" className="success">
        {done}
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </form>
  )
}
