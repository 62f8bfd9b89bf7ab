import pg from 'pg'
import type { Payload } from 'payload'

/**
 * Runs queued Payload jobs so that each job executes once, however many workers poll.
 *
 * Payload 3.90 claims jobs with a plain select-then-update, so two workers can run the same job.
 * Each worker here holds a dedicated PostgreSQL connection and takes a session advisory lock on a
 * job's id before running it, re-reading the job after the lock is held. A job is therefore run
 * by at most one worker at a time, and never again once it has completed.
 *
 * The same lock also detects crashed workers: a job still marked `processing` whose lock nobody
 * holds was left behind by a dead process (PostgreSQL drops a session's locks when it dies), so it
 * is released for a retry.
 */
const LOCK_NAMESPACE = 0x15b0 // first key of the two-key advisory lock: "payload job"

export type JobRunnerOptions = {
  /** Queues to take jobs from. Default: `['default']`. */
  queues?: string[]
  /** Pause between polls when the queue is empty, in ms. Default 1000. */
  idleDelayMs?: number
  /** Jobs looked at per poll. Default 20. */
  batchSize?: number
  databaseUrl?: string
}

export type JobRunner = {
  /** Resolves once the current job (if any) has finished and the runner has stopped. */
  stop: () => Promise<void>
  /** Jobs run by this runner so far. */
  readonly ran: number
}

export async function startJobRunner(payload: Payload, options: JobRunnerOptions = {}): Promise<JobRunner> {
  const queues = options.queues ?? ['default']
  const idleDelayMs = options.idleDelayMs ?? 1000
  const batchSize = options.batchSize ?? 20
  const lockClient = new pg.Client({
    connectionString: options.databaseUrl ?? process.env.DATABASE_URL,
    application_name: 'ispops-worker-locks',
  })
  await lockClient.connect()

  let stopping = false
  let ran = 0
  let wake: (() => void) | undefined

  const tryLock = async (id: number) =>
    (await lockClient.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LOCK_NAMESPACE, id]))
      .rows[0]!.locked
  const unlock = (id: number) => lockClient.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, id])

  const runnable = async (id: number) =>
    ((
      await lockClient.query(
        `SELECT 1 FROM payload_jobs WHERE id = $1 AND completed_at IS NULL AND processing = false
           AND coalesce(has_error, false) = false AND (wait_until IS NULL OR wait_until <= now())`,
        [id],
      )
    ).rowCount ?? 0) > 0

  async function releaseOrphans() {
    const { rows } = await lockClient.query<{ id: number }>(
      'SELECT id FROM payload_jobs WHERE processing = true AND completed_at IS NULL',
    )
    for (const { id } of rows) {
      if (!(await tryLock(id))) continue
      try {
        await lockClient.query(
          'UPDATE payload_jobs SET processing = false WHERE id = $1 AND processing = true AND completed_at IS NULL',
          [id],
        )
        payload.logger.warn({ jobId: id }, 'released a job left processing by a stopped worker')
      } finally {
        await unlock(id)
      }
    }
  }

  async function pollOnce(): Promise<number> {
    const { rows } = await lockClient.query<{ id: number }>(
      `SELECT id FROM payload_jobs
        WHERE completed_at IS NULL AND processing = false AND coalesce(has_error, false) = false
          AND (wait_until IS NULL OR wait_until <= now()) AND queue = ANY($1)
        ORDER BY created_at, id LIMIT $2`,
      [queues, batchSize],
    )
    let count = 0
    for (const { id } of rows) {
      if (stopping) break
      if (!(await tryLock(id))) continue
      try {
        if (!(await runnable(id))) continue
        await payload.jobs.runByID({ id, overrideAccess: true })
        count++
        ran++
      } catch (error) {
        payload.logger.error({ err: error, jobId: id }, 'job run failed')
      } finally {
        await unlock(id)
      }
    }
    return count
  }

  const loop = (async () => {
    let polls = 0
    while (!stopping) {
      try {
        if (polls++ % 30 === 0) await releaseOrphans()
        const count = await pollOnce()
        if (count > 0) continue
      } catch (error) {
        payload.logger.error({ err: error }, 'job runner poll failed')
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleDelayMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })()

  return {
    get ran() {
      return ran
    },
    stop: async () => {
      stopping = true
      wake?.()
      await loop
      await lockClient.end()
    },
  }
}
