import cron, { type ScheduledTask } from 'node-cron'
import { createLocalReq, type Payload } from 'payload'

import { TIME_ZONE } from '../lib/wib'
import { SCHEDULES, type Schedule } from './schedules'

/**
 * Queues the job for one schedule's time slot, once. Every worker runs the same crons; the unique
 * (schedule, slot) marker, written in the same transaction as the job, lets only the first queue it.
 * Returns true when this call queued the job.
 */
export async function queueScheduledRun(payload: Payload, schedule: Schedule, slot: Date): Promise<boolean> {
  const req = await createLocalReq({}, payload)
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  req.transactionID = transactionID
  try {
    const existing = await payload.find({
      collection: 'scheduled-runs',
      where: { and: [{ schedule: { equals: schedule.name } }, { slot: { equals: slot.toISOString() } }] },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (existing.docs.length) {
      if (transactionID) await payload.db.rollbackTransaction(transactionID)
      return false
    }
    await payload.create({ collection: 'scheduled-runs', data: { schedule: schedule.name, slot: slot.toISOString() }, overrideAccess: true, req })
    await payload.jobs.queue({ task: schedule.task, input: (schedule.input ?? {}) as never, queue: schedule.queue, req })
    if (transactionID) await payload.db.commitTransaction(transactionID)
    return true
  } catch (error) {
    if (transactionID) await payload.db.rollbackTransaction(transactionID).catch(() => {})
    // A concurrent worker won the unique index: that slot is queued, which is all we wanted.
    if (isUniqueViolation(error)) return false
    throw error
  }
}

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { message?: string })?.message ?? ''} ${JSON.stringify((error as { data?: unknown })?.data ?? '')}`
  return (error as { code?: string })?.code === '23505' || /unique|already|duplicate/i.test(text)
}

/** Starts node-cron for every schedule (time zone Asia/Jakarta). Returns a function that stops them. */
export function startScheduler(payload: Payload, schedules: Schedule[] = SCHEDULES): () => void {
  const tasks: ScheduledTask[] = schedules.map((schedule) =>
    cron.schedule(
      schedule.cron,
      async () => {
        const slot = new Date()
        slot.setSeconds(0, 0)
        try {
          if (await queueScheduledRun(payload, schedule, slot)) payload.logger.info({ schedule: schedule.name, slot }, 'scheduled job queued')
        } catch (error) {
          payload.logger.error({ err: error, schedule: schedule.name }, 'could not queue scheduled job')
        }
      },
      { timezone: TIME_ZONE, name: schedule.name },
    ),
  )
  return () => tasks.forEach((task) => task.stop())
}
