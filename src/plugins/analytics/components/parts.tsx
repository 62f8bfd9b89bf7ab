import type { AdminViewServerProps, PayloadRequest } from 'payload'
import type React from 'react'

import { formatRupiah } from '../../../lib/money'
import { cellStyle, numberCellStyle, queryOf, tableStyle } from '../../billing/components/views/BillingViewShell'
import {
  type AnalyticsFilters,
  currentMonth,
  addMonths,
  filtersToQuery,
  parseAnalyticsFilters,
} from '../operations/filters'
import type { Cell, CellFormat, TableSpec } from '../operations/tables'
import { sql } from '@payloadcms/db-postgres'
import { executeSql } from '../../../db/sql'

const control: React.CSSProperties = {
  padding: '6px 8px',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-elevation-800)',
  font: 'inherit',
}

/** The filters of a view, or this year's defaults with the error to show. */
export function viewFilters(props: AdminViewServerProps): { filters: AnalyticsFilters; error: string | null } {
  try {
    return { filters: parseAnalyticsFilters(queryOf(props.searchParams)), error: null }
  } catch (error) {
    const to = currentMonth()
    return { filters: { from: addMonths(to, -11), to }, error: (error as Error).message }
  }
}

/** Areas and packages to filter by (two small queries). */
export async function filterChoices(req: PayloadRequest) {
  const [areas, packages] = await Promise.all([
    executeSql(req, sql`SELECT DISTINCT area FROM customers WHERE area IS NOT NULL AND area <> '' ORDER BY area`),
    executeSql(req, sql`SELECT id, name FROM packages ORDER BY monthly_price, name`),
  ])
  return {
    areas: areas.rows.map((r) => r.area as string),
    packages: packages.rows.map((r) => ({ id: Number(r.id), name: r.name as string })),
  }
}

export function FilterForm({
  action,
  filters,
  error,
  choices,
}: {
  action: string
  filters: AnalyticsFilters
  error: string | null
  choices: Awaited<ReturnType<typeof filterChoices>>
}) {
  return (
    <>
      <form
        method="get"
        action={action}
        data-testid="analytics-filters"
        style={{
          display: 'flex',
          gap: 'calc(var(--base) * 0.75)',
          flexWrap: 'wrap',
          alignItems: 'end',
          marginBottom: 'var(--base)',
        }}
      >
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Dari bulan
          <input style={control} type="month" name="from" defaultValue={filters.from} required />
        </label>
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Sampai bulan
          <input style={control} type="month" name="to" defaultValue={filters.to} required />
        </label>
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Wilayah
          <select style={control} name="area" defaultValue={filters.area ?? ''}>
            <option value="">Semua wilayah</option>
            {choices.areas.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label style={{ display: 'grid', gap: 4, fontSize: 13 }}>
          Paket
          <select style={control} name="package" defaultValue={filters.packageId ? String(filters.packageId) : ''}>
            <option value="">Semua paket</option>
            {choices.packages.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
          Terapkan
        </button>
      </form>
      {error && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error} Menampilkan 12 bulan terakhir.
        </p>
      )}
    </>
  )
}

const card: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-m)',
  padding: 'var(--base)',
  minWidth: 180,
  flex: '1 1 180px',
}

export function formatCell(value: Cell, format: CellFormat): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return value
  if (format === 'rupiah') return formatRupiah(value)
  if (format === 'percent') return `${value.toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`
  if (format === 'decimal') return value.toLocaleString('id-ID', { maximumFractionDigits: 2 })
  return value.toLocaleString('id-ID')
}

/** A headline number with its definition written under it. */
export function Figure({
  label,
  value,
  format,
  definition,
  testId,
}: {
  label: string
  value: number | null
  format: CellFormat
  definition: string
  testId: string
}) {
  return (
    <div style={card}>
      <div style={{ fontSize: 13, color: 'var(--theme-elevation-500)' }}>{label}</div>
      <div style={{ fontSize: 24, fontWeight: 600 }} data-testid={testId}>
        {formatCell(value, format)}
      </div>
      <div style={{ fontSize: 12, color: 'var(--theme-elevation-500)' }}>{definition}</div>
    </div>
  )
}

/** A table with its definitions and its Excel export (same filters, same rows). */
export function DataTable({
  table,
  exportBase,
  filters,
}: {
  table: TableSpec
  exportBase: string
  filters: AnalyticsFilters
}) {
  return (
    <section style={{ marginTop: 'calc(var(--base) * 1.5)' }}>
      <div style={{ display: 'flex', gap: 'var(--base)', alignItems: 'center', flexWrap: 'wrap' }}>
        <h3 style={{ margin: 0 }}>{table.title}</h3>
        <a
          className="btn btn--style-secondary btn--size-small"
          style={{ margin: 0 }}
          href={`${exportBase}?table=${table.name}&${filtersToQuery(filters)}`}
          data-testid={`export-${table.name}`}
        >
          Ekspor Excel
        </a>
      </div>
      {table.notes.map((note) => (
        <p key={note} style={{ fontSize: 12, color: 'var(--theme-elevation-600)', margin: '4px 0' }}>
          {note}
        </p>
      ))}
      <div style={{ overflowX: 'auto' }}>
        <table style={tableStyle} data-testid={`table-${table.name}`}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.header} style={c.format === 'text' ? cellStyle : numberCellStyle}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td style={cellStyle} colSpan={table.columns.length}>
                  Belum ada data untuk filter ini.
                </td>
              </tr>
            )}
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((value, j) => (
                  <td key={j} style={table.columns[j]!.format === 'text' ? cellStyle : numberCellStyle}>
                    {formatCell(value, table.columns[j]!.format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
