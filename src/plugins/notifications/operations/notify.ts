import { logger } from '../../../lib/logger'
import { queueNotification, type QueueNotificationInput, type QueueNotificationResult } from './queueNotification'

export type NotifyInput = QueueNotificationInput

/**
 * The one call other capabilities make to tell someone something: billing calls it for invoices,
 * payments, reminders and suspension notices, e.g.
 *
 *     await notify({ req, trigger: 'invoice_issued', customerId, dedupeKey: `invoice:${invoice.id}`,
 *                    variables: { nama, nomor_tagihan, jumlah: formatRupiah(total), jatuh_tempo } })
 *
 * It respects the trigger's switch in the settings, refuses (and logs) a message whose template
 * variables are missing rather than failing the caller, and queues the send in the caller's
 * transaction. Never sends the same dedupe key twice.
 */
export async function notify(input: NotifyInput): Promise<QueueNotificationResult> {
  if (input.req.context.skipNotifications) return { status: 'disabled' }
  const result = await queueNotification(input)
  if (result.status === 'refused')
    logger.warn({ trigger: input.trigger, dedupeKey: input.dedupeKey, reason: result.reason }, 'notification not sent')
  return result
}
