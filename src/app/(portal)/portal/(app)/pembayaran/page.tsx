import { ProofForm } from '../../../../../portal/client/ProofForm'
import { idParam, invoicesOf, paymentsOf } from '../../../../../portal/data'
import { formatDateWib, formatRupiah, PAYMENT_METHOD_LABEL, PAYMENT_STATUS_LABEL } from '../../../../../portal/format'
import { portalSession } from '../../../../../portal/session'
import { Shell } from '../../../../../portal/Shell'

export const metadata = { title: 'Pembayaran' }
export const dynamic = 'force-dynamic'

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ tagihan?: string }> }) {
  const session = await portalSession()
  const selected = idParam((await searchParams).tagihan ?? '') ?? undefined
  const [open, payments] = await Promise.all([invoicesOf(session, { unpaidOnly: true }), paymentsOf(session)])
  return (
    <Shell current="payments" title="Pembayaran">
      <ProofForm
        selected={selected}
        invoices={open.map((inv) => ({
          id: inv.id,
          label: `${inv.number} · ${formatRupiah(inv.balanceDue ?? 0)}`,
          balanceDue: inv.balanceDue ?? 0,
        }))}
      />
      <section className="card" aria-labelledby="riwayat">
        <h2 id="riwayat">Riwayat pembayaran</h2>
        {payments.length === 0 ? (
          <p className="muted">Belum ada pembayaran.</p>
        ) : (
          <ul className="list">
            {payments.map((p) => (
              <li key={p.id}>
                <div className="row">
                  <strong>{formatRupiah(p.amount)}</strong>
                  <span
                    className={`badge ${p.status === 'verified' ? 'ok' : p.status === 'rejected' ? 'bad' : 'warn'}`}
                  >
                    {PAYMENT_STATUS_LABEL[p.status] ?? p.status}
                  </span>
                </div>
                <div className="muted">
                  {p.number} · {PAYMENT_METHOD_LABEL[p.method] ?? p.method} · {formatDateWib(p.paymentDate)}
                </div>
                {p.status === 'rejected' && p.rejectionReason && (
                  <p className="error">Alasan ditolak: {p.rejectionReason}</p>
                )}
                {p.status === 'verified' && (
                  <a href={`/api/payments/${p.id}/receipt`} download>
                    Unduh kuitansi
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Shell>
  )
}
