'use client'

import { useState } from 'react'

import { send } from './api'
import { uploadMedia } from './compressImage'
import { onSubmitForm } from './submit'

const TYPES = [
  ['repair', 'Gangguan / internet mati atau lambat'],
  ['complaint', 'Keluhan'],
  ['relocation', 'Pindah alamat'],
  ['other', 'Lainnya'],
] as const

/** Opens a ticket: type, what happened, up to 3 photos (compressed here). */
export function TicketForm() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const onSubmit = async (form: FormData) => {
    setBusy(true)
    setError('')
    try {
      const files = form.getAll('photos').filter((f): f is File => f instanceof File && f.size > 0)
      if (files.length > 3) throw new Error('Maksimal 3 foto.')
      const description = String(form.get('description') ?? '').trim()
      if (!description) throw new Error('Ceritakan masalahnya.')
      const type = String(form.get('type'))
      const photos: number[] = []
      for (const file of files) photos.push(await uploadMedia(file, 'Foto laporan pelanggan'))
      const label = TYPES.find(([value]) => value === type)?.[1] ?? 'Laporan'
      const res = await send<{ doc: { id: number } }>('/api/tickets', {
        body: { subject: `${label}`.slice(0, 150), type, description: description.slice(0, 5000), photos },
      })
      window.location.assign(`/portal/tiket/${res.doc.id}`)
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }

  return (
    <form className="card" onSubmit={onSubmitForm(onSubmit)}>
      <label htmlFor="type">Jenis laporan</label>
      <select id="type" name="type" defaultValue="repair">
        {TYPES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor="description">Apa yang terjadi?</label>
      <textarea id="description" name="description" rows={5} maxLength={5000} required />
      <label htmlFor="photos">Foto (maksimal 3, boleh kosong)</label>
      <input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
      <p>
        <button className="full" disabled={busy}>
          {busy ? 'Mengirim…' : 'Kirim laporan'}
        </button>
      </p>
      <p role="alert" className="error">
        {error}
      </p>
    </form>
  )
}
