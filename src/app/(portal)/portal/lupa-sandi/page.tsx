import Link from 'next/link'

import { ResetPasswordForm } from '../../../../portal/client/ResetPasswordForm'

export const metadata = { title: 'Lupa kata sandi' }

export default function ForgotPasswordPage() {
  return (
    <main id="isi">
      <h1>Lupa kata sandi</h1>
      <p className="muted">Kami kirim kode ke WhatsApp nomor HP yang terdaftar, lalu Anda buat kata sandi baru.</p>
      <ResetPasswordForm />
      <p>
        <Link href="/portal/masuk">Kembali ke halaman masuk</Link>
      </p>
    </main>
  )
}
