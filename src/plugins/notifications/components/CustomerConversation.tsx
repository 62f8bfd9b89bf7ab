'use client'

import { useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import type React from 'react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { humanizeKey } from '../../../lib/format'
import { formatWib } from '../../../lib/wib'
import type { Conversation, ConversationMessage } from '../operations/conversation'
import { errorMessage, newIdempotencyKey, sendJson } from '../../../components/admin/clientKit'

const STATUS_LABELS: Record<ConversationMessage['status'], string> = {
  queued: 'Antre',
  sent: '✓ Terkirim',
  delivered: '✓✓ Diterima',
  read: '✓✓ Dibaca',
  failed: 'Gagal',
  received: 'Masuk',
}
const CHANNEL_LABELS: Record<ConversationMessage['channel'], string> = {
  whatsapp: 'WhatsApp',
  fonnte: 'WhatsApp (Fonnte)',
  email: 'Email',
}
const VARIABLE = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g

const box: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m)',
  padding: 'var(--base)',
  marginBottom: 'var(--base)',
  display: 'grid',
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
const muted: React.CSSProperties = { fontSize: 12, color: 'var(--theme-elevation-500)' }

/** The template text with the values filled in; empty ones show as ⟨name⟩. */
const preview = (body: string, values: Record<string, string>) =>
  body.replace(VARIABLE, (_, name: string) => values[name]?.trim() || `⟨${name}⟩`)

function Bubble({ message, adminRoute }: { message: ConversationMessage; adminRoute: string }) {
  const outgoing = message.direction === 'out'
  const failed = message.status === 'failed'
  return (
    <li
      data-testid="conversation-message"
      data-direction={message.direction}
      data-status={message.status}
      data-message-id={message.id}
      style={{ display: 'flex', justifyContent: outgoing ? 'flex-end' : 'flex-start', listStyle: 'none' }}
    >
      <div
        style={{
          maxWidth: '75%',
          padding: '8px 12px',
          borderRadius: 'var(--style-radius-m)',
          background: outgoing ? 'var(--theme-success-100)' : 'var(--theme-elevation-50)',
          border: `1px solid ${failed ? 'var(--theme-error-500)' : message.needsAttention ? 'var(--theme-warning-500)' : 'var(--theme-elevation-150)'}`,
          display: 'grid',
          gap: 4,
        }}
      >
        {message.needsAttention && (
          <strong data-testid="needs-attention" style={{ fontSize: 12, color: 'var(--theme-warning-700)' }}>
            ⚑ Perlu ditangani CS
          </strong>
        )}
        <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="conversation-body">
          {message.body ?? ''}
        </div>
        <div style={muted}>
          {formatWib(message.at)} · {CHANNEL_LABELS[message.channel]}
          {/* A text reply keeps its template only as the fallback: named when that is what went out. */}
          {message.template && (message.kind === 'template' || message.errorCode === 131047)
            ? ` · template ${message.template.name}`
            : ''}
          {message.sentBy ? ` · oleh ${message.sentBy.name}` : ''}
          {message.ticket && (
            <>
              {' · '}
              <a href={`${adminRoute}/collections/tickets/${message.ticket.id}`}>tiket {message.ticket.number}</a>
            </>
          )}
          {outgoing && (
            <>
              {' · '}
              <span
                data-testid="conversation-status"
                style={{
                  fontWeight: 600,
                  color: failed
                    ? 'var(--theme-error-500)'
                    : message.status === 'read'
                      ? 'var(--theme-success-600)'
                      : undefined,
                }}
              >
                {STATUS_LABELS[message.status]}
              </span>
            </>
          )}
          {outgoing &&
            message.status === 'queued' &&
            message.scheduledFor &&
            ` (dikirim mulai ${formatWib(message.scheduledFor)})`}
        </div>
        {message.errorReason && (
          <div
            data-testid="conversation-error"
            style={{ fontSize: 12, color: failed ? 'var(--theme-error-500)' : 'var(--theme-elevation-600)' }}
          >
            {failed ? 'Alasan gagal' : 'Catatan'}: {message.errorReason}
            {message.errorCode ? ` (kode ${message.errorCode})` : ''}
          </div>
        )}
      </div>
    </li>
  )
}

/**
 * The "Percakapan" tab of the customer page: the customer's WhatsApp and email messages in and out,
 * oldest first like a chat, with delivery status and failure reasons and the "Perlu ditangani CS"
 * marker; customer service sends a template by hand (variables prefilled from what is known about
 * the customer, previewed before sending) or a free-text reply. One idempotency key per filled-in
 * form: a double click sends once.
 */
