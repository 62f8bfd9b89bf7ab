'use client'

import type React from 'react'
import { useState } from 'react'

import { formatRupiah } from '../../../../lib/money'
import { formatWib } from '../../../../lib/wib'
import { sendJson } from '../clientKit'

export type QueueRow = {
  id: number
  number: string
  createdAt: string
  paymentDate: string
  customerId: number | null
  customerName: string
  customerNumber: string
  amount: number
  method: string
  reference: string | null
  source: string | null
  notes: string | null
  proof: { url: string; thumbnailUrl: string | null; filename: string; mimeType: string } | null
  invoices: { id: number; number: string }[]
}

const METHOD_LABELS: Record<string, string> = {
  cash: 'Tunai',
  bank_transfer: 'Transfer bank',
  qris: 'QRIS',
  gopay: 'GoPay',
  gateway: 'Payment gateway',
}
const SOURCE_LABELS: Record<string, string> = {
  admin: 'Panel admin',
  portal: 'Portal pelanggan',
  whatsapp: 'WhatsApp',
  gateway: 'Payment gateway',
}

const cell: React.CSSProperties = {
  textAlign: 'left',
  padding: '8px',
  borderBottom: '1px solid var(--theme-elevation-100)',
  verticalAlign: 'top',
}

/** The queue itself: each row leaves the list once it is verified or rejected. */
export function VerificationQueue({
  initialRows,
  adminRoute,
  apiRoute,
}: {
  initialRows: QueueRow[]
  adminRoute: string
  apiRoute: string
}) {
  const [rows, setRows] = useState(initialRows)
  const [busy, setBusy] = useState<number | null>(null)
  const [rejecting, setRejecting] = useState<{ id: number; reason: string } | null>(null)
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null)

  const act = async (row: QueueRow, action: 'verify' | 'reject', reason?: string) => {
    setBusy(row.id)
    setMessage(null)
    try {
      const answer = await sendJson<{ message: string }>(`${apiRoute}/payments/${row.id}/${action}`, {
        body: action === 'reject' ? { reason } : {},
      })
      setRows((current) => current.filter((r) => r.id !== row.id))
      setRejecting(null)
      setMessage({ text: `${row.number}: ${answer.message}` })
    } catch (e) {
      setMessage({ text: `${row.number}: ${(e as Error).message}`, error: true })
    } finally {
      setBusy(null)
    }
  }

  return (
    <div data-testid="verification-queue">
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          data-testid="verification-message"
          style={{ color: message.error ? 'var(--theme-error-500)' : 'var(--theme-success-500)' }}
        >
          {message.text}
        </p>
      )}
      {rows.length === 0 ? (
        <p data-testid="verification-empty">Tidak ada pembayaran yang menunggu verifikasi.</p>
      ) : (
        <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}>
          <thead>
            <tr>
              {['Pembayaran', 'Pelanggan', 'Jumlah', 'Metode / referensi', 'Tagihan', 'Bukti', ''].map((h) => (
                <th key={h} style={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="verification-row" data-payment={row.number}>
                <td style={cell}>
                  <a href={`${adminRoute}/collections/payments/${row.id}`}>{row.number}</a>
                  <div style={{ fontSize: 12, color: 'var(--theme-elevation-500)' }}>
                    Dibayar {formatWib(row.paymentDate)}
                    <br />
                    Masuk {formatWib(row.createdAt)}
                    {row.source && ` · ${SOURCE_LABELS[row.source] ?? row.source}`}
                  </div>
                </td>
                <td style={cell}>
                  {row.customerId ? (
                    <a href={`${adminRoute}/collections/customers/${row.customerId}`}>{row.customerName}</a>
                  ) : (
                    row.customerName
                  )}
                  <div style={{ fontSize: 12 }}>{row.customerNumber}</div>
                </td>
                <td style={{ ...cell, textAlign: 'right', whiteSpace: 'nowrap' }}>{formatRupiah(row.amount)}</td>
                <td style={cell}>
                  {METHOD_LABELS[row.method] ?? row.method}
                  {row.reference && <div style={{ fontSize: 12 }}>Ref: {row.reference}</div>}
                  {row.notes && <div style={{ fontSize: 12, fontStyle: 'italic' }}>{row.notes}</div>}
                </td>
                <td style={cell}>
                  {row.invoices.length ? (
                    row.invoices.map((i) => (
                      <div key={i.id}>
                        <a href={`${adminRoute}/collections/invoices/${i.id}`}>{i.number}</a>
                      </div>
                    ))
                  ) : (
                    <span style={{ fontSize: 12 }}>Tertua lebih dulu</span>
                  )}
                </td>
                <td style={cell}>
                  {row.proof ? (
                    <a href={row.proof.url} target="_blank" rel="noopener" title={row.proof.filename}>
                      {row.proof.thumbnailUrl ? (
                        <img
                          src={row.proof.thumbnailUrl}
                          alt={`Bukti ${row.number}`}
                          style={{ maxWidth: 96, maxHeight: 96, display: 'block' }}
                        />
                      ) : (
                        `Buka ${row.proof.mimeType === 'application/pdf' ? 'PDF' : 'berkas'}`
                      )}
                    </a>
                  ) : (
                    <span style={{ fontSize: 12 }}>Tanpa bukti</span>
                  )}
                </td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {rejecting?.id === row.id ? (
                    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                      <input
                        aria-label="Alasan penolakan"
                        placeholder="Alasan penolakan"
                        value={rejecting.reason}
                        maxLength={300}
                        autoFocus
                        onChange={(e) => setRejecting({ id: row.id, reason: e.target.value })}
                        style={{ padding: '4px 6px' }}
                      />
                      <button
                        type="button"
                        className="btn btn--style-primary btn--size-small"
                        style={{ margin: 0 }}
                        disabled={busy !== null || rejecting.reason.trim().length < 3}
                        onClick={() => void act(row, 'reject', rejecting.reason.trim())}
                      >
                        Kirim penolakan
                      </button>
                      <button
                        type="button"
                        className="btn btn--style-secondary btn--size-small"
                        style={{ margin: 0 }}
                        onClick={() => setRejecting(null)}
                      >
                        Batal
                      </button>
                    </span>
                  ) : (
                    <span style={{ display: 'inline-flex', gap: 6 }}>
                      <button
                        type="button"
                        className="btn btn--style-primary btn--size-small"
                        style={{ margin: 0 }}
                        disabled={busy !== null}
                        onClick={() => void act(row, 'verify')}
                      >
                        {busy === row.id ? 'Memproses…' : 'Verifikasi'}
                      </button>
                      <button
                        type="button"
                        className="btn btn--style-secondary btn--size-small"
                        style={{ margin: 0 }}
                        disabled={busy !== null}
                        onClick={() => setRejecting({ id: row.id, reason: '' })}
                      >
                        Tolak
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
