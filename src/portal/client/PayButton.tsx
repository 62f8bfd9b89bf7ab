'use client'

import { useState } from 'react'

import { send } from './api'

/** Opens the invoice's online pay link (Midtrans or Xendit, through the billing plugin's endpoint). */
export function PayButton({ invoiceId, label = 'Bayar sekarang' }: { invoiceId: number; label?: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const pay = async () => {
    setBusy(true)
    setError('')
    try {
      const { payUrl } = await send<{ payUrl: string }>(`/api/invoices/${invoiceId}/pay`)
      window.location.assign(payUrl)
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" onClick={pay} disabled={busy}>
        {busy ? 'Membuka pembayaran…' : label}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  )
}
