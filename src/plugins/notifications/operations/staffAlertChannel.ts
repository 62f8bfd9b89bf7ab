import type { StaffAlertChannel } from '../../../operations/alertStaff'
import { notify } from './notify'

/**
 * Staff alerts on WhatsApp too (trigger `staff_alert`), to every admin with a phone number, once
 * per alert and admin. Template parameters cannot hold line breaks, so the message is joined up.
 */
export const whatsappStaffAlerts: StaffAlertChannel = async ({ req, alert, admins }) => {
  for (const admin of admins) {
    if (!admin.phone) continue
    await notify({
      req,
      trigger: 'staff_alert',
      staffUserId: admin.id,
      dedupeKey: `staff-alert:${alert.key}:${admin.id}`,
      variables: { judul: alert.subject, pesan: alert.message.replace(/\s*\n+\s*/g, ' · ').slice(0, 900) },
    })
  }
}
