import type { AdminViewServerProps } from 'payload'

import { AdminViewShell, adminViewAccess } from '../../../components/admin/AdminViewShell'
import { MyWorkList } from './MyWorkList'

export const MY_WORK_PATH = '/pekerjaan-saya'

/** `/admin/pekerjaan-saya`: a technician's unfinished tickets (the technician's landing page too). */
export async function MyWorkView(props: AdminViewServerProps) {
  const { req, allowed } = adminViewAccess(props, MY_WORK_PATH, ['technician'])
  return (
    <AdminViewShell props={props} title="Pekerjaan saya" allowed={allowed}>
      {allowed ? <MyWorkList req={req} adminRoute={req.payload.config.routes.admin} /> : null}
    </AdminViewShell>
  )
}
