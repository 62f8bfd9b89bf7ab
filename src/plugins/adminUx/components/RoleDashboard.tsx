import { RenderServerComponent } from '@payloadcms/ui/elements/RenderServerComponent'
import type { AdminViewServerProps } from 'payload'
import type React from 'react'

import type { StaffRole } from '../../../access/roles'
import { formatDateTimeShortWib, formatRupiah } from '../../../lib/format'
import { dashboardFigures } from '../operations/dashboardFigures'
import { staffRoleOf } from '../roles'
import { MyWorkList } from './MyWorkList'
import { RevenueSparkChart } from './RevenueSparkChart'

type Figure = {
  key: string
  label: string
  value: string
  href?: string
  tone?: 'alert' | 'ok' | 'plain'
  roles: StaffRole[]
}

const TITLES: Record<StaffRole, string> = {
  admin: 'Ringkasan hari ini',
  finance: 'Keuangan hari ini',
  customer_service: 'Layanan pelanggan hari ini',
  technician: 'Pekerjaan saya',
  content_editor: 'Konten',
}

const BACKUP_LABELS: Record<string, string> = {
  running: 'Sedang berjalan',
  verified: 'Berhasil',
  failed: 'Gagal',
}

/** `where[a][b][0]=x` query strings for Payload's list view. */
function listLink(adminRoute: string, collection: string, where: Record<string, string | string[]> = {}): string {
  const params = Object.entries(where).flatMap(([path, value]) => {
    const [field, operator] = path.split('.')
    const values = Array.isArray(value) ? value : [value]
    return Array.isArray(value)
      ? values.map((v, i) => `where[${field}][${operator}][${i}]=${encodeURIComponent(v)}`)
      : [`where[${field}][${operator}]=${encodeURIComponent(value)}`]
  })
  return `${adminRoute}/collections/${collection}${params.length ? `?${params.join('&')}` : ''}`
}

const tile: React.CSSProperties = {
  display: 'grid',
  gap: 4,
  padding: 'var(--base)',
  borderRadius: 'var(--style-radius-m)',
  border: '1px solid var(--theme-elevation-150)',
  background: 'var(--theme-elevation-50)',
  textDecoration: 'none',
  color: 'var(--theme-text)',
}

/**
 * The admin's landing page, shaped by role: today's figures that role works from, each a link to
 * the list behind it; finance also sees verified revenue of the last two weeks; a technician
 * lands on their own unfinished work.
 */
