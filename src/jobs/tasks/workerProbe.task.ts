import os from 'node:os'
import type { TaskConfig } from 'payload'

/** Records which worker process ran the probe: a liveness check for the job system. */
export const workerProbeTask: TaskConfig<'workerProbe'> = {
  slug: 'workerProbe',
  label: 'Worker probe',
  retries: 2,
  inputSchema: [
    { name: 'key', type: 'text', required: true },
    // Keeps the worker busy this long before recording, to observe a job mid-run (max 60 s).
    { name: 'holdMs', type: 'number', min: 0, max: 60_000 },
  ],
  outputSchema: [{ name: 'worker', type: 'text', required: true }],
  handler: async ({ input, job, req }) => {
    const worker = `${os.hostname()}:${process.pid}`
    if (input.holdMs) await new Promise((resolve) => setTimeout(resolve, Math.min(input.holdMs!, 60_000)))
    await req.payload.create({
      collection: 'worker-heartbeats',
      data: { probeKey: input.key, worker, jobId: String(job.id) },
      overrideAccess: true,
      req,
    })
    return { output: { worker } }
  },
}
