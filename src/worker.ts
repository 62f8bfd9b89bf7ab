/**
 * Worker process: runs queued jobs and queues scheduled ones. Start as many copies as you like
 * against one PostgreSQL (`npm run worker`); each job still runs once.
 *
 * Environment: WORKER_QUEUES (comma-separated, most urgent first; default "default,documents"),
 * WORKER_IDLE_MS (poll pause),
 * WORKER_SCHEDULER=false to run jobs without queueing scheduled work.
 *
 * A database restart does not end the worker: it waits for the database and carries on.
 */
import { bootPayload, shutdownPayload } from './boot'
import { surviveDatabaseLoss } from './db/health'
import { JOB_QUEUES, startJobRunner } from './jobs/runner'
import { startScheduler } from './jobs/scheduler'

surviveDatabaseLoss()
const { payload, database } = await bootPayload()
const runner = await startJobRunner(payload, {
  queues: (process.env.WORKER_QUEUES ?? JOB_QUEUES.join(','))
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean),
  idleDelayMs: Number(process.env.WORKER_IDLE_MS ?? 1000),
})
const stopScheduler = process.env.WORKER_SCHEDULER === 'false' ? () => {} : startScheduler(payload)
payload.logger.info({ pid: process.pid }, 'worker started')

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  payload.logger.info({ signal }, 'worker stopping after the current job')
  stopScheduler()
  await runner.stop()
  await shutdownPayload(payload, database)
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
