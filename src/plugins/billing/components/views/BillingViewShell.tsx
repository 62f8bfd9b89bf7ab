import type { AdminViewServerProps } from 'payload'
import type React from 'react'

/** Billing views use the shared admin view frame and role check. */
export {
  AdminViewShell as BillingViewShell,
  adminViewAccess as viewAccess,
} from '../../../../components/admin/AdminViewShell'

/** What a view's `searchParams` offer, shaped like URLSearchParams for the filter parsers. */
export const queryOf = (searchParams: AdminViewServerProps['searchParams']) => ({
  get: (name: string): string | null => {
    const value = searchParams?.[name]
    return (Array.isArray(value) ? value[0] : value) ?? null
  },
})

export const tableStyle: React.CSSProperties = { width: '100%', borderCollapse: 'collapse', fontSize: 14 }
export const cellStyle: React.CSSProperties = {
  textAlign: 'left',
  padding: '6px 8px',
  borderBottom: '1px solid var(--theme-elevation-100)',
  verticalAlign: 'top',
}
export const numberCellStyle: React.CSSProperties = { ...cellStyle, textAlign: 'right', whiteSpace: 'nowrap' }
