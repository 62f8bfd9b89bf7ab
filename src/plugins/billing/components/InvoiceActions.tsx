'use client'

import { useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { formatWib } from '../../../lib/wib'
import { sendJson } from './clientKit'

type PayLink = { payUrl: string; expiresAt?: string | null; provider: string; reused: boolean }

const small = 'btn btn--style-secondary btn--size-small'

/**
 * Buttons above an invoice: download the PDF, make (or reuse) the online pay link and copy it,
 * and, for finance, void the invoice with a reason. Nothing shows before the invoice is saved.
 */
export function InvoiceActions() {
  const { id, data } = useDocumentInfo()
  const { user } = useAuth()
  const { config } = useConfig()
  const router = useRouter()
  const api = `${config.serverURL ?? ''}${config.routes.api}`
  const [busy, setBusy] = useState<'pay' | 'void' | null>(null)
  const [payLink, setPayLink] = useState<PayLink | null>(null)
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null)

  if (!id) return null
  const status = (data as { status?: string } | undefined)?.status
  const open = status === 'unpaid' || status === 'partially_paid'
  const isFinance = user?.role === 'finance' || user?.role === 'admin'

  const makePayLink = async () => {
    setBusy('pay')
    setMessage(null)
    try {
      const link = await sendJson<PayLink>(`${api}/invoices/${id}/pay`)
      setPayLink(link)
      const copied = await navigator.clipboard?.writeText(link.payUrl).then(
        () => true,
        () => false,
      )
      setMessage({
        text: `${link.reused ? 'Link yang masih berlaku' : 'Link baru'} (${link.provider})${copied ? ' disalin ke clipboard' : ''}.`,
      })
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true })
    } finally {
      setBusy(null)
    }
  }

  const voidIt = async () => {
    const reason = window.prompt('Alasan pembatalan tagihan (akan terlihat di riwayat):')
    if (reason === null) return
    if (reason.trim().length < 3) return setMessage({ text: 'Alasan minimal 3 karakter.', error: true })
    setBusy('void')
    setMessage(null)
    try {
      await sendJson(`${api}/invoices/${id}/void`, { body: { reason: reason.trim() } })
      setMessage({ text: 'Tagihan dibatalkan. Uang yang sudah masuk menjadi saldo pelanggan.' })
      router.refresh()
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true })
    } finally {
      setBusy(null)
    }
  }

  return (
    <div
      data-testid="invoice-actions"
      style={{ display: 'flex', gap: 'calc(var(--base) * 0.5)', alignItems: 'center', flexWrap: 'wrap' }}
    >
      <a className={small} style={{ margin: 0 }} href={`${api}/invoices/${id}/pdf`} target="_blank" rel="noopener">
        Unduh PDF
      </a>
      {open && (
        <button
          type="button"
          className={small}
          style={{ margin: 0 }}
          disabled={busy !== null}
          onClick={() => void makePayLink()}
        >
          {busy === 'pay' ? 'Membuat link…' : 'Buat link bayar'}
        </button>
      )}
      {isFinance && status !== 'void' && (
        <button
          type="button"
          className={small}
          style={{ margin: 0, color: 'var(--theme-error-500)' }}
          disabled={busy !== null}
          onClick={() => void voidIt()}
        >
          {busy === 'void' ? 'Membatalkan…' : 'Batalkan tagihan'}
        </button>
      )}
      {payLink && (
        <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <input
            readOnly
            value={payLink.payUrl}
            data-testid="invoice-pay-url"
            onFocus={(e) => e.target.select()}
            style={{ width: 260, padding: '4px 6px' }}
          />
          {payLink.expiresAt && <span style={{ fontSize: 12 }}>berlaku sampai {formatWib(payLink.expiresAt)}</span>}
        </span>
      )}
      {message && (
        <span
          role={message.error ? 'alert' : 'status'}
          style={{ color: message.error ? 'var(--theme-error-500)' : undefined }}
        >
          {message.text}
        </span>
      )}
    </div>
  )
}
