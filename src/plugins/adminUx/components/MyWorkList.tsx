import type React from 'react'
import type { PayloadRequest } from 'payload'

import { formatDateTimeShortWib, formatPhone, mapHref, telHref } from '../../../lib/format'
import type { Customer, Ticket } from '../../../payload-types'

const STATUS_LABELS: Record<string, string> = {
  open: 'Baru',
  assigned: 'Ditugaskan',
  in_progress: 'Dikerjakan',
  resolved: 'Selesai',
  closed: 'Ditutup',
}
const TYPE_LABELS: Record<string, string> = {
  installation: 'Pemasangan',
  repair: 'Perbaikan (gangguan)',
  relocation: 'Pindah alamat',
  complaint: 'Keluhan',
  other: 'Lainnya',
}

const card: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m)',
  padding: 'calc(var(--base) * 0.75)',
  display: 'grid',
  gap: 'calc(var(--base) * 0.4)',
  background: 'var(--theme-elevation-0)',
}
const action: React.CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  minHeight: 44,
  padding: '0 calc(var(--base) * 0.75)',
  borderRadius: 'var(--style-radius-s)',
  border: '1px solid var(--theme-elevation-300)',
  textDecoration: 'none',
  color: 'var(--theme-text)',
  fontWeight: 600,
}

/**
 * "Pekerjaan saya": the signed-in technician's tickets that are not finished, the earliest visit
 * first (unscheduled ones last), each with the customer's address, a tap-to-call link and a map
 * link. Read with the technician's own access, so it lists only tickets assigned to them.
 */
export async function MyWorkList({ req, adminRoute }: { req: PayloadRequest; adminRoute: string }) {
  const found = await req.payload.find({
    collection: 'tickets',
    where: {
      and: [{ assignedTechnician: { equals: req.user?.id } }, { status: { not_in: ['resolved', 'closed'] } }],
    },
    sort: 'scheduledAt',
    limit: 100,
    depth: 1,
    overrideAccess: false,
    user: req.user,
    req,
  })
  // PostgreSQL sorts missing dates last on ascending order already; keep that order.
  const tickets = found.docs as Ticket[]
  if (tickets.length === 0)
    return (
      <p data-testid="my-work-empty" style={{ margin: 0 }}>
        Tidak ada pekerjaan yang belum selesai. 🎉
      </p>
    )
  return (
    <ol data-testid="my-work" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 'var(--base)' }}>
      {tickets.map((ticket) => {
        const customer = typeof ticket.customer === 'object' ? (ticket.customer as Customer) : null
        const tel = telHref(customer?.phone)
        const map = customer ? mapHref(customer) : null
        return (
          <li key={ticket.id} data-testid="my-work-item" data-ticket={ticket.number ?? ''} style={card}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <strong>{ticket.number}</strong>
              <span data-testid="my-work-status">{STATUS_LABELS[ticket.status] ?? ticket.status}</span>
            </div>
            <a
              href={`${adminRoute}/collections/tickets/${ticket.id}`}
              style={{ fontSize: '1.1rem', fontWeight: 600, color: 'var(--theme-text)' }}
            >
              {ticket.subject}
            </a>
            <div style={{ color: 'var(--theme-elevation-650)' }}>
              {TYPE_LABELS[ticket.type] ?? ticket.type} ·{' '}
              <span data-testid="my-work-schedule">
                {ticket.scheduledAt ? formatDateTimeShortWib(ticket.scheduledAt) : 'Belum dijadwalkan'}
              </span>
            </div>
            {customer ? (
              <div>
                <div>{customer.name}</div>
                <div data-testid="my-work-address">{customer.address || 'Alamat belum diisi'}</div>
              </div>
            ) : null}
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              {tel ? (
                <a data-testid="my-work-call" href={tel} style={action}>
                  📞 {formatPhone(customer?.phone)}
                </a>
              ) : null}
              {map ? (
                <a data-testid="my-work-map" href={map} target="_blank" rel="noreferrer" style={action}>
                  🗺️ Peta
                </a>
              ) : null}
              <a href={`${adminRoute}/collections/tickets/${ticket.id}`} style={action}>
                Buka tiket
              </a>
            </div>
          </li>
        )
      })}
    </ol>
  )
}
