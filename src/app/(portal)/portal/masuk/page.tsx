import Link from 'next/link'
import { redirect } from 'next/navigation'

import { SignInForm } from '../../../../portal/client/SignInForm'
import { csWhatsAppLink } from '../../../../portal/format'
import { optionalPortalUser } from '../../../../portal/session'

export const metadata = { title: 'Masuk' }
export const dynamic = 'force-dynamic'

export default async function SignInPage() {
  if (await optionalPortalUser()) redirect('/portal')
  const cs = csWhatsAppLink('Halo, saya perlu bantuan masuk ke portal pelanggan.')
  return (
    <main id="isi">
      <h1>Masuk ke Portal Pelanggan</h1>
      <p className="muted">Lihat tagihan, bayar, dan laporkan gangguan dari HP Anda.</p>
      <SignInForm />
      <p>
        <Link href="/portal/lupa-sandi">Lupa kata sandi?</Link>
      </p>
      {cs && (
        <p>
          <a className="btn secondary" href={cs} rel="noopener">
            Hubungi CS lewat WhatsApp
          </a>
        </p>
      )}
    </main>
  )
}
