import { periodOf, wibDay } from '../../../../../plugins/billing/operations/calendar'
import { packageChangeProration } from '../../../../../plugins/billing/operations/invoices/midMonthChanges'
import { PackageChangeButton } from '../../../../../portal/client/PackageChangeButton'
import { packageChangeRequestsOf } from '../../../../../portal/data'
import { csWhatsAppLink, formatRupiah, formatWib } from '../../../../../portal/format'
import { portalSession } from '../../../../../portal/session'
import { Shell } from '../../../../../portal/Shell'

export const metadata = { title: 'Ganti paket' }
export const dynamic = 'force-dynamic'

const packageName = (value: unknown) =>
  value && typeof value === 'object' ? ((value as { name?: string }).name ?? 'paket baru') : 'paket baru'

/**
 * Packages on sale with the quote for changing today: the billing plugin's proration rule (the
 * same function the change itself bills with), for this month when it is already invoiced, then
 * the new monthly price. The customer asks for a change here; the waiting request, or the last
 * decision with its reason, shows at the top.
 */
export default async function PackagesPage() {
  const session = await portalSession()
  const { payload, user } = session
  const requests = await packageChangeRequestsOf(session, { limit: 1 })
  const latest = requests[0]
  const waiting = latest?.status === 'pending' ? latest : undefined
  const currentId = typeof user.package === 'object' ? user.package?.id : user.package
  const today = wibDay()
  const [packages, invoicedThisMonth] = await Promise.all([
    // The packages' access rule shows customers the ones on sale only; all of them (a catalogue is short,
    // and a cut-off would hide a package from the customer without saying so).
    payload.find({
      collection: 'packages',
      sort: 'monthlyPrice',
      pagination: false,
      depth: 0,
      user,
      overrideAccess: false,
    }),
    payload.count({
      collection: 'invoices',
      where: { period: { equals: periodOf(today) }, status: { not_equals: 'void' } },
      user,
      overrideAccess: false,
    }),
  ])
  const current =
    packages.docs.find((p) => p.id === currentId) ??
    (currentId
      ? await payload.findByID({
          collection: 'packages',
          id: currentId,
          depth: 0,
          user,
          overrideAccess: false,
          disableErrors: true,
        })
      : null)
  const others = packages.docs.filter((p) => p.id !== currentId)
  return (
    <Shell current="home" title="Ganti paket">
      {latest && (
        <section
          className={`notice${latest.status === 'rejected' ? ' bad' : ''}`}
          aria-labelledby="permintaan"
          data-request-status={latest.status}
        >
          <h2 id="permintaan">
            {latest.status === 'pending'
              ? 'Permintaan ganti paket menunggu persetujuan'
              : latest.status === 'approved'
                ? 'Permintaan ganti paket disetujui'
                : 'Permintaan ganti paket ditolak'}
          </h2>
          <p>
            Ke {packageName(latest.toPackage)}, diajukan {formatWib(latest.createdAt)}
            {latest.decidedAt ? `, diputuskan ${formatWib(latest.decidedAt)}` : ''}.
          </p>
          {latest.status === 'approved' && (
            <p>Paket Anda sudah diganti. Selisih bulan ini (bila ada) ditagihkan di tagihan berikutnya.</p>
          )}
          {latest.status === 'rejected' && latest.decisionReason && <p>Alasan: {latest.decisionReason}</p>}
        </section>
      )}
      {current && (
        <section className="card" aria-labelledby="sekarang">
          <h2 id="sekarang">Paket Anda sekarang</h2>
          <p className="big">{current.name}</p>
          <p className="muted">
            {current.downloadMbps} Mbps · {formatRupiah(current.monthlyPrice)}/bulan
          </p>
        </section>
      )}
      {others.length === 0 && <p className="muted">Belum ada paket lain yang dijual.</p>}
      {others.map((pkg) => {
        const quote =
          current && invoicedThisMonth.totalDocs > 0 && user.status === 'active'
            ? packageChangeProration({ fromPrice: current.monthlyPrice, toPrice: pkg.monthlyPrice, day: today })
            : null
        const text = `Halo, saya pelanggan ${user.number ?? ''} ingin ganti paket ke ${pkg.name}.`
        const cs = csWhatsAppLink(text)
        return (
          <section key={pkg.id} className="card" aria-labelledby={`paket-${pkg.id}`}>
            <div className="row">
              <h2 id={`paket-${pkg.id}`}>{pkg.name}</h2>
              <strong>{formatRupiah(pkg.monthlyPrice)}/bulan</strong>
            </div>
            <p className="muted">
              {pkg.downloadMbps} Mbps unduh · {pkg.uploadMbps} Mbps unggah
            </p>
            {quote && quote.amount !== 0 ? (
              <p data-quote={quote.amount}>
                Bila diganti hari ini: {quote.amount > 0 ? 'tambahan' : 'potongan'}{' '}
                <strong>{formatRupiah(Math.abs(quote.amount))}</strong> untuk {quote.days} dari {quote.totalDays} hari
                sisa bulan ini, ditagihkan di tagihan berikutnya; setelah itu {formatRupiah(pkg.monthlyPrice)}/bulan.
              </p>
            ) : (
              <p>Harga baru berlaku mulai tagihan berikutnya: {formatRupiah(pkg.monthlyPrice)}/bulan.</p>
            )}
            {!waiting && user.status !== 'terminated' && pkg.active && (
              <PackageChangeButton packageId={pkg.id} packageName={pkg.name} />
            )}
            {cs && (
              <a className="btn secondary" href={cs} rel="noopener">
                Tanya CS lewat WhatsApp
              </a>
            )}
          </section>
        )
      })}
    </Shell>
  )
}
