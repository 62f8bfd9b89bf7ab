import os from 'node:os'
import type { TaskConfig } from 'payload'

/** Records which worker process ran the probe: a liveness check for the job system. */
export const workerProbeTask: TaskConfig<'workerProbe'> = {
  slug: 'workerProbe',
  label: 'Worker probe',
  retries: 2,
  inputSchema: [{ name: 'key', type: 'text', required: true }],
  outputSchema: [{ name: 'worker', type: 'text', required: true }],
  handler: async ({ input, job, req }) => {
    const worker = `${os.hostname()}:${process.pid}`
    await req.payload.create({
      collection: 'worker-heartbeats',
      data: { probeKey: input.key, worker, jobId: String(job.id) },
      overrideAccess: true,
      req,
    })
    return { output: { worker } }
  },
}
