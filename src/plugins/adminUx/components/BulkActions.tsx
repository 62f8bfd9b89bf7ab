'use client'

import { useAuth, useConfig, useListQuery, useSelection, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { stringify } from 'qs-esm'
import { useEffect, useId, useState } from 'react'

import { STAFF_TRIGGER_NAMES } from '../../notifications/types'

type Role = 'admin' | 'finance' | 'customer_service' | 'technician' | 'content_editor'
type Labelled = { id: string; en: string }

/** The admin's language: English when the staff member switched to it, Indonesian otherwise. */
function useText() {
  const { i18n } = useTranslation()
  return (label: Labelled) => (i18n.language === 'en' ? label.en : label.id)
}

function useRole(): Role | undefined {
  const { user } = useAuth()
  return (user as { role?: Role } | null)?.role
}

const allowed = (role: Role | undefined, roles: Role[]) => role === 'admin' || (!!role && roles.includes(role))

function useApi() {
  const { config } = useConfig()
  return `${config.serverURL ?? ''}${config.routes.api}`
}

const numericIds = (ids: (number | string)[]) => ids.map(Number).filter((id) => Number.isInteger(id) && id > 0)

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { errors?: { message?: string }[]; message?: string }
    return body.errors?.[0]?.message ?? body.message ?? `Gagal (${res.status}).`
  } catch {
    return `Gagal (${res.status}).`
  }
}

const barStyle = {
  display: 'flex',
  flexWrap: 'wrap' as const,
  alignItems: 'center',
  gap: '0.75rem',
  margin: '0 0 1rem',
}

const buttonClass = 'btn btn--style-secondary btn--size-small btn--withoutPopup'

/** Tickets list: assign the selected tickets to one technician (admins and customer service). */
export function AssignTicketsAction() {
  const t = useText()
  const role = useRole()
  const api = useApi()
  const router = useRouter()
  const { getSelectedIds } = useSelection()
  const selectId = useId()
  const [technicians, setTechnicians] = useState<{ id: number; name: string }[]>([])
  const [technician, setTechnician] = useState('')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const canAssign = allowed(role, ['customer_service'])

  useEffect(() => {
    if (!canAssign) return
    const query = stringify({ where: { role: { equals: 'technician' } }, limit: 200, depth: 0, sort: 'name' })
    fetch(`${api}/users?${query}`, { credentials: 'include' })
      .then((res) => (res.ok ? res.json() : { docs: [] }))
      .then((body: { docs: { id: number; name?: string; email: string }[] }) =>
        setTechnicians(body.docs.map((u) => ({ id: u.id, name: u.name || u.email }))),
      )
      .catch(() => setTechnicians([]))
  }, [api, canAssign])

  if (!canAssign) return null
  const ids = numericIds(getSelectedIds())

  const assign = async () => {
    setNote(null)
    if (!ids.length) return setNote({ ok: false, text: t({ id: 'Pilih tiket dulu.', en: 'Select tickets first.' }) })
    if (!technician) return setNote({ ok: false, text: t({ id: 'Pilih teknisi dulu.', en: 'Choose a technician.' }) })
    setBusy(true)
    try {
      const res = await fetch(`${api}/bulk/assign-tickets`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ticketIds: ids, technicianId: Number(technician) }),
      })
      if (!res.ok) return setNote({ ok: false, text: await errorText(res) })
      setNote({
        ok: true,
        text: t({ id: `${ids.length} tiket ditugaskan.`, en: `${ids.length} tickets assigned.` }),
      })
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={barStyle} data-testid="bulk-assign">
      <label htmlFor={selectId}>{t({ id: 'Teknisi', en: 'Technician' })}</label>
      <select id={selectId} value={technician} onChange={(e) => setTechnician(e.target.value)}>
        <option value="">{t({ id: '— pilih teknisi —', en: '— choose a technician —' })}</option>
        {technicians.map((tech) => (
          <option key={tech.id} value={tech.id}>
            {tech.name}
          </option>
        ))}
      </select>
      <button type="button" className={buttonClass} disabled={busy} onClick={assign}>
        {t({ id: 'Tugaskan yang dipilih', en: 'Assign selected' })}
        {ids.length ? ` (${ids.length})` : ''}
      </button>
      {note && (
        <span
          role={note.ok ? 'status' : 'alert'}
          style={{ color: note.ok ? 'var(--theme-success-500)' : 'var(--theme-error-500)' }}
        >
          {note.text}
        </span>
      )}
    </div>
  )
}

/** Invoices list: the selected invoices as one PDF to print (admins, finance, customer service). */
export function PrintInvoicesAction() {
  const t = useText()
  const role = useRole()
  const api = useApi()
  const { getSelectedIds } = useSelection()
  if (!allowed(role, ['finance', 'customer_service'])) return null
  const ids = numericIds(getSelectedIds()).slice(0, 100)
  const label = `${t({ id: 'Cetak yang dipilih', en: 'Print selected' })}${ids.length ? ` (${ids.length})` : ''}`
  return (
    <div style={barStyle} data-testid="bulk-print">
      {ids.length ? (
        <a
          className={buttonClass}
          href={`${api}/bulk/invoices.pdf?ids=${ids.join(',')}`}
          target="_blank"
          rel="noopener"
        >
          {label}
        </a>
      ) : (
        <button
          type="button"
          className={buttonClass}
          disabled
          title={t({ id: 'Pilih tagihan dulu.', en: 'Select invoices first.' })}
        >
          {label}
        </button>
      )}
    </div>
  )
}

