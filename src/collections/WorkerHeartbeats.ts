import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { staffWithRole } from '../access/staffWithRole'

/**
 * One row each time a worker runs a `workerProbe` job: which process ran which probe, when.
 * Admins queue a probe to see that workers are alive; the exactly-once test counts these rows.
 */
export const WorkerHeartbeats: CollectionConfig = {
  slug: 'worker-heartbeats',
  labels: {
    singular: { en: 'Worker heartbeat', id: 'Detak worker' },
    plural: { en: 'Worker heartbeats', id: 'Detak worker' },
  },
  admin: {
    useAsTitle: 'probeKey',
    defaultColumns: ['probeKey', 'worker', 'jobId', 'createdAt'],
    group: { en: 'System', id: 'Sistem' },
  },
  access: { read: staffWithRole(), create: nobody, update: nobody, delete: staffWithRole() },
  fields: [
    { name: 'probeKey', type: 'text', required: true, index: true, maxLength: 100 },
    { name: 'worker', type: 'text', required: true, maxLength: 200 },
    { name: 'jobId', type: 'text', maxLength: 40 },
  ],
}
