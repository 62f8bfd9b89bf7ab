import type pg from 'pg'
import { describe, expect, it } from 'vitest'

import { type BackupProgress, progressReporter } from '../../src/plugins/backups/operations/progress'

/** A stand-in for the pg connection: records each UPDATE's parameters. */
function recordingClient() {
  const writes: unknown[][] = []
  const client = { query: async (_sql: string, params: unknown[]) => void writes.push(params) } as unknown as pg.Client
  return { client, writes }
}

describe('backup progress', () => {
  it('writes a phase change at once but not every chunk of a phase', async () => {
    const { client, writes } = recordingClient()
    const heard: BackupProgress[] = []
    const progress = progressReporter({
      client,
      backupId: 7,
      withUpload: true,
      intervalMs: 60_000,
      onWrite: (p) => heard.push(p),
    })
    progress.report('dumping', 0)
    for (let i = 1; i <= 1000; i++) progress.report('dumping', i / 1000) // a thousand chunks
    progress.report('checking')
    progress.report('encrypting', 0)
    for (let i = 1; i <= 1000; i++) progress.report('encrypting', i / 1000)
    progress.report('uploading', 0, { sent: 0, total: 5000 })
    for (let sent = 100; sent <= 5000; sent += 100) progress.report('uploading', sent / 5000, { sent, total: 5000 })
    await progress.flush()
    expect(heard.map((p) => p.phase)).toEqual(['dumping', 'checking', 'encrypting', 'uploading'])
    expect(heard.map((p) => p.percent)).toEqual([0, 60, 65, 80])
    expect(writes[0]).toEqual([7, 'dumping', 0, null, null])
    expect(writes.at(-1)).toEqual([7, 'uploading', 80, 0, 5000])
  })

  it('moves within a phase once the interval has passed, never backwards, and survives a failed write', async () => {
    const errors: Error[] = []
    let fail = true
    const writes: unknown[][] = []
    const client = {
      query: async (_sql: string, params: unknown[]) => {
        if (fail) {
          fail = false
          throw new Error('connection reset')
        }
        writes.push(params)
      },
    } as unknown as pg.Client
    const progress = progressReporter({
      client,
      backupId: 1,
      withUpload: false,
      intervalMs: 0,
      onError: (e) => errors.push(e),
    })
    progress.report('encrypting', 0) // fails: only logged
    await progress.flush()
    progress.report('encrypting', 0.5)
    await progress.flush()
    progress.report('encrypting', 0.25) // a smaller estimate does not move the bar back
    await progress.flush()
    progress.report('encrypting', 1)
    await progress.flush()
    expect(errors.map((e) => e.message)).toEqual(['connection reset'])
    // Without S3, encrypting runs from 65 to 99 %.
    expect(writes.map((w) => w[2])).toEqual([82, 82, 99])
  })
})
