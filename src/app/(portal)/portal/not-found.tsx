import Link from 'next/link'

export default function PortalNotFound() {
  return (
    <main id="isi">
      <h1>Halaman tidak ditemukan</h1>
      <p>Tagihan atau tiket ini tidak ada, atau bukan milik akun Anda.</p>
      <p>
        <Link className="btn" href="/portal">
          Kembali ke beranda
        </Link>
      </p>
    </main>
  )
}
