/* The 404 page for any address outside the admin and the API, in Indonesian (Next's own is English). */
import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Halaman tidak ditemukan' }

export default function GlobalNotFound() {
  return (
    <html lang="id">
      <body
        style={{
          margin: 0,
          minHeight: '100vh',
          display: 'grid',
          placeItems: 'center',
          fontFamily: 'system-ui, sans-serif',
          color: '#1f1f1f',
          background: '#fafafa',
        }}
      >
        <main style={{ textAlign: 'center', padding: 24 }}>
          <h1 style={{ fontSize: 28, margin: '0 0 8px' }}>404 · Halaman tidak ditemukan</h1>
          <p style={{ margin: '0 0 16px' }}>Alamat yang Anda buka tidak ada atau sudah dipindahkan.</p>
          <a href="/admin" style={{ color: '#0b57d0' }}>
            Kembali ke panel admin
          </a>
        </main>
      </body>
    </html>
  )
}
