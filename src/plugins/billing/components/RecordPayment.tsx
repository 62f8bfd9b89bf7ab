'use client'

import { useAuth, useConfig, useDocumentInfo, useForm } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import type React from 'react'
import { useCallback, useEffect, useRef, useState } from 'react'

import { formatRupiah } from '../../../lib/money'
import { formatWib } from '../../../lib/wib'
import { errorMessage, fromWibInputValue, newIdempotencyKey, sendJson, wibInputValue } from './clientKit'

type OpenInvoice = {
  id: number
  number: string
  period?: string | null
  dueDate: string
  balanceDue?: number | null
  status: string
}
type RecordedPayment = { id: number; number: string; amount: number; status: 'pending' | 'verified' | 'rejected' }

const METHODS = [
  { value: 'cash', label: 'Tunai' },
  { value: 'bank_transfer', label: 'Transfer bank' },
  { value: 'qris', label: 'QRIS' },
  { value: 'gopay', label: 'GoPay' },
  { value: 'gateway', label: 'Payment gateway' },
] as const

const STATUS_LABELS: Record<RecordedPayment['status'], string> = {
  pending: 'Menunggu verifikasi',
  verified: 'Terverifikasi',
  rejected: 'Ditolak',
}

const box: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m)',
  padding: 'var(--base)',
  marginBottom: 'var(--base)',
  display: 'grid',
  gap: 'calc(var(--base) * 0.75)',
}
const row: React.CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
  gap: 'calc(var(--base) * 0.75)',
}
const label: React.CSSProperties = { display: 'grid', gap: 4, fontSize: 13 }
const input: React.CSSProperties = {
  padding: '8px 10px',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-elevation-800)',
  font: 'inherit',
}

/**
 * "Catat pembayaran" on the customer's Tagihan tab: records a payment through
 * `POST /api/payments/record`. One idempotency key per filled-in form, so a double click or a
 * retry after a dropped connection records one payment. Finance's payments count at once;
 * customer service's wait in the verification queue. Not shown before the customer is saved.
 */
