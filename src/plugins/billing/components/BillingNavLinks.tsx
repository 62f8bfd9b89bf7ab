import { NavGroup } from '@payloadcms/ui'
import Link from 'next/link'
import type { ServerProps } from 'payload'

import { hasRole, type StaffRole } from '../../../access/roles'

const LINKS: { path: string; label: string; roles: StaffRole[] }[] = [
  { path: '/verifikasi-pembayaran', label: 'Verifikasi pembayaran', roles: ['finance'] },
  { path: '/laporan-pendapatan', label: 'Laporan pendapatan', roles: ['finance'] },
  { path: '/pratinjau-isolir', label: 'Pratinjau isolir', roles: ['finance', 'customer_service'] },
]

/** The billing views in the admin's side nav, each only for the roles that may open it. */
export function BillingNavLinks({ user, payload }: ServerProps) {
  const links = LINKS.filter((link) => hasRole((user ?? null) as Parameters<typeof hasRole>[0], ...link.roles))
  if (links.length === 0) return null
  const adminRoute = payload.config.routes.admin
  return (
    <NavGroup label="Laporan tagihan">
      {links.map((link) => (
        <Link key={link.path} href={`${adminRoute}${link.path}`} className="nav__link" prefetch={false}>
          <span className="nav__link-label">{link.label}</span>
        </Link>
      ))}
    </NavGroup>
  )
}
