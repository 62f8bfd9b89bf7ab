import { notFound } from 'next/navigation'

import { CommentForm } from '../../../../../../portal/client/CommentForm'
import { RatingForm } from '../../../../../../portal/client/RatingForm'
import { idParam, ticketCommentsOf, ticketOf } from '../../../../../../portal/data'
import { csWhatsAppLink, formatWib, TICKET_STATUS_LABEL, TICKET_TYPE_LABEL } from '../../../../../../portal/format'
import { portalSession } from '../../../../../../portal/session'
import { Shell } from '../../../../../../portal/Shell'

export const metadata = { title: 'Tiket' }
export const dynamic = 'force-dynamic'

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id)
  const session = await portalSession()
  // Another customer's ticket is not found: the tickets' access rule decides, as this customer.
  const ticket = id ? await ticketOf(session, id) : null
  if (!ticket) notFound()
  const comments = await ticketCommentsOf(session, ticket.id)
  // Staff's timeline notes and the comments (the customer's and staff's), in time order.
  const entries = [
    ...(ticket.timeline ?? []).map((e, i) => ({
      key: `t${e.id ?? i}`,
      at: e.at,
      who: e.authorName ?? '',
      text: e.note,
      mine: false,
    })),
    ...comments.map((c) => ({
      key: `c${c.id}`,
      at: c.createdAt,
      who: c.authorCustomer ? 'Anda' : (c.authorName ?? 'Petugas'),
      text: c.body,
      mine: Boolean(c.authorCustomer),
    })),
  ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
  const photos = (ticket.photos ?? []).filter((p) => typeof p === 'object' && p !== null)
  const cs = csWhatsAppLink(`Halo, saya ingin menanyakan tiket ${ticket.number}.`)
  return (
    <Shell current="tickets" title={ticket.subject}>
      <section className="card">
        <div className="row">
          <span className="badge">{TICKET_STATUS_LABEL[ticket.status] ?? ticket.status}</span>
          <span className="muted">{ticket.number}</span>
        </div>
        <p className="muted">
          {TICKET_TYPE_LABEL[ticket.type] ?? ticket.type} · dibuat {formatWib(ticket.createdAt)}
        </p>
        {ticket.scheduledAt && <p>Jadwal kunjungan teknisi: {formatWib(ticket.scheduledAt)}</p>}
        {ticket.description && <p style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</p>}
        {photos.length > 0 && (
          <p className="row">
            {photos.map((p) =>
              typeof p === 'object' && p?.url ? (
                <a key={p.id} href={p.url}>
                  Lihat foto {p.filename}
                </a>
              ) : null,
            )}
          </p>
        )}
        {ticket.resolution && (
          <p>
            <strong>Penyelesaian:</strong> {ticket.resolution}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="linimasa">
        <h2 id="linimasa">Perkembangan</h2>
        {entries.length === 0 ? (
          <p className="muted">Laporan Anda sudah kami terima dan akan segera ditangani.</p>
        ) : (
          <ol data-testid="ticket-timeline">
            {entries.map((entry) => (
              <li key={entry.key} data-mine={entry.mine || undefined}>
                <strong>{formatWib(entry.at)}</strong>
                {entry.who ? ` · ${entry.who}` : ''}
                <br />
                <span style={{ whiteSpace: 'pre-wrap' }}>{entry.text}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {ticket.status !== 'closed' && <CommentForm ticketId={ticket.id} />}
      {ticket.status === 'resolved' || ticket.status === 'closed' ? (
        ticket.rating ? (
          <p className="card">Terima kasih atas nilai {ticket.rating}/5 dari Anda.</p>
        ) : (
          <RatingForm ticketId={ticket.id} />
        )
      ) : null}
      {cs && (
        <p>
          <a className="btn secondary full" href={cs} rel="noopener">
            Tanya CS tentang tiket ini
          </a>
        </p>
      )}
    </Shell>
  )
}
