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

/** "Impor pelanggan" in the menu of admins and customer service. */
export function CustomerImportNavLink({ user, payload }: ServerProps) {
  const role = staffRoleOf(user as Parameters<typeof staffRoleOf>[0])
  if (role !== 'admin' && role !== 'customer_service') return null
  return (
    <NavGroup label="Alat">
      <Link href={`${payload.config.routes.admin}/impor-pelanggan`} className="nav__link" prefetch={false}>
        <span className="nav__link-label">Impor pelanggan</span>
      </Link>
    </NavGroup>
  )
}
