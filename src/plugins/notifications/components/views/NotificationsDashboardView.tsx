import type { AdminViewServerProps } from 'payload'
import type React from 'react'

import { AdminViewShell, adminViewAccess } from '../../../../components/admin/AdminViewShell'
import { notificationDashboard } from '../../operations/dashboard'

export const DASHBOARD_PATH = '/notifikasi'
const DAYS = 14

const card: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m)',
  padding: 'var(--base)',
  minWidth: 150,
  flex: '1 1 150px',
}
const table: React.CSSProperties = { width: '100%', borderCollapse: 'collapse', fontSize: 14 }
const cell: React.CSSProperties = {
  textAlign: 'left',
  padding: '6px 8px',
  borderBottom: '1px solid var(--theme-elevation-100)',
  verticalAlign: 'top',
}
const num: React.CSSProperties = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' }

type Condition = [field: string, operator: string, value: string]

/** The message log (Notifikasi → Log pesan) filtered by the conditions, as its filter bar understands them. */
export function messageLogHref(adminRoute: string, conditions: Condition[]): string {
  const params = new URLSearchParams()
  conditions.forEach(([field, operator, value], index) =>
    params.append(`where[or][0][and][${index}][${field}][${operator}]`, value),
  )
  return `${adminRoute}/collections/messages${conditions.length ? `?${params}` : ''}`
}

