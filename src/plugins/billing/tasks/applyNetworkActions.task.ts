import type { TaskConfig } from 'payload'

import { applyNetworkActions } from '../operations/isolir/networkActions'

/**
 * Carries out pending isolir/restore actions on the routers. A router that is down leaves its
 * actions pending and fails the job, so it is retried with back-off; every five minutes the
 * schedule also picks up anything still pending.
 */
export const applyNetworkActionsTask: TaskConfig<'applyNetworkActions'> = {
  slug: 'applyNetworkActions',
  label: 'Apply isolir/restore on routers',
  retries: { attempts: 8, backoff: { type: 'exponential', delay: 5_000 } },
  inputSchema: [],
  outputSchema: [
    { name: 'done', type: 'number' },
    { name: 'pending', type: 'number' },
  ],
  handler: async ({ req }) => {
    const result = await applyNetworkActions({ payload: req.payload })
    if (result.retryable > 0)
      throw new Error(`${result.retryable} aksi jaringan belum berhasil (router tidak terjangkau); dicoba lagi`)
    return { output: { done: result.done, pending: result.retryable } }
  },
}
