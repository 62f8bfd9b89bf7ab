import Link from 'next/link'

import { invoicesOf } from '../../../../../portal/data'
import { formatDateWib, formatRupiah, INVOICE_STATUS_LABEL } from '../../../../../portal/format'
import { portalSession } from '../../../../../portal/session'
import { Shell } from '../../../../../portal/Shell'

export const metadata = { title: 'Tagihan' }
export const dynamic = 'force-dynamic'

export default async function InvoicesPage() {
  const session = await portalSession()
  const invoices = await invoicesOf(session)
  return (
    <Shell current="invoices" title="Tagihan">
      <section className="card">
        {invoices.length === 0 ? (
          <p className="muted">Belum ada tagihan.</p>
        ) : (
          <ul className="list">
            {invoices.map((inv) => (
              <li key={inv.id}>
                <Link className="item" href={`/portal/tagihan/${inv.id}`}>
                  <div className="row">
                    <strong>{inv.number}</strong>
                    <span className={`badge ${inv.status === 'paid' ? 'ok' : 'warn'}`}>
                      {INVOICE_STATUS_LABEL[inv.status] ?? inv.status}
                    </span>
                  </div>
                  <div className="row muted">
                    <span>Jatuh tempo {formatDateWib(inv.dueDate)}</span>
                    <span>{formatRupiah(inv.total ?? 0)}</span>
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
