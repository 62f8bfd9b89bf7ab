import Link from 'next/link'
import { notFound } from 'next/navigation'

import { PayButton } from '../../../../../../portal/client/PayButton'
import { idParam, invoiceOf, paymentsOf } from '../../../../../../portal/data'
import {
  formatDateWib,
  formatRupiah,
  INVOICE_STATUS_LABEL,
  PAYMENT_STATUS_LABEL,
} from '../../../../../../portal/format'
import { portalSession } from '../../../../../../portal/session'
import { Shell } from '../../../../../../portal/Shell'

export const metadata = { title: 'Rincian tagihan' }
export const dynamic = 'force-dynamic'

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id)
  const session = await portalSession()
  // Another customer's invoice is not found: the invoices' access rule decides, as this customer.
  const invoice = id ? await invoiceOf(session, id) : null
  if (!invoice) notFound()
  const payments = await paymentsOf(session, { invoiceId: invoice.id, limit: 10 })
  const open = invoice.status === 'unpaid' || invoice.status === 'partially_paid'
  return (
    <Shell current="invoices" title={`Tagihan ${invoice.number}`}>
      <section className="card">
        <div className="row">
          <span className={`badge ${invoice.status === 'paid' ? 'ok' : 'warn'}`}>
            {INVOICE_STATUS_LABEL[invoice.status] ?? invoice.status}
          </span>
          <span className="muted">Jatuh tempo {formatDateWib(invoice.dueDate)}</span>
        </div>
        <table>
          <caption className="skip">Rincian tagihan</caption>
          <thead>
            <tr>
              <th scope="col">Keterangan</th>
              <th scope="col" className="num">
                Jumlah
              </th>
            </tr>
          </thead>
          <tbody>
            {(invoice.lines ?? []).map((line, i) => (
              <tr key={line.id ?? i}>
                <td>{line.description}</td>
                <td className="num">{formatRupiah(line.amount ?? line.unitPrice * line.quantity)}</td>
              </tr>
            ))}
            {(invoice.ppn ?? 0) > 0 && (
              <tr>
                <td>PPN {invoice.ppnRate}%</td>
                <td className="num">{formatRupiah(invoice.ppn ?? 0)}</td>
              </tr>
            )}
            <tr>
              <th scope="row">Total</th>
              <td className="num">
                <strong>{formatRupiah(invoice.total ?? 0)}</strong>
              </td>
            </tr>
            {(invoice.amountPaid ?? 0) + (invoice.creditApplied ?? 0) > 0 && (
              <tr>
                <td>Sudah dibayar</td>
                <td className="num">{formatRupiah((invoice.amountPaid ?? 0) + (invoice.creditApplied ?? 0))}</td>
              </tr>
            )}
            {open && (
              <tr>
                <th scope="row">Sisa tagihan</th>
                <td className="num">
                  <strong>{formatRupiah(invoice.balanceDue ?? 0)}</strong>
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {invoice.status === 'paid' && invoice.paidAt && (
          <p className="success">Lunas pada {formatDateWib(invoice.paidAt)}</p>
        )}
        <p className="row">
          {open && <PayButton invoiceId={invoice.id} />}
          <a className="btn secondary" href={`/api/invoices/${invoice.id}/pdf`} download>
            Unduh PDF
          </a>
        </p>
        {open && (
          <p>
            <Link href={`/portal/pembayaran?tagihan=${invoice.id}`}>Sudah transfer? Unggah bukti transfer</Link>
          </p>
        )}
      </section>
      {payments.length > 0 && (
        <section className="card" aria-labelledby="pembayaran">
          <h2 id="pembayaran">Pembayaran</h2>
          <ul className="list">
            {payments.map((p) => (
              <li key={p.id} className="row">
                <span>
                  {p.number} · {formatRupiah(p.amount)}
                </span>
                <span className={`badge ${p.status === 'verified' ? 'ok' : p.status === 'rejected' ? 'bad' : 'warn'}`}>
                  {PAYMENT_STATUS_LABEL[p.status] ?? p.status}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Shell>
  )
}
