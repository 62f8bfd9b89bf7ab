'use client'

import { useRef, useState } from 'react'

import { send } from './api'
import { uploadMedia } from './compressImage'
import { onSubmitForm } from './submit'

type OpenInvoice = { id: number; label: string; balanceDue: number }

/** A bank-transfer proof: photo (compressed here), amount, invoice; it becomes a pending payment. */
export function ProofForm({ invoices, selected }: { invoices: OpenInvoice[]; selected?: number }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [done, setDone] = useState('')
  // One key per form fill: a double tap or a retry records the payment once.
  const key = useRef(`proof-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`)
  const first = invoices.find((i) => i.id === selected) ?? invoices[0]

  const onSubmit = async (form: FormData) => {
    setBusy(true)
    setError('')
    try {
      const file = form.get('proof')
      if (!(file instanceof File) || file.size === 0) throw new Error('Pilih foto bukti transfer.')
      const amount = Number(String(form.get('amount') ?? '').replace(/\D/g, ''))
      if (!Number.isInteger(amount) || amount <= 0) throw new Error('Isi jumlah yang ditransfer (Rupiah).')
      const invoice = Number(form.get('invoice')) || undefined
      const proof = await uploadMedia(file, 'Bukti transfer')
      await send('/api/payments/record', {
        headers: { 'Idempotency-Key': key.current },
        body: {
          amount,
          method: 'bank_transfer',
          proof,
          reference: String(form.get('reference') ?? '').slice(0, 100) || undefined,
          invoices: invoice ? [invoice] : undefined,
        },
      })
      setDone('Bukti transfer terkirim. Status: menunggu verifikasi.')
      window.setTimeout(() => window.location.reload(), 1200)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card" onSubmit={onSubmitForm(onSubmit)} aria-labelledby="unggah">
      <h2 id="unggah">Unggah bukti transfer</h2>
      {invoices.length > 0 && (
        <>
          <label htmlFor="invoice">Untuk tagihan</label>
          <select id="invoice" name="invoice" defaultValue={first?.id}>
            {invoices.map((inv) => (
              <option key={inv.id} value={inv.id}>
                {inv.label}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="amount">Jumlah yang ditransfer (Rp)</label>
      <input id="amount" name="amount" inputMode="numeric" required defaultValue={first?.balanceDue ?? ''} />
      <label htmlFor="reference">Nomor referensi (boleh kosong)</label>
      <input id="reference" name="reference" maxLength={100} />
      <label htmlFor="proof">Foto bukti transfer</label>
      <input id="proof" name="proof" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" required />
      <p className="hint">Foto diperkecil di HP Anda sebelum dikirim agar hemat kuota.</p>
      <p>
        <button className="full" disabled={busy}>
          {busy ? 'Mengirim…' : 'Kirim bukti transfer'}
        </button>
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