export function CustomerConversation() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const { config } = useConfig()
  const api = `${config.serverURL ?? ''}${config.routes.api}`
  const role = (user as { role?: string; collection?: string } | null)?.role
  const canSend = role === 'admin' || role === 'customer_service'
  const canRead = canSend || role === 'finance'

  const [data, setData] = useState<Conversation | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const listRef = useRef<HTMLOListElement>(null)

  const [templateKey, setTemplateKey] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
  const [templateIdempotencyKey, setTemplateIdempotencyKey] = useState(() => newIdempotencyKey())
  const [reply, setReply] = useState('')
  const [replyIdempotencyKey, setReplyIdempotencyKey] = useState(() => newIdempotencyKey())
  // React disables the buttons only after a render; the ref stops the second click of a double click before that.
  const sendingRef = useRef(false)
  const [sending, setSending] = useState<'template' | 'reply' | 'handled' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!id || !canRead) return
    try {
      const res = await fetch(`${api}/messages/conversation?customer=${encodeURIComponent(String(id))}`, {
        credentials: 'include',
      })
      const body = (await res.json().catch(() => ({}))) as Conversation
      if (!res.ok) throw new Error(errorMessage(body, res.status))
      setData(body)
      setLoadError(null)
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }, [api, id, canRead])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = listRef.current.scrollHeight
  }, [data])

  const template = useMemo(() => data?.templates.find((t) => t.key === templateKey) ?? null, [data, templateKey])
  const missing = template ? template.needs.filter((name) => !values[name]?.trim()) : []

  if (!id) return null
  if (!canRead)
    return (
      <p data-testid="conversation-forbidden">
        Percakapan pelanggan hanya untuk layanan pelanggan, keuangan dan admin.
      </p>
    )

  const pickTemplate = (key: string) => {
    setTemplateKey(key)
    setError(null)
    setNotice(null)
    const picked = data?.templates.find((t) => t.key === key)
    // Prefilled from what is known about the customer; staff can change every value.
    setValues(Object.fromEntries((picked?.needs ?? []).map((name) => [name, data?.knownVariables[name] ?? ''])))
    setTemplateIdempotencyKey(newIdempotencyKey())
  }

  const send = async (kind: 'template' | 'reply') => {
    if (sendingRef.current) return
    setError(null)
    setNotice(null)
    if (kind === 'template') {
      if (!template) return setError('Pilih template terlebih dahulu.')
      if (missing.length) return setError(`Variabel template belum diisi: ${missing.join(', ')}.`)
    } else if (!reply.trim()) return setError('Tulis pesan balasan terlebih dahulu.')
    sendingRef.current = true
    setSending(kind)
    try {
      const answer =
        kind === 'template'
          ? await sendJson<{ message: string; replayed: boolean }>(`${api}/messages/send-template`, {
              headers: { 'Idempotency-Key': templateIdempotencyKey },
              body: { customer: Number(id), template: template!.key, variables: values },
            })
          : await sendJson<{ message: string; replayed: boolean }>(`${api}/messages/send-text`, {
              headers: { 'Idempotency-Key': replyIdempotencyKey },
              body: { customer: Number(id), text: reply },
            })
      setNotice(answer.message)
      // A new form, a new key: the next message is a different one.
      if (kind === 'template') {
        setTemplateIdempotencyKey(newIdempotencyKey())
        setTemplateKey('')
        setValues({})
      } else {
        setReplyIdempotencyKey(newIdempotencyKey())
        setReply('')
      }
      await load()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      sendingRef.current = false
      setSending(null)
    }
  }

  // Handled without writing back (by phone, at the counter): the marker goes, nothing is sent.
  const markHandled = async () => {
    if (sendingRef.current) return
    sendingRef.current = true
    setSending('handled')
    setError(null)
    setNotice(null)
    try {
      const answer = await sendJson<{ message: string }>(`${api}/messages/mark-handled`, {
        body: { customer: Number(id) },
      })
      setNotice(answer.message)
      await load()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      sendingRef.current = false
      setSending(null)
    }
  }

  const adminRoute = config.routes.admin
  return (
    // This sits inside the customer's edit form: no nested <form>, and Enter must not save the customer.
    <div
      data-testid="conversation"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') event.preventDefault()
      }}
    >
      <div style={box}>
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            flexWrap: 'wrap',
            gap: 'var(--base)',
            alignItems: 'center',
          }}
        >
          <h3 style={{ margin: 0 }}>Percakapan WhatsApp & email</h3>
          <div style={{ display: 'flex', gap: 'var(--base)', alignItems: 'center', fontSize: 13 }}>
            {data && data.needsAttention > 0 && (
              <>
                <strong data-testid="conversation-attention-count" style={{ color: 'var(--theme-warning-700)' }}>
                  ⚑ {data.needsAttention} pesan perlu ditangani CS
                </strong>
                <button
                  type="button"
                  data-testid="conversation-mark-handled"
                  className="btn btn--style-secondary btn--size-small"
                  style={{ margin: 0 }}
                  disabled={sending !== null}
                  onClick={() => void markHandled()}
                >
                  Tandai sudah ditangani
                </button>
              </>
            )}
            {data && (
              <span data-testid="conversation-window">
                {data.windowOpen
                  ? `Jendela 24 jam terbuka (pesan terakhir pelanggan ${formatWib(data.lastInboundAt!)})`
                  : 'Jendela 24 jam tertutup: hanya template yang sampai'}
              </span>
            )}
            <button
              type="button"
              className="btn btn--style-secondary btn--size-small"
              style={{ margin: 0 }}
              onClick={() => void load()}
            >
              Muat ulang
            </button>
          </div>
        </div>
        {loadError && (
          <div role="alert" style={{ color: 'var(--theme-error-500)' }}>
            Gagal memuat percakapan: {loadError}
          </div>
        )}
        {data === null && !loadError && <span>Memuat percakapan…</span>}
        {data && data.messages.length === 0 && (
          <span data-testid="conversation-empty">Belum ada pesan dengan pelanggan ini.</span>
        )}
        {data && data.messages.length > 0 && (
          <>
            {data.truncated && (
              <span style={muted}>
                Menampilkan {data.messages.length} pesan terakhir; semua ada di Notifikasi → Log pesan.
              </span>
            )}
            <ol
              ref={listRef}
              data-testid="conversation-messages"
              style={{ margin: 0, padding: 0, display: 'grid', gap: 8, maxHeight: 520, overflowY: 'auto' }}
            >
              {data.messages.map((m) => (
                <Bubble key={m.id} message={m} adminRoute={adminRoute} />
              ))}
            </ol>
          </>
        )}
      </div>

      {canSend && data && (
        <div style={box} data-testid="send-template">
          <h3 style={{ margin: 0 }}>Kirim template</h3>
          <label style={label}>
            Template
            <select style={input} name="ct-template" value={templateKey} onChange={(e) => pickTemplate(e.target.value)}>
              <option value="">— pilih template —</option>
              {data.templates.map((t) => (
                <option key={t.key} value={t.key} disabled={t.approvalStatus !== 'approved'}>
                  {t.name}
                  {t.approvalStatus !== 'approved' ? ' · belum disetujui' : ''}
                </option>
              ))}
            </select>
          </label>
          {template && (
            <>
              {template.needs.length > 0 && (
                <div
                  style={{
                    display: 'grid',
                    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
                    gap: 'calc(var(--base) * 0.75)',
                  }}
                >
                  {template.needs.map((name) => (
                    <label key={name} style={label}>
                      {humanizeKey(name)}
                      <input
                        style={input}
                        name={`ct-var-${name}`}
                        value={values[name] ?? ''}
                        maxLength={1024}
                        onChange={(e) => setValues({ ...values, [name]: e.target.value })}
                      />
                    </label>
                  ))}
                </div>
              )}
              <div style={label}>
                Pratinjau
                <div
                  data-testid="template-preview"
                  style={{ ...input, whiteSpace: 'pre-wrap', background: 'var(--theme-success-100)' }}
                >
                  {preview(template.body, values)}
                </div>
                {missing.length > 0 && (
                  <span data-testid="template-missing" style={{ fontSize: 12, color: 'var(--theme-error-500)' }}>
                    Belum diisi: {missing.join(', ')}
                  </span>
                )}
              </div>
              <div>
                <button
                  type="button"
                  className="btn btn--style-primary btn--size-medium"
                  style={{ margin: 0 }}
                  disabled={sending !== null || missing.length > 0}
                  onClick={() => void send('template')}
                >
                  {sending === 'template' ? 'Mengirim…' : 'Kirim template'}
                </button>
              </div>
            </>
          )}
        </div>
      )}

      {canSend && data && (
        <div style={box} data-testid="send-reply">
          <h3 style={{ margin: 0 }}>Balas dengan teks</h3>
          <label style={label}>
            Pesan
            <textarea
              style={{ ...input, minHeight: 72 }}
              name="ct-reply"
              value={reply}
              maxLength={4096}
              onChange={(e) => setReply(e.target.value)}
            />
          </label>
          <span style={muted}>
            {data.windowOpen
              ? 'Pelanggan menulis dalam 24 jam terakhir: teks ini sampai apa adanya.'
              : 'Di luar jendela 24 jam WhatsApp hanya menerima template: yang terkirim adalah template "cs_reply" yang mengajak pelanggan membalas.'}
          </span>
          <div>
            <button
              type="button"
              className="btn btn--style-primary btn--size-medium"
              style={{ margin: 0 }}
              disabled={sending !== null}
              onClick={() => void send('reply')}
            >
              {sending === 'reply' ? 'Mengirim…' : 'Kirim balasan'}
            </button>
          </div>
        </div>
      )}

      {error && (
        <div
          role="alert"
          data-testid="conversation-send-error"
          style={{ color: 'var(--theme-error-500)', marginBottom: 'var(--base)' }}
        >
          {error}
        </div>
      )}
      {notice && (
        <div
          role="status"
          data-testid="conversation-send-result"
          style={{ color: 'var(--theme-success-500)', marginBottom: 'var(--base)' }}
        >
          {notice}
        </div>
      )}
    </div>
  )
}