export function RecordPayment() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const { config } = useConfig()
  const router = useRouter()
  const { dispatchFields } = useForm()
  const api = `${config.serverURL ?? ''}${config.routes.api}`

  const [invoices, setInvoices] = useState<OpenInvoice[] | null>(null)
  const [credit, setCredit] = useState<number | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  const [amount, setAmount] = useState('')
  const [method, setMethod] = useState<(typeof METHODS)[number]['value']>('cash')
  const [reference, setReference] = useState('')
  const [paymentDate, setPaymentDate] = useState(() => wibInputValue())
  const [selected, setSelected] = useState<number[]>([])
  const [proof, setProof] = useState<File | null>(null)
  const [notes, setNotes] = useState('')
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey())
  const [sending, setSending] = useState(false)
  // React disables the button only after a render; the ref stops the second click of a double click before that.
  const sendingRef = useRef(false)
  const [result, setResult] = useState<{ payment: RecordedPayment; replayed: boolean } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const proofInput = useRef<HTMLInputElement>(null)

  const load = useCallback(async () => {
    if (!id) return
    try {
      const where = `where[customer][equals]=${encodeURIComponent(String(id))}&where[status][in]=unpaid,partially_paid`
      const [invoiceRes, customerRes] = await Promise.all([
        fetch(`${api}/invoices?${where}&sort=dueDate&limit=24&depth=0`, { credentials: 'include' }),
        fetch(`${api}/customers/${id}?depth=0`, { credentials: 'include' }),
      ])
      if (!invoiceRes.ok) throw new Error(errorMessage(await invoiceRes.json().catch(() => ({})), invoiceRes.status))
      const found = (await invoiceRes.json()) as { docs: OpenInvoice[] }
      setInvoices(found.docs)
      if (customerRes.ok) {
        const creditBalance = ((await customerRes.json()) as { creditBalance?: number | null }).creditBalance ?? 0
        setCredit(creditBalance)
        // The customer's own credit field on this page shows the new balance too.
        dispatchFields({ type: 'UPDATE', path: 'creditBalance', value: creditBalance, initialValue: creditBalance })
      }
      setLoadError(null)
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }, [api, dispatchFields, id])

  useEffect(() => {
    void load()
  }, [load])

  if (!id) return null

  const openBalance = (invoices ?? []).reduce((sum, invoice) => sum + (invoice.balanceDue ?? 0), 0)
  const isFinance = user?.role === 'finance' || user?.role === 'admin'

  const toggleInvoice = (invoice: OpenInvoice) => {
    const next = selected.includes(invoice.id) ? selected.filter((x) => x !== invoice.id) : [...selected, invoice.id]
    setSelected(next)
    // Picking invoices suggests their balance as the amount, until someone types one.
    if (amount === '' || Number(amount) === suggested(selected)) setAmount(String(suggested(next) || ''))
  }
  const suggested = (ids: number[]) =>
    (invoices ?? []).filter((i) => ids.includes(i.id)).reduce((sum, i) => sum + (i.balanceDue ?? 0), 0)

  const submit = async () => {
    if (sendingRef.current) return
    setError(null)
    setResult(null)
    const value = Number(amount.replace(/[.\s]/g, ''))
    if (!Number.isInteger(value) || value <= 0)
      return setError('Isi jumlah dalam Rupiah (bilangan bulat lebih dari 0).')
    if (!paymentDate) return setError('Isi tanggal bayar.')
    sendingRef.current = true
    setSending(true)
    try {
      let proofId: number | undefined
      if (proof) {
        const form = new FormData()
        form.append('file', proof)
        form.append('_payload', JSON.stringify({ alt: `Bukti pembayaran ${reference || ''}`.trim() }))
        const res = await fetch(`${api}/media`, { method: 'POST', body: form, credentials: 'include' })
        const body = (await res.json().catch(() => ({}))) as { doc?: { id: number } }
        if (!res.ok || !body.doc) throw new Error(`Bukti transfer ditolak: ${errorMessage(body, res.status)}`)
        proofId = body.doc.id
      }
      const answer = await sendJson<{ doc: RecordedPayment; replayed: boolean }>(`${api}/payments/record`, {
        headers: { 'Idempotency-Key': idempotencyKey },
        body: {
          customer: Number(id),
          amount: value,
          method,
          reference: reference.trim() || undefined,
          paymentDate: fromWibInputValue(paymentDate).toISOString(),
          invoices: selected.length ? selected : undefined,
          proof: proofId,
          notes: notes.trim() || undefined,
        },
      })
      setResult({ payment: answer.doc, replayed: answer.replayed })
      // A new form, a new key: the next payment is a different one.
      setIdempotencyKey(newIdempotencyKey())
      setAmount('')
      setReference('')
      setSelected([])
      setProof(null)
      setNotes('')
      setPaymentDate(wibInputValue())
      if (proofInput.current) proofInput.current.value = ''
      await load()
      // The invoice and payment tables on this page reload their rows (RefreshingJoinField).
      window.dispatchEvent(new Event('isp:customer-billing-changed'))
      router.refresh()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      sendingRef.current = false
      setSending(false)
    }
  }

  return (
    // This sits inside the customer's edit form: no nested <form>, and Enter must not save the customer.
    <div
      data-testid="record-payment"
      style={box}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') event.preventDefault()
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 'var(--base)' }}>
        <h3 style={{ margin: 0 }}>Catat pembayaran</h3>
        <div style={{ display: 'flex', gap: 'var(--base)' }}>
          <span>
            Sisa tagihan:{' '}
            <strong data-testid="record-payment-open-balance">{invoices ? formatRupiah(openBalance) : '…'}</strong>
          </span>
          <span>
            Saldo: <strong data-testid="record-payment-credit">{credit === null ? '…' : formatRupiah(credit)}</strong>
          </span>
        </div>
      </div>
      {loadError && (
        <div role="alert" style={{ color: 'var(--theme-error-500)' }}>
          Gagal memuat tagihan: {loadError}
        </div>
      )}

      <div style={row}>
        <label style={label}>
          Jumlah (Rp)
          <input
            style={input}
            name="rp-amount"
            inputMode="numeric"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            placeholder="150000"
            required
          />
        </label>
        <label style={label}>
          Metode
          <select
            style={input}
            name="rp-method"
            value={method}
            onChange={(e) => setMethod(e.target.value as typeof method)}
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label style={label}>
          Nomor referensi
          <input
            style={input}
            name="rp-reference"
            value={reference}
            maxLength={100}
            onChange={(e) => setReference(e.target.value)}
            placeholder={method === 'cash' ? 'Opsional' : 'No. transaksi / berita transfer'}
          />
        </label>
        <label style={label}>
          Tanggal bayar (WIB)
          <input
            style={input}
            name="rp-date"
            type="datetime-local"
            value={paymentDate}
            onChange={(e) => setPaymentDate(e.target.value)}
            required
          />
        </label>
      </div>

      <fieldset style={{ border: 'none', padding: 0, margin: 0, display: 'grid', gap: 4 }}>
        <legend style={{ fontSize: 13, marginBottom: 4 }}>
          Tagihan yang dibayar (kosong: tagihan tertua lebih dulu)
        </legend>
        {invoices === null ? (
          <span>Memuat tagihan…</span>
        ) : invoices.length === 0 ? (
          <span data-testid="record-payment-no-invoices">
            Tidak ada tagihan terbuka. Pembayaran akan menjadi saldo.
          </span>
        ) : (
          invoices.map((invoice) => (
            <label key={invoice.id} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <input
                type="checkbox"
                name="rp-invoice"
                value={invoice.id}
                checked={selected.includes(invoice.id)}
                onChange={() => toggleInvoice(invoice)}
              />
              <span>
                {invoice.number}
                {invoice.period ? ` · ${invoice.period}` : ''} · sisa {formatRupiah(invoice.balanceDue ?? 0)} · jatuh
                tempo {formatWib(invoice.dueDate).replace(/ pukul.*$/, '')}
                {invoice.status === 'partially_paid' ? ' · dibayar sebagian' : ''}
              </span>
            </label>
          ))
        )}
      </fieldset>

      <div style={row}>
        <label style={label}>
          Bukti transfer (JPG, PNG, WebP atau PDF; opsional)
          <input
            ref={proofInput}
            name="rp-proof"
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            onChange={(e) => setProof(e.target.files?.[0] ?? null)}
          />
        </label>
        <label style={label}>
          Catatan
          <textarea
            style={{ ...input, minHeight: 38 }}
            name="rp-notes"
            value={notes}
            maxLength={1000}
            onChange={(e) => setNotes(e.target.value)}
          />
        </label>
      </div>

      <div style={{ display: 'flex', gap: 'var(--base)', alignItems: 'center', flexWrap: 'wrap' }}>
        <button
          type="button"
          className="btn btn--style-primary btn--size-medium"
          style={{ margin: 0 }}
          disabled={sending}
          onClick={() => void submit()}
        >
          {sending ? 'Menyimpan…' : 'Simpan pembayaran'}
        </button>
        <span style={{ fontSize: 13, color: 'var(--theme-elevation-500)' }}>
          {isFinance
            ? 'Pembayaran yang Anda catat langsung terverifikasi.'
            : 'Pembayaran yang Anda catat menunggu verifikasi bagian keuangan.'}
        </span>
      </div>

      {error && (
        <div role="alert" data-testid="record-payment-error" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </div>
      )}
      {result && (
        <div role="status" data-testid="record-payment-result" style={{ color: 'var(--theme-success-500)' }}>
          {result.replayed ? 'Pembayaran ini sudah tercatat sebelumnya: ' : 'Pembayaran tercatat: '}
          <a
            href={`${config.routes.admin}/collections/payments/${result.payment.id}`}
            data-testid="record-payment-number"
          >
            {result.payment.number}
          </a>{' '}
          · {formatRupiah(result.payment.amount)} ·{' '}
          <span data-testid="record-payment-status">{STATUS_LABELS[result.payment.status]}</span>
        </div>
      )}
    </div>
  )
}
