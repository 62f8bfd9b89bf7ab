import type { PayloadRequest } from 'payload'

/** Queues a manual backup ("back up now"); a worker runs it like a scheduled one. */
export async function queueManualBackup({ req }: { req: PayloadRequest }): Promise<{ jobId: number | string }> {
  const job = await req.payload.jobs.queue({
    task: 'backup',
    input: { kind: 'manual', slot: new Date().toISOString() },
    req,
  })
  return { jobId: job.id }
}
