import { ProfileForms, SignOutButton } from '../../../../../portal/client/ProfileForms'
import { PreferencesForm } from '../../../../../portal/client/PreferencesForm'
import { csWhatsAppLink, formatWib } from '../../../../../portal/format'
import { formatPhone } from '../../../../../lib/phone'
import { portalSession } from '../../../../../portal/session'
import { Shell } from '../../../../../portal/Shell'

export const metadata = { title: 'Profil' }
export const dynamic = 'force-dynamic'

export default async function ProfilePage() {
  const { user } = await portalSession()
  const cs = csWhatsAppLink(`Halo, saya pelanggan ${user.number ?? ''} ingin mengganti nomor HP.`)
  return (
    <Shell current="profile" title="Profil">
      <section className="card">
        <p>
          <strong>{user.name}</strong>
        </p>
        <p className="muted">Nomor pelanggan: {user.number}</p>
        <p className="muted">Nomor HP (WhatsApp): {formatPhone(user.phone)}</p>
        <p className="hint">
          Nomor HP dipakai untuk kode masuk dan tagihan, jadi hanya bisa diganti lewat CS setelah identitas Anda dicek.
        </p>
        {cs && (
          <a className="btn secondary" href={cs} rel="noopener">
            Ganti nomor HP lewat CS
          </a>
        )}
      </section>
      <ProfileForms customerId={user.id} email={user.email ?? ''} />
      <PreferencesForm
        customerId={user.id}
        preferences={{ ...user.notificationPreferences }}
        consentedAtText={
          user.notificationPreferences?.consentedAt ? formatWib(user.notificationPreferences.consentedAt) : null
        }
      />
      <SignOutButton />
    </Shell>
  )
}