type Template = { id: number; name: string; key: string }

/**
 * Customers list: one message template to the selected customers, or to everyone the list's current
 * filter shows; the count is shown and confirmed before anything is sent (admins and customer service).
 */
export function SendTemplateAction() {
  const t = useText()
  const role = useRole()
  const api = useApi()
  const { getSelectedIds, selectAll } = useSelection()
  const { query } = useListQuery()
  const selectId = useId()
  const [templates, setTemplates] = useState<Template[]>([])
  const [template, setTemplate] = useState('')
  const [pending, setPending] = useState<{ ids: number[]; runKey: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const canSend = allowed(role, ['customer_service'])

  useEffect(() => {
    if (!canSend) return
    const q = stringify({ limit: 200, depth: 0, sort: 'name', where: { key: { not_in: STAFF_TRIGGER_NAMES } } })
    fetch(`${api}/message-templates?${q}`, { credentials: 'include' })
      .then((res) => (res.ok ? res.json() : { docs: [] }))
      .then((body: { docs: Template[] }) => setTemplates(body.docs.filter((d) => !STAFF_TRIGGER_NAMES.includes(d.key))))
      .catch(() => setTemplates([]))
  }, [api, canSend])

  if (!canSend) return null
  const where = query?.where as Record<string, unknown> | undefined
  const filtered = !!where && Object.keys(where).length > 0
  const chosen = selectAll === 'allAvailable' ? [] : numericIds(getSelectedIds())

  /** The recipients: the ticked customers, else everyone the current filter lists. */
  const recipients = async (): Promise<number[] | string> => {
    if (chosen.length) return chosen
    if (!filtered)
      return t({
        id: 'Saring daftar atau pilih pelanggan dulu (tidak dikirim ke semua pelanggan sekaligus).',
        en: 'Filter the list or select customers first (not sent to every customer at once).',
      })
    const q = stringify({ where, limit: 2001, depth: 0, select: { number: true } })
    const res = await fetch(`${api}/customers?${q}`, { credentials: 'include' })
    if (!res.ok) return errorText(res)
    const body = (await res.json()) as { docs: { id: number }[] }
    if (!body.docs.length) return t({ id: 'Tidak ada pelanggan di daftar ini.', en: 'No customers in this list.' })
    return body.docs.map((d) => d.id)
  }

  const prepare = async () => {
    setNote(null)
    if (!template) return setNote({ ok: false, text: t({ id: 'Pilih template dulu.', en: 'Choose a template.' }) })
    setBusy(true)
    try {
      const ids = await recipients()
      if (typeof ids === 'string') return setNote({ ok: false, text: ids })
      setPending({ ids, runKey: `kirim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` })
    } finally {
      setBusy(false)
    }
  }

  const send = async () => {
    if (!pending) return
    setBusy(true)
    try {
      const res = await fetch(`${api}/bulk/send-template`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          templateId: Number(template),
          runKey: pending.runKey,
          filter: { customerIds: pending.ids },
        }),
      })
      if (!res.ok) return setNote({ ok: false, text: await errorText(res) })
      const result = (await res.json()) as { queued: number; failed: number; alreadySent: number }
      setNote({
        ok: true,
        text: t({
          id: `${result.queued} pesan masuk antrean, ${result.failed} gagal, ${result.alreadySent} sudah dikirim sebelumnya.`,
          en: `${result.queued} messages queued, ${result.failed} failed, ${result.alreadySent} sent before.`,
        }),
      })
      setPending(null)
    } finally {
      setBusy(false)
    }
  }

  const name = templates.find((x) => String(x.id) === template)?.name ?? ''
  return (
    <div style={barStyle} data-testid="bulk-send-template">
      <label htmlFor={selectId}>{t({ id: 'Template', en: 'Template' })}</label>
      <select
        id={selectId}
        value={template}
        onChange={(e) => {
          setTemplate(e.target.value)
          setPending(null)
        }}
      >
        <option value="">{t({ id: '— pilih template —', en: '— choose a template —' })}</option>
        {templates.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      {!pending && (
        <button type="button" className={buttonClass} disabled={busy} onClick={prepare}>
          {chosen.length
            ? t({
                id: `Kirim template ke yang dipilih (${chosen.length})`,
                en: `Send template to selected (${chosen.length})`,
              })
            : t({ id: 'Kirim template ke daftar ini', en: 'Send template to this list' })}
        </button>
      )}
      {pending && (
        <span
          role="alertdialog"
          aria-label={t({ id: 'Konfirmasi pengiriman', en: 'Confirm sending' })}
          style={barStyle}
        >
          <span data-testid="bulk-send-count">
            {t({
              id: `"${name}" akan dikirim ke ${pending.ids.length} pelanggan (bertahap sesuai batas WhatsApp). Lanjutkan?`,
              en: `"${name}" will be sent to ${pending.ids.length} customers (paced to WhatsApp's limits). Continue?`,
            })}
          </span>
          <button type="button" className={buttonClass} disabled={busy} onClick={send}>
            {t({ id: 'Ya, kirim', en: 'Yes, send' })}
          </button>
          <button type="button" className={buttonClass} disabled={busy} onClick={() => setPending(null)}>
            {t({ id: 'Batal', en: 'Cancel' })}
          </button>
        </span>
      )}
      {note && (
        <span
          role={note.ok ? 'status' : 'alert'}
          style={{ color: note.ok ? 'var(--theme-success-500)' : 'var(--theme-error-500)' }}
        >
          {note.text}
        </span>
      )}
    </div>
  )
}
