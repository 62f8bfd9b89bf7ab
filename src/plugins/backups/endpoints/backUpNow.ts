import type { Endpoint } from 'payload'

import { hasRole } from '../../../access/roles'
import { backupBlocker, queueManualBackup } from '../operations/queueManualBackup'

/**
 * `POST /api/backups/run`: admins queue a manual backup. Answers 202 with the job id, or 409 with
 * the reason when this installation cannot make backups (nothing is queued then).
 */
export const backUpNowEndpoint: Endpoint = {
  path: '/run',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user))
      return Response.json({ message: 'Hanya admin yang dapat memulai pencadangan.' }, { status: 403 })
    const blocker = await backupBlocker()
    if (blocker)
      return Response.json({ message: `Pencadangan tidak dapat dimulai: ${blocker}`, reason: blocker }, { status: 409 })
    const { jobId } = await queueManualBackup({ req })
    return Response.json({ message: 'Pencadangan dijadwalkan.', jobId }, { status: 202 })
  },
}
