import { DefaultNav } from '@payloadcms/next/rsc'
import type React from 'react'

import { ROLE_GROUP_ORDER, staffRoleOf } from '../roles'

type NavProps = React.ComponentProps<typeof DefaultNav>
type Grouped = { admin?: { group?: unknown } }

function groupKey(entity: Grouped): string {
  const group = entity.admin?.group
  if (!group) return ''
  if (typeof group === 'string') return group
  return (group as { en?: string }).en ?? ''
}

/**
 * Payload's side navigation with the menu groups in the order the signed-in role works through
 * them (finance: billing first; technician: tickets first). Payload lists groups in the order the
 * collections appear in the config, so this hands the navigation a config sorted for the role.
 */
export async function RoleNav(props: NavProps) {
  const { payload, user } = props
  const role = staffRoleOf(user as Parameters<typeof staffRoleOf>[0])
  if (!payload?.config || !role) return DefaultNav(props)
  const order = ROLE_GROUP_ORDER[role]
  const rank = (entity: Grouped) => {
    const index = order.indexOf(groupKey(entity))
    return index === -1 ? order.length : index
  }
  const sortByRole = <T extends Grouped>(entities: T[]): T[] =>
    entities
      .map((entity, index) => ({ entity, index }))
      .sort((a, b) => rank(a.entity) - rank(b.entity) || a.index - b.index)
      .map(({ entity }) => entity)
  const config = payload.config
  const sorted = Object.create(payload) as typeof payload
  Object.defineProperty(sorted, 'config', {
    value: { ...config, collections: sortByRole(config.collections), globals: sortByRole(config.globals) },
  })
  return DefaultNav({ ...props, payload: sorted })
}
