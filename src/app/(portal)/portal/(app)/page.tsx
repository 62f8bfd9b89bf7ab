import Link from 'next/link'

import { PayButton } from '../../../../portal/client/PayButton'
import {
  accountOf,
  invoicesOf,
  noticesFor,
  openIncidentsOf,
  packageOf,
  paymentsOf,
  ticketsOf,
  usageOf,
  type UsageDay,
} from '../../../../portal/data'
import {
  csWhatsAppLink,
  formatBytes,
  formatDateWib,
  formatRupiah,
  formatWib,
  TICKET_STATUS_LABEL,
} from '../../../../portal/format'
import { portalSession } from '../../../../portal/session'
import { Shell } from '../../../../portal/Shell'

export const metadata = { title: 'Beranda' }
export const dynamic = 'force-dynamic'

function UsageChart({ days }: { days: UsageDay[] }) {
  const max = Math.max(1, ...days.map((d) => d.rxBytes))
  const total = days.reduce((sum, d) => sum + d.rxBytes + d.txBytes, 0)
  return (
    <section className="card" aria-labelledby="pemakaian">
      <h2 id="pemakaian">Pemakaian 30 hari</h2>
      <p>
        Total <strong>{formatBytes(total)}</strong>
      </p>
      <div className="bars" role="img" aria-label={`Grafik unduhan harian, total ${formatBytes(total)}`}>
        {days.map((d) => (
          <span key={d.day} style={{ height: `${Math.round((d.rxBytes / max) * 100)}%` }} />
        ))}
      </div>
    </section>
  )
}