const dayLabel = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
})
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`)
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000)
const count = (n: number) => n.toLocaleString('id-ID')

function Figure({
  label,
  value,
  note,
  href,
  testId,
}: {
  label: string
  value: number
  note?: string
  href?: string
  testId: string
}) {
  return (
    <div style={card}>
      <div style={{ fontSize: 13, color: 'var(--theme-elevation-500)' }}>{label}</div>
      <div style={{ fontSize: 24, fontWeight: 600 }} data-testid={testId}>
        {href ? <a href={href}>{count(value)}</a> : count(value)}
      </div>
      {note && <div style={{ fontSize: 12, color: 'var(--theme-elevation-500)' }}>{note}</div>}
    </div>
  )
}

/**
 * `/admin/notifikasi` (customer service, admin): the last 14 WIB days of messages (sent,
 * delivered, read, failed, received, each on the day it happened), the failures grouped by error
 * code, and links into the message log filtered to each figure.
 */
export async function NotificationsDashboardView(props: AdminViewServerProps) {
  const { req, allowed } = adminViewAccess(props, DASHBOARD_PATH, ['customer_service'])
  if (!allowed) return <AdminViewShell props={props} title="Dasbor notifikasi" allowed={false} />
  const dashboard = await notificationDashboard({ req, days: DAYS })
  const adminRoute = req.payload.config.routes.admin
  const { from, to } = dashboard.range
  const failedIn = (start: string, end: string): Condition[] => [
    ['direction', 'equals', 'out'],
    ['status', 'equals', 'failed'],
    ['failedAt', 'greater_than_equal', start],
    ['failedAt', 'less_than', end],
  ]
  const deliveredRate =
    dashboard.totals.sent > 0 ? Math.round((dashboard.totals.delivered / dashboard.totals.sent) * 100) : null
  const maxDay = Math.max(1, ...dashboard.daily.map((d) => d.sent + d.failed))

  return (
    <AdminViewShell props={props} title="Dasbor notifikasi" allowed>
      <p style={{ marginTop: 0 }}>
        Pesan WhatsApp dan email {DAYS} hari terakhir (WIB). Setiap angka dihitung pada hari kejadiannya: pesan yang
        terkirim malam ini dan dibaca besok pagi masuk ke dua hari.{' '}
        <a href={messageLogHref(adminRoute, [])}>Buka log pesan</a>
      </p>
      <div style={{ display: 'flex', gap: 'var(--base)', flexWrap: 'wrap', marginBottom: 'var(--base)' }}>
        <Figure
          label="Terkirim"
          value={dashboard.totals.sent}
          testId="dashboard-sent"
          href={messageLogHref(adminRoute, [
            ['direction', 'equals', 'out'],
            ['sentAt', 'greater_than_equal', from],
            ['sentAt', 'less_than', to],
          ])}
        />
        <Figure
          label="Diterima"
          value={dashboard.totals.delivered}
          note={deliveredRate === null ? undefined : `${deliveredRate}% dari yang terkirim`}
          testId="dashboard-delivered"
        />
        <Figure label="Dibaca" value={dashboard.totals.read} testId="dashboard-read" />
        <Figure
          label="Gagal"
          value={dashboard.totals.failed}
          testId="dashboard-failed"
          href={messageLogHref(adminRoute, failedIn(from, to))}
        />
        <Figure
          label="Pesan masuk"
          value={dashboard.totals.received}
          testId="dashboard-received"
          href={messageLogHref(adminRoute, [
            ['direction', 'equals', 'in'],
            ['createdAt', 'greater_than_equal', from],
            ['createdAt', 'less_than', to],
          ])}
        />
        <Figure
          label="Antre sekarang"
          value={dashboard.queuedNow}
          testId="dashboard-queued"
          href={messageLogHref(adminRoute, [
            ['direction', 'equals', 'out'],
            ['status', 'equals', 'queued'],
          ])}
        />
        <Figure
          label="Perlu ditangani CS"
          value={dashboard.needsAttentionNow}
          testId="dashboard-attention"
          href={messageLogHref(adminRoute, [
            ['direction', 'equals', 'in'],
            ['needsAttention', 'equals', 'true'],
          ])}
        />
      </div>

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))',
          gap: 'calc(var(--base) * 2)',
        }}
      >
        <section>
          <h3>Per hari</h3>
          <table style={table} data-testid="dashboard-daily">
            <thead>
              <tr>
                <th style={cell}>Hari</th>
                <th style={num}>Terkirim</th>
                <th style={num}>Diterima</th>
                <th style={num}>Dibaca</th>
                <th style={num}>Gagal</th>
                <th style={num}>Masuk</th>
                <th style={cell} aria-label="Grafik" />
              </tr>
            </thead>
            <tbody>
              {[...dashboard.daily].reverse().map((d) => (
                <tr key={d.day} data-testid="dashboard-day" data-day={d.day}>
                  <td style={cell}>{dayLabel.format(new Date(`${d.day}T12:00:00+07:00`))}</td>
                  <td style={num} data-col="sent">
                    {count(d.sent)}
                  </td>
                  <td style={num} data-col="delivered">
                    {count(d.delivered)}
                  </td>
                  <td style={num} data-col="read">
                    {count(d.read)}
                  </td>
                  <td style={num} data-col="failed">
                    {d.failed > 0 ? (
                      <a
                        href={messageLogHref(
                          adminRoute,
                          failedIn(dayStart(d.day).toISOString(), nextDayStart(d.day).toISOString()),
                        )}
                      >
                        {count(d.failed)}
                      </a>
                    ) : (
                      '0'
                    )}
                  </td>
                  <td style={num} data-col="received">
                    {count(d.received)}
                  </td>
                  <td style={{ ...cell, width: 120 }}>
                    <div style={{ display: 'flex', height: 10 }} title={`${d.sent} terkirim, ${d.failed} gagal`}>
                      <div style={{ width: `${(d.sent / maxDay) * 100}%`, background: 'var(--theme-success-500)' }} />
                      <div style={{ width: `${(d.failed / maxDay) * 100}%`, background: 'var(--theme-error-500)' }} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>Alasan gagal</h3>
          <table style={table} data-testid="dashboard-failures">
            <thead>
              <tr>
                <th style={cell}>Kode</th>
                <th style={cell}>Arti</th>
                <th style={num}>Jumlah</th>
                <th style={cell} />
              </tr>
            </thead>
            <tbody>
              {dashboard.failureReasons.length === 0 && (
                <tr>
                  <td style={cell} colSpan={4}>
                    Tidak ada pesan gagal dalam {DAYS} hari terakhir.
                  </td>
                </tr>
              )}
              {dashboard.failureReasons.map((r) => (
                <tr
                  key={`${r.errorCode ?? 'x'}:${r.label}`}
                  data-testid="dashboard-failure"
                  data-code={r.errorCode ?? ''}
                >
                  <td style={cell}>{r.errorCode ?? '—'}</td>
                  <td style={cell}>
                    {r.label}
                    {r.errorCode !== null && r.example && (
                      <div style={{ fontSize: 12, color: 'var(--theme-elevation-500)' }}>{r.example}</div>
                    )}
                  </td>
                  <td style={num}>{count(r.count)}</td>
                  <td style={cell}>
                    <a
                      href={messageLogHref(adminRoute, [
                        ...failedIn(from, to),
                        r.errorCode !== null
                          ? ['errorCode', 'equals', String(r.errorCode)]
                          : ['errorCode', 'exists', 'false'],
                      ])}
                    >
                      Lihat di log
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </AdminViewShell>
  )
}
