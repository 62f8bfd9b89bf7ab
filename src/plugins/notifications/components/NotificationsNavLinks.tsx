import { NavGroup } from '@payloadcms/ui'
import Link from 'next/link'
import type { ServerProps } from 'payload'

import { hasRole } from '../../../access/roles'
import { DASHBOARD_PATH } from './views/NotificationsDashboardView'

/** The notifications dashboard in the admin's side nav, for customer service and admins. */
export function NotificationsNavLinks({ user, payload }: ServerProps) {
  if (!hasRole((user ?? null) as Parameters<typeof hasRole>[0], 'customer_service')) return null
  return (
    <NavGroup label="Notifikasi WhatsApp">
      <Link href={`${payload.config.routes.admin}${DASHBOARD_PATH}`} className="nav__link" prefetch={false}>
        <span className="nav__link-label">Dasbor notifikasi</span>
      </Link>
    </NavGroup>
  )
}
