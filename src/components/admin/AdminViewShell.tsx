import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps, PayloadRequest } from 'payload'
import type React from 'react'

import { hasRole, type StaffRole } from '../../access/roles'

/**
 * Who may open a custom admin view. Payload serves custom views to anyone, so each checks here:
 * nobody signed in goes to the login page; signed-in staff without the role get a 403 page.
 */
export function adminViewAccess(
  props: AdminViewServerProps,
  path: string,
  roles: StaffRole[],
): { req: PayloadRequest; allowed: boolean } {
  const { req } = props.initPageResult
  const { routes } = req.payload.config
  if (!req.user) redirect(`${routes.admin}/login?redirect=${encodeURIComponent(`${routes.admin}${path}`)}`)
  return { req, allowed: hasRole(req.user, ...roles) }
}

/** A custom view inside the admin's own frame (nav, header), with a title and breadcrumb, or a 403 notice. */
export function AdminViewShell({
  props,
  title,
  allowed,
  children,
}: {
  props: AdminViewServerProps
  title: string
  allowed: boolean
  children?: React.ReactNode
}) {
  const { initPageResult, params, searchParams } = props
  const { req, permissions, locale, visibleEntities } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      // Copies: React 19 refuses the frozen arrays Payload hands over.
      visibleEntities={{ collections: [...visibleEntities.collections], globals: [...visibleEntities.globals] }}
    >
      <SetStepNav nav={[{ label: title }]} />
      <Gutter>
        <h1 style={{ margin: 'calc(var(--base) * 1.5) 0 var(--base)' }}>{title}</h1>
        {allowed ? (
          children
        ) : (
          <div
            role="alert"
            data-testid="admin-view-forbidden"
            style={{
              padding: 'var(--base)',
              border: '1px solid var(--theme-error-500)',
              borderRadius: 'var(--style-radius-m)',
            }}
          >
            403 · Anda tidak memiliki akses ke halaman ini.
          </div>
        )}
      </Gutter>
    </DefaultTemplate>
  )
}
