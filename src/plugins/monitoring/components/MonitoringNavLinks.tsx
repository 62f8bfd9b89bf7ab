import { NavGroup } from '@payloadcms/ui'
import Link from 'next/link'
import type { ServerProps } from 'payload'

import { hasRole } from '../../../access/roles'

/** The network dashboard in the admin's side nav, for the staff who follow the network. */
export function MonitoringNavLinks({ user, payload }: ServerProps) {
  if (!hasRole((user ?? null) as Parameters<typeof hasRole>[0], 'customer_service', 'technician', 'finance'))
    return null
  return (
    <NavGroup label="Jaringan">
      <Link href={`${payload.config.routes.admin}/pemantauan-jaringan`} className="nav__link" prefetch={false}>
        <span className="nav__link-label">Pemantauan jaringan</span>
      </Link>
    </NavGroup>
  )
}
