import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, adminViewAccess } from '../../../../components/admin/AdminViewShell'
import { formatWib } from '../../../../lib/wib'
import { networkDashboard } from '../../operations/dashboard'
import { NODE_KIND_LABELS, type NodeKind } from '../../types'

export const NETWORK_DASHBOARD_PATH = '/pemantauan-jaringan'

const cell = {
  textAlign: 'left' as const,
  padding: '6px 8px',
  borderBottom: '1px solid var(--theme-elevation-100)',
  verticalAlign: 'top' as const,
}
const table = {
  width: '100%',
  borderCollapse: 'collapse' as const,
  fontSize: 14,
  marginBottom: 'calc(var(--base) * 1.5)',
}

/**
 * `/admin/pemantauan-jaringan` (customer service, technicians, finance, admin): open incidents with
 * their cause, node and map position, devices reported down, each router's last poll, and how many
 * customers are offline now. Read only.
 */
export async function NetworkDashboardView(props: AdminViewServerProps) {
  const { req, allowed } = adminViewAccess(props, NETWORK_DASHBOARD_PATH, ['customer_service', 'technician', 'finance'])
  if (!allowed) return <AdminViewShell props={props} title="Pemantauan jaringan" allowed={false} />
  const data = await networkDashboard({ req })
  const admin = req.payload.config.routes.admin
  return (
    <AdminViewShell props={props} title="Pemantauan jaringan" allowed>
      <p data-testid="network-summary">
        {data.incidents.length} gangguan berlangsung · {data.offlineNow} pelanggan offline ({data.lonelyOffline} di luar
        gangguan) · {data.openTickets} tiket gangguan terbuka
      </p>
      <h2>Gangguan berlangsung</h2>
      <table style={table} data-testid="network-incidents">
        <thead>
          <tr>
            <th style={cell}>Gangguan</th>
            <th style={cell}>Sejak</th>
            <th style={cell}>Terdampak</th>
            <th style={cell}>Penyebab</th>
            <th style={cell}>Lokasi</th>
          </tr>
        </thead>
        <tbody>
          {data.incidents.length === 0 && (
            <tr>
              <td style={cell} colSpan={5}>
                Tidak ada gangguan.
              </td>
            </tr>
          )}
          {data.incidents.map((i) => (
            <tr key={i.id}>
              <td style={cell}>
                <a href={`${admin}/collections/network-incidents/${i.id}`}>{i.title}</a>
              </td>
              <td style={cell}>{formatWib(i.startedAt)}</td>
              <td style={cell}>{i.affected} pelanggan</td>
              <td style={cell}>{i.cause ?? '-'}</td>
              <td style={cell}>
                {i.latitude !== null && i.longitude !== null
                  ? `${i.node ?? ''} (${i.latitude.toFixed(5)}, ${i.longitude.toFixed(5)})`
                  : (i.node ?? '-')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Perangkat dilaporkan mati</h2>
      <table style={table} data-testid="network-nodes-down">
        <tbody>
          {data.nodesDown.length === 0 && (
            <tr>
              <td style={cell}>Semua perangkat menyala.</td>
            </tr>
          )}
          {data.nodesDown.map((n) => (
            <tr key={n.id}>
              <td style={cell}>
                <a href={`${admin}/collections/network-nodes/${n.id}`}>
                  {NODE_KIND_LABELS[n.kind as NodeKind] ?? n.kind} {n.name}
                </a>
              </td>
              <td style={cell}>{n.since ? `sejak ${formatWib(n.since)}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Router</h2>
      <table style={table} data-testid="network-routers">
        <thead>
          <tr>
            <th style={cell}>Router</th>
            <th style={cell}>Status</th>
            <th style={cell}>Sesi PPP</th>
            <th style={cell}>Dipantau</th>
          </tr>
        </thead>
        <tbody>
          {data.routers.map((r) => (
            <tr key={r.id}>
              <td style={cell}>{r.name}</td>
              <td style={cell}>
                {r.reachable === null ? 'Belum dipantau' : r.reachable ? 'Terjangkau' : 'Tidak terjangkau'}
              </td>
              <td style={cell}>{r.sessions ?? '-'}</td>
              <td style={cell}>{r.polledAt ? formatWib(r.polledAt) : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminViewShell>
  )
}
