import type { PayloadRequest } from 'payload'

import { checkPgTools } from './pgTools'
import { backupSettingsFromEnv, parseEncryptionKey } from './settings'

/**
 * Why a backup cannot run on this installation right now (no encryption key, no pg_dump of the
 * server's version), or undefined when it can. Checked when an admin asks for a backup, so the
 * answer comes at once rather than from a job failing later.
 */
export async function backupBlocker(): Promise<string | undefined> {
  try {
    const settings = backupSettingsFromEnv()
    parseEncryptionKey(settings.encryptionKey)
    await checkPgTools(settings.databaseUrl)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

/** Queues a manual backup ("back up now"); a worker runs it like a scheduled one. */
export async function queueManualBackup({ req }: { req: PayloadRequest }): Promise<{ jobId: number | string }> {
  const job = await req.payload.jobs.queue({
    task: 'backup',
    input: { kind: 'manual', slot: new Date().toISOString() },
    req,
  })
  return { jobId: job.id }
}
