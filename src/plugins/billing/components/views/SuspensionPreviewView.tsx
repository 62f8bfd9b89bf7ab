import type { AdminViewServerProps } from 'payload'

import { formatRupiah } from '../../../../lib/money'
import { addDays, wibDay } from '../../operations/calendar'
import { parsePreviewDay } from '../../operations/reports/reportFilters'
import { previewSuspensions, type SuspensionCandidate } from '../../operations/isolir/suspendOverdue'
import { BillingViewShell, cellStyle, numberCellStyle, queryOf, tableStyle, viewAccess } from './BillingViewShell'

export const SUSPENSION_PREVIEW_PATH = '/pratinjau-isolir'

const EXEMPT_REASONS: Record<NonNullable<SuspensionCandidate['exemptBecause']>, string> = {
  promise_to_pay: 'Janji bayar masih berlaku',
  never_auto_suspend: 'Ditandai "jangan pernah isolir otomatis"',
  network_incident: 'Terdampak gangguan jaringan',
}

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat('id-ID', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`))
const dueLabel = (iso: string) =>
  new Intl.DateTimeFormat('id-ID', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(iso))

function CandidateTable({
  rows,
  adminRoute,
  exempt,
  testId,
}: {
  rows: SuspensionCandidate[]
  adminRoute: string
  exempt: boolean
  testId: string
}) {
  return (
    <table style={tableStyle} data-testid={testId}>
      <thead>
        <tr>
          <th style={cellStyle}>Pelanggan</th>
          <th style={cellStyle}>Tagihan tertua</th>
          <th style={cellStyle}>Jatuh tempo</th>
          <th style={numberCellStyle}>Lewat</th>
          <th style={numberCellStyle}>Sisa</th>
          <th style={cellStyle}>{exempt ? 'Tidak diisolir karena' : 'Alasan'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td style={cellStyle} colSpan={6}>
              Tidak ada.
            </td>
          </tr>
        )}
        {rows.map((c) => (
          <tr key={c.customerId} data-customer={c.customerNumber}>
            <td style={cellStyle}>
              <a href={`${adminRoute}/collections/customers/${c.customerId}`}>{c.name}</a>
              <div style={{ fontSize: 12 }}>{c.customerNumber}</div>
            </td>
            <td style={cellStyle}>{c.invoiceNumber}</td>
            <td style={cellStyle}>{dueLabel(c.dueDate)}</td>
            <td style={numberCellStyle}>{c.daysOverdue} hari</td>
            <td style={numberCellStyle}>{formatRupiah(c.balanceDue)}</td>
            <td style={cellStyle}>
              {exempt && c.exemptBecause
                ? EXEMPT_REASONS[c.exemptBecause]
                : `Tagihan ${c.invoiceNumber} lewat jatuh tempo ${c.daysOverdue} hari`}
              {exempt && c.exemptBecause === 'network_incident' && c.incident ? (
                <div style={{ fontSize: 12 }} data-incident={c.incident.id}>
                  <a href={`${adminRoute}/collections/network-incidents/${c.incident.id}`}>
                    #{c.incident.id} {c.incident.title}
                  </a>{' '}
                  ({c.incident.status === 'open' ? 'masih berlangsung' : 'sudah pulih'})
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * `/admin/pratinjau-isolir` (finance, customer service, admin): the isolir dry run for a day
 * (tomorrow by default): who would be suspended and why, who is spared and why, and whether the
 * run is off that day. Changes nothing.
 */
export async function SuspensionPreviewView(props: AdminViewServerProps) {
  const { req, allowed } = viewAccess(props, SUSPENSION_PREVIEW_PATH, ['finance', 'customer_service'])
  if (!allowed) return <BillingViewShell props={props} title="Pratinjau isolir" allowed={false} />

  const tomorrow = addDays(wibDay(), 1)
  let day = tomorrow
  let dayError: string | null = null
  try {
    day = parsePreviewDay(queryOf(props.searchParams))
  } catch (error) {
    dayError = (error as Error).message
  }
  const preview = await previewSuspensions({ req, day })
  const due = preview.customers.filter((c) => !c.exemptBecause)
  const exempt = preview.customers.filter((c) => c.exemptBecause)
  const adminRoute = req.payload.config.routes.admin

  return (
    <BillingViewShell props={props} title="Pratinjau isolir" allowed>
      <form
        method="get"
        action={`${adminRoute}${SUSPENSION_PREVIEW_PATH}`}
        style={{ display: 'flex', gap: 'calc(var(--base) * 0.75)', alignItems: 'end', marginBottom: 'var(--base)' }}
      >
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Tanggal
          <input type="date" name="day" defaultValue={day} required style={{ padding: '6px 8px' }} />
        </label>
        <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
          Tampilkan
        </button>
        {day !== tomorrow && (
          <a
            href={`${adminRoute}${SUSPENSION_PREVIEW_PATH}`}
            className="btn btn--style-secondary btn--size-small"
            style={{ margin: 0 }}
          >
            Besok
          </a>
        )}
      </form>
      {dayError && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {dayError} Menampilkan besok.
        </p>
      )}
      <p data-testid="suspension-preview-summary">
        {dayLabel(preview.day)} · masa tenggang {preview.graceDays} hari setelah jatuh tempo. Hanya pratinjau: tidak ada
        yang diubah.
      </p>
      {preview.blockedBecause ? (
        <div
          role="status"
          data-testid="suspension-preview-blocked"
          style={{
            padding: 'var(--base)',
            border: '1px solid var(--theme-warning-500)',
            borderRadius: 'var(--style-radius-m)',
            marginBottom: 'var(--base)',
          }}
        >
          Tidak ada isolir otomatis pada hari ini: {preview.blockedBecause}. Daftar di bawah adalah yang akan diisolir
          bila isolir berjalan.
        </div>
      ) : null}
      <h3>
        Akan diisolir ({due.length}) · {formatRupiah(due.reduce((sum, c) => sum + c.balanceDue, 0))}
      </h3>
      <CandidateTable rows={due} adminRoute={adminRoute} exempt={false} testId="suspension-preview-due" />
      <h3 style={{ marginTop: 'calc(var(--base) * 2)' }}>Dikecualikan ({exempt.length})</h3>
      <CandidateTable rows={exempt} adminRoute={adminRoute} exempt testId="suspension-preview-exempt" />
    </BillingViewShell>
  )
}
