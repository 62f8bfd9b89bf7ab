import { NavGroup } from '@payloadcms/ui'
import Link from 'next/link'
import type { ServerProps } from 'payload'

import { hasRole, type StaffRole } from '../../../access/roles'
import { ANALYTICS_ROLES, TECHNICIAN_RANKING_ROLES } from '../access'

const LINKS: { path: string; label: string; roles: StaffRole[] }[] = [
  { path: '/analitik', label: 'Pertumbuhan & churn', roles: ANALYTICS_ROLES },
  { path: '/analitik/teknisi', label: 'Teknisi & CSAT', roles: TECHNICIAN_RANKING_ROLES },
  { path: '/analitik/kesehatan', label: 'Kesehatan pelanggan', roles: ANALYTICS_ROLES },
  { path: '/analitik/peta', label: 'Peta cakupan', roles: ANALYTICS_ROLES },
]

/** The analytics views in the admin's side nav, each only for the roles that may open it. */
export function AnalyticsNavLinks({ user, payload }: ServerProps) {
  const links = LINKS.filter((link) => hasRole((user ?? null) as Parameters<typeof hasRole>[0], ...link.roles))
  if (links.length === 0) return null
  const adminRoute = payload.config.routes.admin
  return (
    <NavGroup label="Analitik">
      {links.map((link) => (
        <Link key={link.path} href={`${adminRoute}${link.path}`} className="nav__link" prefetch={false}>
          <span className="nav__link-label">{link.label}</span>
        </Link>
      ))}
    </NavGroup>
  )
}
