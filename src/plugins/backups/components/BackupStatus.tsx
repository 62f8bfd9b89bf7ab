import type { Payload, PayloadRequest } from 'payload'

import { hasRole } from '../../../access/roles'
import { formatWib } from '../../../lib/wib'
import { BACKUP_KIND_LABELS as KIND_LABELS, BACKUP_PHASE_LABELS as PHASE_LABELS } from '../labels'
import { BackupPanel } from './BackupPanel'

/** Bytes as MiB with an Indonesian decimal comma ("12,5 MiB"). */
function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MiB`
}

/** A backup still `running` after this long is taken for one whose worker died. */
const RUNNING_FOR_AT_MOST_HOURS = 6

/**
 * Dashboard panel for admins: when the newest verified backup was made, a warning when it is older
 * than 26 hours (or there is none), the phase and percent of a backup running now, and a "back up
 * now" button.
 */
export async function BackupStatus({ payload, user }: { payload: Payload; user?: PayloadRequest['user'] }) {
  if (!hasRole(user ?? null)) return null
  const { docs } = await payload.find({
    collection: 'backups',
    where: { status: { equals: 'verified' } },
    sort: '-finishedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  // A backup running now, with its phase and percent (the backup writes them about once a second).
  const { docs: runningDocs } = await payload.find({
    collection: 'backups',
    // A row left `running` by a worker that died long ago is not shown as running now.
    where: {
      and: [
        { status: { equals: 'running' } },
        {
          startedAt: { greater_than: new Date(Date.now() - RUNNING_FOR_AT_MOST_HOURS * 60 * 60 * 1000).toISOString() },
        },
      ],
    },
    sort: '-startedAt',
    limit: 1,
    depth: 0,
    select: { kind: true, phase: true, progressPercent: true, bytesSent: true, bytesTotal: true },
    overrideAccess: true,
  })
  const running = runningDocs[0]
  const finishedAt = docs[0]?.finishedAt
  // The newest attempt, when it failed after the newest verified backup: what went wrong and when.
  const { docs: failedDocs } = await payload.find({
    collection: 'backups',
    where: {
      and: [{ status: { equals: 'failed' } }, ...(finishedAt ? [{ finishedAt: { greater_than: finishedAt } }] : [])],
    },
    sort: '-finishedAt',
    limit: 1,
    depth: 0,
    select: { kind: true, error: true, finishedAt: true },
    overrideAccess: true,
  })
  const failed = running ? undefined : failedDocs[0]
  return (
    <BackupPanel
      lastVerifiedAt={finishedAt}
      failed={
        failed &&
        `Pencadangan ${KIND_LABELS[failed.kind]} ${failed.finishedAt ? formatWib(failed.finishedAt) : ''} gagal: ${failed.error ?? 'alasan tidak tercatat'}`
      }
      running={
        running && {
          phase: running.phase ?? '',
          text:
            `Pencadangan ${KIND_LABELS[running.kind]} berjalan: ${PHASE_LABELS[running.phase ?? 'dumping']}, ${Math.round(running.progressPercent ?? 0)}%` +
            (running.phase === 'uploading' && running.bytesTotal
              ? ` (${formatMiB(running.bytesSent ?? 0)} dari ${formatMiB(running.bytesTotal)})`
              : ''),
        }
      }
    />
  )
}
