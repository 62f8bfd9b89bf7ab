import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, adminViewAccess } from '../../../components/admin/AdminViewShell'
import { CustomerImportPanel } from './CustomerImportPanel'

export const CUSTOMER_IMPORT_PATH = '/impor-pelanggan'

/** `/admin/impor-pelanggan`: customers from a spreadsheet, checked first, then imported as a job. */
export function CustomerImportView(props: AdminViewServerProps) {
  const { allowed } = adminViewAccess(props, CUSTOMER_IMPORT_PATH, ['customer_service'])
  return (
    <AdminViewShell props={props} title="Impor pelanggan" allowed={allowed}>
      {allowed ? <CustomerImportPanel /> : null}
    </AdminViewShell>
  )
}
