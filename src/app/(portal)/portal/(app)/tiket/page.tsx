import Link from 'next/link'

import { ticketsOf } from '../../../../../portal/data'
import { formatDateWib, TICKET_STATUS_LABEL, TICKET_TYPE_LABEL } from '../../../../../portal/format'
import { portalSession } from '../../../../../portal/session'
import { Shell } from '../../../../../portal/Shell'

export const metadata = { title: 'Bantuan' }
export const dynamic = 'force-dynamic'

export default async function TicketsPage() {
  const session = await portalSession()
  const tickets = await ticketsOf(session)
  return (
    <Shell current="tickets" title="Bantuan">
      <p>
        <Link className="btn full" href="/portal/tiket/baru">
          Lapor gangguan atau keluhan
        </Link>
      </p>
      <p>
        <Link href="/portal/faq">Cari jawaban di tanya jawab (FAQ)</Link>
      </p>
      <section className="card" aria-labelledby="daftar">
        <h2 id="daftar">Tiket Anda</h2>
        {tickets.length === 0 ? (
          <p className="muted">Belum ada tiket.</p>
        ) : (
          <ul className="list">
            {tickets.map((t) => (
              <li key={t.id}>
                <Link className="item" href={`/portal/tiket/${t.id}`}>
                  <div className="row">
                    <strong>{t.subject}</strong>
                    <span className="badge">{TICKET_STATUS_LABEL[t.status] ?? t.status}</span>
                  </div>
                  <div className="muted">
                    {t.number} · {TICKET_TYPE_LABEL[t.type] ?? t.type} · {formatDateWib(t.createdAt)}
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Shell>
  )
}
