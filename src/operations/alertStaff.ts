import type { Payload, PayloadRequest } from 'payload'

export type StaffAlert = {
  /** Identifies the alert: the same key is sent once (e.g. `backup-failed:42`). */
  key: string
  subject: string
  message: string
}

/**
 * More ways to reach the admins than email, added by capabilities (the notifications plugin adds
 * WhatsApp). Each runs inside the alert job's transaction and must be idempotent per alert key.
 */
export type StaffAlertChannel = (args: {
  req: PayloadRequest
  alert: StaffAlert
  admins: { id: number; phone?: string | null }[]
}) => Promise<void>
const channels = new Map<string, StaffAlertChannel>()
export function registerStaffAlertChannel(name: string, channel: StaffAlertChannel): void {
  channels.set(name, channel)
}

/** Queues an alert to the admins. Outside any transaction: it must survive the failure it reports. */
export async function queueStaffAlert(payload: Payload, alert: StaffAlert): Promise<void> {
  await payload.jobs.queue({ task: 'staffAlert', input: alert })
}

/**
 * Sends an alert by email (and any registered channel) to every admin, once per key: the alert row (unique key) is written
 * first; a row already marked sent means a retry or a repeat, and nothing goes out again.
 * Returns the recipients, or null when it had already been sent.
 */
export async function sendStaffAlert({
  req,
  alert,
}: {
  req: PayloadRequest
  alert: StaffAlert
}): Promise<string[] | null> {
  const { payload } = req
  const existing = await payload.find({
    collection: 'staff-alerts',
    where: { key: { equals: alert.key } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  let row = existing.docs[0]
  if (row?.sentAt) return null
  row ??= await payload.create({ collection: 'staff-alerts', data: alert, overrideAccess: true, req })
  const admins = await payload.find({
    collection: 'users',
    where: { role: { equals: 'admin' } },
    limit: 100,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const recipients = admins.docs.map((a) => a.email)
  for (const channel of channels.values()) await channel({ req, alert, admins: admins.docs })
  if (recipients.length)
    await payload.sendEmail({ to: recipients, subject: `[ISP Ops] ${alert.subject}`, text: alert.message })
  await payload.update({
    collection: 'staff-alerts',
    id: row.id,
    data: { sentAt: new Date().toISOString(), recipients: recipients.join(', ') },
    overrideAccess: true,
    req,
  })
  return recipients
}
