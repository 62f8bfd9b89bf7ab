import type { Endpoint } from 'payload'

import { hasRole } from '../../../access/roles'
import { queueManualBackup } from '../operations/queueManualBackup'

/** `POST /api/backups/run`: admins queue a manual backup. Answers 202 with the job id. */
export const backUpNowEndpoint: Endpoint = {
  path: '/run',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user))
      return Response.json({ message: 'Hanya admin yang dapat memulai pencadangan.' }, { status: 403 })
    const { jobId } = await queueManualBackup({ req })
    return Response.json({ message: 'Pencadangan dijadwalkan.', jobId }, { status: 202 })
  },
}