export async function RoleDashboard(props: AdminViewServerProps) {
  const { req, permissions, locale } = props.initPageResult
  const { payload } = req
  const adminRoute = payload.config.routes.admin
  const { beforeDashboard, afterDashboard } = payload.config.admin.components ?? {}
  // What other capabilities put on the dashboard (the backup panel) stays; each checks its role.
  const slot = (Component: typeof beforeDashboard) =>
    Component
      ? RenderServerComponent({
          Component,
          importMap: payload.importMap,
          serverProps: {
            i18n: req.i18n,
            locale,
            params: props.params,
            payload,
            permissions,
            searchParams: props.searchParams,
            user: req.user ?? undefined,
          },
        })
      : null
  const role = staffRoleOf(req.user as Parameters<typeof staffRoleOf>[0]) ?? 'content_editor'

  if (role === 'technician')
    return (
      <div className="gutter--left gutter--right" data-testid="dashboard" data-role={role}>
        <h1 style={{ margin: 'calc(var(--base) * 1.5) 0 var(--base)' }}>{TITLES[role]}</h1>
        <MyWorkList req={req} adminRoute={adminRoute} />
        {slot(beforeDashboard)}
        {slot(afterDashboard)}
      </div>
    )

  const figures = await dashboardFigures(req, typeof req.user?.id === 'number' ? req.user.id : null)
  const unfinished = { 'status.not_in': ['resolved', 'closed'] }
  const backup = figures.lastBackup
  const all: Figure[] = [
    {
      key: 'open-tickets',
      label: 'Tiket terbuka',
      value: String(figures.openTickets),
      href: listLink(adminRoute, 'tickets', unfinished),
      roles: ['customer_service'],
    },
    {
      key: 'overdue-tickets',
      label: 'Tiket lewat jadwal',
      value: String(figures.overdueTickets),
      href: listLink(adminRoute, 'tickets', { ...unfinished, 'scheduledAt.less_than': new Date().toISOString() }),
      tone: figures.overdueTickets > 0 ? 'alert' : 'plain',
      roles: ['customer_service'],
    },
    {
      key: 'installations-today',
      label: 'Pemasangan hari ini',
      value: String(figures.installationsToday),
      href: listLink(adminRoute, 'tickets', { 'type.equals': 'installation', ...unfinished }),
      roles: ['customer_service'],
    },
    {
      key: 'pending-verifications',
      label: 'Menunggu verifikasi',
      value: String(figures.pendingVerifications),
      href: `${adminRoute}/verifikasi-pembayaran`,
      tone: figures.pendingVerifications > 0 ? 'alert' : 'plain',
      roles: ['finance', 'customer_service'],
    },
    {
      key: 'unpaid',
      label: `Belum dibayar (${figures.unpaidInvoices} tagihan)`,
      value: formatRupiah(figures.unpaidTotal),
      href: listLink(adminRoute, 'invoices', { 'status.in': ['unpaid', 'partially_paid'] }),
      roles: ['finance', 'customer_service'],
    },
    {
      key: 'suspended',
      label: 'Pelanggan diisolir',
      value: String(figures.suspendedCustomers),
      href: listLink(adminRoute, 'customers', { 'status.equals': 'suspended' }),
      roles: ['finance', 'customer_service'],
    },
    {
      key: 'failed-messages',
      label: 'Pesan gagal hari ini',
      value: String(figures.failedMessagesToday),
      href: listLink(adminRoute, 'messages', { 'status.equals': 'failed' }),
      tone: figures.failedMessagesToday > 0 ? 'alert' : 'plain',
      roles: ['customer_service'],
    },
    {
      key: 'backup',
      label: backup
        ? `Cadangan terakhir · ${formatDateTimeShortWib(backup.finishedAt ?? backup.startedAt)}`
        : 'Cadangan terakhir',
      value: backup ? (BACKUP_LABELS[backup.status] ?? backup.status) : 'Belum ada',
      href: `${adminRoute}/collections/backups`,
      tone: !backup || backup.status === 'failed' ? 'alert' : backup.status === 'verified' ? 'ok' : 'plain',
      roles: [],
    },
  ]
  const shown = all.filter((f) => role === 'admin' || f.roles.includes(role))
  const showRevenue = role === 'admin' || role === 'finance'
  const contentLinks = role === 'content_editor'

  return (
    <div className="gutter--left gutter--right" data-testid="dashboard" data-role={role}>
      <h1 style={{ margin: 'calc(var(--base) * 1.5) 0 var(--base)' }}>{TITLES[role]}</h1>
      {slot(beforeDashboard)}
      {shown.length ? (
        <ul
          style={{
            listStyle: 'none',
            padding: 0,
            margin: 0,
            display: 'grid',
            gap: 'var(--base)',
            gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
          }}
        >
          {shown.map((figure) => (
            <li key={figure.key}>
              <a
                href={figure.href}
                data-testid={`figure-${figure.key}`}
                style={{
                  ...tile,
                  borderColor:
                    figure.tone === 'alert'
                      ? 'var(--theme-error-500)'
                      : figure.tone === 'ok'
                        ? 'var(--theme-success-500)'
                        : 'var(--theme-elevation-150)',
                }}
              >
                <span style={{ fontSize: '1.8rem', fontWeight: 700 }} data-testid="figure-value">
                  {figure.value}
                </span>
                <span>{figure.label}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {showRevenue ? (
        <section style={{ marginTop: 'calc(var(--base) * 2)' }}>
          <h2 style={{ fontSize: '1.2rem' }}>Pembayaran terverifikasi, 14 hari terakhir</h2>
          <RevenueSparkChart data={figures.revenueByDay} />
        </section>
      ) : null}
      {contentLinks ? (
        <ul style={{ display: 'grid', gap: 'var(--base)', padding: 0, listStyle: 'none' }}>
          <li>
            <a style={tile} href={`${adminRoute}/collections/knowledge-base`}>
              Basis pengetahuan (FAQ)
            </a>
          </li>
          <li>
            <a style={tile} href={`${adminRoute}/collections/message-templates`}>
              Templat pesan
            </a>
          </li>
        </ul>
      ) : null}
      {slot(afterDashboard)}
    </div>
  )
}
