import type { Payload, PayloadRequest } from 'payload'
import React from 'react'

import { hasRole } from '../../../access/roles'
import { formatWib } from '../../../lib/wib'
import { BackUpNowButton } from './BackUpNowButton'

/** The newest verified backup may be this old before the dashboard warns. */
export const STALE_AFTER_HOURS = 26

/**
 * Dashboard panel for admins: when the newest verified backup was made, a warning when it is older
 * than 26 hours (or there is none), and a "back up now" button.
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
  const finishedAt = docs[0]?.finishedAt
  const stale = !finishedAt || Date.now() - new Date(finishedAt).getTime() > STALE_AFTER_HOURS * 60 * 60 * 1000
  const style: React.CSSProperties = {
    marginBottom: 'var(--base)',
    padding: 'calc(var(--base) * 0.75)',
    borderRadius: 'var(--style-radius-m)',
    border: `1px solid ${stale ? 'var(--theme-error-500)' : 'var(--theme-success-500)'}`,
    background: stale ? 'var(--theme-error-50)' : 'var(--theme-success-50)',
    display: 'flex',
    gap: 'var(--base)',
    alignItems: 'center',
    justifyContent: 'space-between',
  }
  return (
    <div data-testid="backup-status" data-stale={stale} role={stale ? 'alert' : 'status'} style={style}>
      <span>
        {stale
          ? finishedAt
            ? `Peringatan: cadangan terverifikasi terakhir ${formatWib(finishedAt)}, lebih dari ${STALE_AFTER_HOURS} jam lalu.`
            : 'Peringatan: belum ada cadangan yang terverifikasi.'
          : `Cadangan terverifikasi terakhir: ${formatWib(finishedAt!)}.`}
      </span>
      <BackUpNowButton />
    </div>
  )
}
