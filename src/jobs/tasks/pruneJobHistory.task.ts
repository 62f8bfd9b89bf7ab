import type { TaskConfig } from 'payload'

/** Finished jobs stay visible in the admin for this many days, then are removed. */
export const JOB_HISTORY_DAYS = 30

/** Deletes finished jobs and scheduled-run markers older than the retention window. */
export const pruneJobHistoryTask: TaskConfig<'pruneJobHistory'> = {
  slug: 'pruneJobHistory',
  label: 'Prune job history',
  retries: 3,
  outputSchema: [{ name: 'deletedJobs', type: 'number', required: true }],
  handler: async ({ req }) => {
    const cutoff = new Date(Date.now() - JOB_HISTORY_DAYS * 24 * 60 * 60 * 1000).toISOString()
    const jobs = await req.payload.delete({
      collection: 'payload-jobs',
      where: { and: [{ completedAt: { exists: true } }, { completedAt: { less_than: cutoff } }] },
      overrideAccess: true,
      req,
    })
    await req.payload.delete({
      collection: 'scheduled-runs',
      where: { slot: { less_than: cutoff } },
      overrideAccess: true,
      req,
    })
    return { output: { deletedJobs: jobs.docs.length } }
  },
}
