import { NavGroup } from '@payloadcms/ui'
import Link from 'next/link'
import type { ServerProps } from 'payload'

import { staffRoleOf } from '../roles'

/** "Pekerjaan saya" at the top of a technician's menu. */
export function MyWorkNavLink({ user, payload }: ServerProps) {
  if (staffRoleOf(user as Parameters<typeof staffRoleOf>[0]) !== 'technician') return null
  return (
    <NavGroup label="Teknisi">
      <Link href={`${payload.config.routes.admin}/pekerjaan-saya`} className="nav__link" prefetch={false}>
        <span className="nav__link-label">Pekerjaan saya</span>
      </Link>
    </NavGroup>
  )
}
