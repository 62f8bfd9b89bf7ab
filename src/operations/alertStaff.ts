import type { Payload, PayloadRequest } from 'payload'

export type StaffAlert = {
  /** Identifies the alert: the same key is sent once (e.g. `backup-failed:42`). */
  key: string
  subject: string
  message: string
}

/** Queues an alert to the admins. Outside any transaction: it must survive the failure it reports. */
export async function queueStaffAlert(payload: Payload, alert: StaffAlert): Promise<void> {
  await payload.jobs.queue({ task: 'staffAlert', input: alert })
}

/**
 * Sends an alert by email to every admin, once per key: the alert row (unique key) is written
 * first; a row already marked sent means a retry or a repeat, and nothing goes out again.
 * Returns the recipients, or null when it had already been sent.
 */
export async function sendStaffAlert({ req, alert }: { req: PayloadRequest; alert: StaffAlert }): Promise<string[] | null> {
  const { payload } = req
  const existing = await payload.find({ collection: 'staff-alerts', where: { key: { equals: alert.key } }, limit: 1, depth: 0, overrideAccess: true, req })
  let row = existing.docs[0]
  if (row?.sentAt) return null
  row ??= await payload.create({ collection: 'staff-alerts', data: alert, overrideAccess: true, req })
  const admins = await payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, limit: 100, depth: 0, overrideAccess: true, req })
  const recipients = admins.docs.map((a) => a.email)
  if (recipients.length) await payload.sendEmail({ to: recipients, subject: `[ISP Ops] ${alert.subject}`, text: alert.message })
  await payload.update({ collection: 'staff-alerts', id: row.id, data: { sentAt: new Date().toISOString(), recipients: recipients.join(', ') }, overrideAccess: true, req })
  return recipients
}
