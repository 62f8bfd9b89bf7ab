import pg from 'pg'
import type { Payload } from 'payload'

import { isConnectionError } from '../db/health'

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
 *
 * A database restart drops the lock connection (and with it the locks): the runner logs it, waits,
 * opens a new connection and carries on; it never ends the process. A job that was running when the
 * connection dropped is found again as an orphan and retried.
 */
const LOCK_NAMESPACE = 0x15b0 // first key of the two-key advisory lock: "payload job"

/**
 * The queues, most urgent first. `default` holds what people wait for (WhatsApp and email, isolir
 * and restore, router work, imports); `documents` holds work done ahead of time that nobody waits
 * for yet (invoice PDFs rendered before their first download), so an invoice run's thousands of
 * renders never hold back a notice queued after them.
 */
export const JOB_QUEUES = ['default', 'documents'] as const

export type JobRunnerOptions = {
  /** Queues to take jobs from, most urgent first: a job of an earlier queue always goes before a
   *  waiting job of a later one. Default: `JOB_QUEUES`. */
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
  const queues = options.queues ?? [...JOB_QUEUES]
  const idleDelayMs = options.idleDelayMs ?? 1000
  const batchSize = options.batchSize ?? 20
  const connectLockClient = async () => {
    const client = new pg.Client({
      connectionString: options.databaseUrl ?? process.env.DATABASE_URL,
      application_name: 'ispops-worker-locks',
    })
    // Without a listener a dropped connection is an unhandled 'error' event that ends the process.
    client.on('error', (error) => {
      broken = true
      payload.logger.warn({ err: error.message }, 'job runner lost its database connection')
    })
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    broken = false
    return client
  }
  let broken = false
  let lockClient = await connectLockClient()
  /** After a lost connection: a new one, tried again and again (with growing pauses) until it opens. */
  async function reconnect() {
    await lockClient.end().catch(() => {})
    for (let attempt = 0; !stopping; attempt++) {
      try {
        lockClient = await connectLockClient()
        payload.logger.info('job runner reconnected to the database')
        return
      } catch (error) {
        payload.logger.warn({ err: (error as Error).message }, 'job runner waiting for the database')
        await sleep(Math.min(500 * 2 ** attempt, 10_000))
      }
    }
  }

  let stopping = false
  let ran = 0
  let wake: (() => void) | undefined

  const tryLock = async (id: number) =>
    (await lockClient.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [LOCK_NAMESPACE, id]))
      .rows[0]!.locked
  // A lock on a lost connection is gone already: nothing to give back.
  const unlock = (id: number) =>
    lockClient.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, id]).catch((error: unknown) => {
      if (!broken && !isConnectionError(error)) throw error
    })

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
        ORDER BY array_position($1::text[], queue::text), created_at, id LIMIT $2`,
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
        if (broken || isConnectionError(error)) {
          payload.logger.warn({ err: (error as Error).message }, 'job runner: database unreachable')
          broken = true
        } else payload.logger.error({ err: error }, 'job runner poll failed')
      }
      if (broken && !stopping) {
        await reconnect()
        // Jobs that were running when the connection dropped lost their locks: look for them first.
        polls = 0
        continue
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
      await lockClient.end().catch(() => {})
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
