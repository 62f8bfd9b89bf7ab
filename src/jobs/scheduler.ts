import cron, { type ScheduledTask } from 'node-cron'
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { isConnectionError } from '../db/health'
import { executeSql } from '../db/sql'
import { inTransaction } from '../db/transaction'
import { TIME_ZONE } from '../lib/wib'
import { allSchedules, type Schedule } from './schedules'

/**
 * Queues the job for one schedule's time slot, once. Every worker runs the same crons; the unique
 * (schedule, slot) marker, written in the same transaction as the job, lets only the first queue it.
 * Returns true when this call queued the job.
 */
export async function queueScheduledRun(payload: Payload, schedule: Schedule, slot: Date): Promise<boolean> {
  return inTransaction(payload, async (req) => {
    // Waits on a concurrent insert of the same slot; returns no row if that one commits.
    const { rows } = await executeSql(
      req,
      sql`INSERT INTO scheduled_runs (schedule, slot) VALUES (${schedule.name}, ${slot.toISOString()}) ON CONFLICT (schedule, slot) DO NOTHING RETURNING id`,
    )
    if (rows.length)
      // A schedule names its task by slug, so the input is checked by the task, not by the compiler.
      await payload.jobs.queue({
        task: schedule.task,
        input: schedule.input ?? {},
        queue: schedule.queue,
        req,
      } as Parameters<typeof payload.jobs.queue>[0])
    return rows.length > 0
  })
}

/** How long a slot missed because the database was away is still queued once it is back. */
const CATCH_UP_MS = 6 * 60 * 60 * 1000
const CATCH_UP_PAUSE_MS = 5000

/**
 * Queues a schedule's slot. While the database is away (a restart), tries again every few seconds
 * for up to six hours, so the night's invoice run is not lost to a restart at 00:10; the slot's
 * unique marker still lets only one worker queue it.
 */
async function queueSlot(payload: Payload, schedule: Schedule, slot: Date): Promise<void> {
  for (;;) {
    try {
      if (await queueScheduledRun(payload, schedule, slot))
        payload.logger.info({ schedule: schedule.name, slot }, 'scheduled job queued')
      return
    } catch (error) {
      if (!isConnectionError(error) || Date.now() - slot.getTime() > CATCH_UP_MS) {
        payload.logger.error({ err: error, schedule: schedule.name }, 'could not queue scheduled job')
        return
      }
      payload.logger.warn(
        { schedule: schedule.name, slot },
        'database unreachable: scheduled job queued when it is back',
      )
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_PAUSE_MS))
    }
  }
}

/**
 * Starts node-cron (time zone Asia/Jakarta) for every schedule: the core's and the plugins'
 * (`withWiring` in src/plugins/wiring.ts). Returns a function that stops them.
 */
export function startScheduler(payload: Payload, schedules: Schedule[] = allSchedules(payload.config)): () => void {
  const tasks: ScheduledTask[] = schedules.map((schedule) =>
    cron.schedule(
      schedule.cron,
      async () => {
        const slot = new Date()
        slot.setSeconds(0, 0)
        await queueSlot(payload, schedule, slot)
      },
      { timezone: TIME_ZONE, name: schedule.name },
    ),
  )
  return () => tasks.forEach((task) => void task.stop())
}
