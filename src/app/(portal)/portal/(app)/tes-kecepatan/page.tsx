import { SpeedTestButton } from '../../../../../portal/client/SpeedTestButton'
import { formatWib } from '../../../../../portal/format'
import { portalSession } from '../../../../../portal/session'
import { Shell } from '../../../../../portal/Shell'

export const metadata = { title: 'Tes kecepatan' }
export const dynamic = 'force-dynamic'

const mbps = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })} Mbps`

/**
 * The speed test: latency, download and upload between the phone and this server, beside the
 * package's promised speed, and the customer's last results (their own only, by the access rule).
 */
export default async function SpeedTestPage() {
  const { payload, user } = await portalSession()
  const packageId = typeof user.package === 'object' ? user.package?.id : user.package
  const [pkg, results] = await Promise.all([
    packageId
      ? payload.findByID({
          collection: 'packages',
          id: packageId,
          depth: 0,
          user,
          overrideAccess: false,
          disableErrors: true,
        })
      : null,
    payload.find({
      collection: 'speed-tests',
      sort: '-createdAt',
      limit: 5,
      depth: 0,
      user,
      overrideAccess: false,
    }),
  ])
  return (
    <Shell current="home" title="Tes kecepatan">
      <section className="card" aria-labelledby="paket-anda">
        <h2 id="paket-anda">Kecepatan paket Anda</h2>
        {pkg ? (
          <p>
            <strong>{pkg.name}</strong>: unduh {mbps(pkg.downloadMbps)}, unggah {mbps(pkg.uploadMbps)}
          </p>
        ) : (
          <p className="muted">Anda belum punya paket aktif.</p>
        )}
        <p className="hint">
          Tes mengukur jalur dari HP Anda ke server kami. Hasil lewat Wi-Fi bisa lebih rendah dari paket bila sinyal
          lemah atau banyak perangkat dipakai. Satu tes memakai sekitar 10 MB kuota.
        </p>
      </section>
      <SpeedTestButton promisedDownloadMbps={pkg?.downloadMbps ?? null} />
      <section className="card" aria-labelledby="riwayat-tes">
        <h2 id="riwayat-tes">Hasil sebelumnya</h2>
        {results.docs.length === 0 ? (
          <p className="muted">Belum ada hasil tes.</p>
        ) : (
          <ul className="list">
            {results.docs.map((r) => (
              <li key={r.id}>
                <p>
                  Unduh {mbps(r.downloadMbps)} · Unggah {mbps(r.uploadMbps)} · Latensi {Math.round(r.latencyMs)} ms
                </p>
                <p className="hint">{formatWib(r.createdAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Shell>
  )
}
