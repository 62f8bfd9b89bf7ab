import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest, TypedJobs } from 'payload'

import { executeSql } from '../db/sql'

type TaskSlug = Exclude<keyof TypedJobs['tasks'], 'inline'>

/** A task to queue with its input, as `payload.jobs.queue` takes it. */
export type QueuedTask = {
  [K in TaskSlug]: { task: K; input: TypedJobs['tasks'][K]['input']; queue?: string }
}[TaskSlug]

/**
 * Queues tasks as Payload jobs in one statement, in the caller's transaction (committed or rolled
 * back with the change that queued them): the rows `payload.jobs.queue` writes (input, task,
 * queue), run by the workers and shown in the admin like any job, without a Local API create per
 * job. For code that already holds a transaction and queues several jobs at once; the queue access
 * rule is not checked (as with `overrideAccess`). Returns the jobs' ids, in order.
 */
export async function queueTasks(req: PayloadRequest, tasks: QueuedTask[]): Promise<number[]> {
  if (!tasks.length) return []
  const rows = tasks.map((t, k) => ({ k, input: t.input, task: t.task, queue: t.queue ?? 'default' }))
  const { rows: inserted } = await executeSql(
    req,
    sql`INSERT INTO payload_jobs (input, task_slug, queue, total_tried, has_error, processing, created_at, updated_at)
        SELECT j.input, j.task::enum_payload_jobs_task_slug, j.queue, 0, false, false, now(), now()
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS j(k int, input jsonb, task text, queue text)
         ORDER BY j.k
        RETURNING id`,
  )
  return inserted.map((r) => Number(r.id)).sort((a, b) => a - b)
}