export default async function DashboardPage() {
  const session = await portalSession()
  const account = accountOf(session)
  const [user, pkg, unpaid, tickets, pending, incidents, usage, notices] = await Promise.all([
    account,
    account.then((user) => packageOf({ ...session, user })),
    invoicesOf(session, {
      unpaidOnly: true,
      limit: 6,
      select: { number: true, dueDate: true, balanceDue: true, status: true },
    }),
    ticketsOf(session, { openOnly: true, limit: 5, select: { subject: true, status: true } }),
    paymentsOf(session, { status: 'pending', limit: 5, select: { status: true } }),
    openIncidentsOf(session),
    usageOf(session),
    noticesFor(session),
  ])
  const due = unpaid.reduce((sum, inv) => sum + (inv.balanceDue ?? 0), 0)
  const suspended = user.status === 'suspended'
  const overdue = unpaid.filter((inv) => new Date(inv.dueDate).getTime() < Date.now())
  const nextDue = unpaid[0]
  const credit = (user as { creditBalance?: number | null }).creditBalance ?? 0
  const cs = csWhatsAppLink(`Halo, saya pelanggan ${user.number ?? ''} (${user.name}).`)

  return (
    <Shell current="home" title={`Halo, ${user.name}`}>
      {incidents.map((incident) => (
        <section key={incident.id} className="notice warn" role="status" aria-label="Gangguan jaringan">
          <strong>Gangguan jaringan di area Anda</strong>
          <p>{incident.customerMessage || incident.title}</p>
          {incident.estimatedRestoreAt && <p>Perkiraan pulih: {formatWib(incident.estimatedRestoreAt)}</p>}
          <p className="hint">Tim kami sudah menanganinya; Anda tidak perlu melapor lagi.</p>
        </section>
      ))}

      {notices.map((notice) => (
        <section key={notice.id} className="notice" aria-labelledby={`pengumuman-${notice.id}`}>
          <h2 id={`pengumuman-${notice.id}`}>{notice.title}</h2>
          <p style={{ whiteSpace: 'pre-wrap' }}>{notice.body}</p>
        </section>
      ))}

      {suspended && (
        <section className="notice bad" aria-labelledby="isolir">
          <h2 id="isolir">Layanan Anda diisolir</h2>
          {(user as { suspensionSource?: string | null }).suspensionSource === 'manual' ? (
            <p>Layanan dihentikan sementara oleh petugas kami. Hubungi CS untuk membukanya kembali.</p>
          ) : overdue.length > 0 ? (
            <p>
              Karena tagihan {overdue.map((inv) => inv.number).join(', ')} lewat jatuh tempo. Bayar{' '}
              <strong>{formatRupiah(due)}</strong> secara online dan internet aktif kembali otomatis dalam beberapa
              menit. Bila membayar dengan transfer, unggah buktinya; layanan dibuka setelah diverifikasi.
            </p>
          ) : (
            <p>Hubungi CS untuk membuka layanan kembali.</p>
          )}
          {nextDue && <PayButton invoiceId={nextDue.id} label={`Bayar ${formatRupiah(due)}`} />}
        </section>
      )}

      <section className="card" aria-labelledby="layanan">
        <div className="row">
          <h2 id="layanan">Layanan</h2>
          <span className={`badge ${suspended ? 'bad' : user.status === 'active' ? 'ok' : ''}`}>
            {suspended
              ? 'Isolir'
              : user.status === 'active'
                ? 'Aktif'
                : user.status === 'terminated'
                  ? 'Berhenti'
                  : 'Belum aktif'}
          </span>
        </div>
        <p className="big">{pkg ? pkg.name : 'Tanpa paket'}</p>
        {pkg && (
          <p className="muted">
            {pkg.downloadMbps} Mbps unduh · {pkg.uploadMbps} Mbps unggah · {formatRupiah(pkg.monthlyPrice)}/bulan
          </p>
        )}
        <p className="muted">Nomor pelanggan: {user.number}</p>
        <Link href="/portal/paket">Lihat paket lain dan biaya gantinya</Link>
        <p>
          <Link href="/portal/tes-kecepatan">Tes kecepatan internet</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="tagihan">
        <h2 id="tagihan">Tagihan</h2>
        <div className="row">
          <span>Belum dibayar</span>
          <strong className="big">{formatRupiah(due)}</strong>
        </div>
        {nextDue && (
          <p className="muted">
            Jatuh tempo berikutnya: <strong>{formatDateWib(nextDue.dueDate)}</strong>
          </p>
        )}
        {credit > 0 && <p>Saldo (kelebihan bayar): {formatRupiah(credit)}</p>}
        {unpaid.length === 0 ? (
          <p className="success">Tidak ada tagihan yang belum dibayar. Terima kasih!</p>
        ) : (
          <ul className="list">
            {unpaid.map((inv) => (
              <li key={inv.id}>
                <div className="row">
                  <Link href={`/portal/tagihan/${inv.id}`}>
                    {inv.number} · jatuh tempo {formatDateWib(inv.dueDate)}
                  </Link>
                  <strong>{formatRupiah(inv.balanceDue ?? 0)}</strong>
                </div>
                {!suspended && <PayButton invoiceId={inv.id} />}
              </li>
            ))}
          </ul>
        )}
        {pending.length > 0 && <p className="badge warn">{pending.length} bukti transfer menunggu verifikasi</p>}
      </section>

      <section className="card" aria-labelledby="tiket">
        <div className="row">
          <h2 id="tiket">Tiket bantuan</h2>
          <Link href="/portal/tiket/baru">Lapor gangguan</Link>
        </div>
        {tickets.length === 0 ? (
          <p className="muted">Tidak ada tiket yang sedang berjalan.</p>
        ) : (
          <ul className="list">
            {tickets.map((t) => (
              <li key={t.id}>
                <Link className="item" href={`/portal/tiket/${t.id}`}>
                  {t.subject} <span className="badge">{TICKET_STATUS_LABEL[t.status] ?? t.status}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {usage.length > 0 && <UsageChart days={usage} />}

      {cs && (
        <p>
          <a className="btn secondary full" href={cs} rel="noopener">
            Chat CS lewat WhatsApp
          </a>
        </p>
      )}
    </Shell>
  )
}
