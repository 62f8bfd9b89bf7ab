import { describe, expect, it } from 'vitest'

import { backupsToPrune, type RetentionCandidate } from '../../src/plugins/backups/operations/retention'
import type { BackupKind } from '../../src/plugins/backups/types'

const DAY = 24 * 60 * 60 * 1000
const policy = { days: 90, months: 12 }
const start = new Date('2026-01-01T02:00:00+07:00') // a Thursday, the 1st

/** The schedule in src/jobs/schedules.ts, in WIB: weekly on Sundays, daily the other days, monthly on the 1st. */
function calendar(days: number): RetentionCandidate[] {
  const out: RetentionCandidate[] = []
  let id = 0
  for (let d = 0; d < days; d++) {
    const at = new Date(start.getTime() + d * DAY)
    const wib = new Date(at.getTime() + 7 * 60 * 60 * 1000)
    const kind: BackupKind = wib.getUTCDay() === 0 ? 'weekly' : 'daily'
    out.push({ id: ++id, kind, status: 'verified', startedAt: at.toISOString() })
    if (wib.getUTCDate() === 1) out.push({ id: ++id, kind: 'monthly', status: 'verified', startedAt: new Date(at.getTime() + 2 * 60 * 60 * 1000).toISOString() })
  }
  return out
}

describe('backup retention', () => {
  it('on a 200-day calendar keeps the last 90 days of dailies and weeklies and every monthly', () => {
    const all = calendar(200)
    const now = new Date(start.getTime() + 199 * DAY + 60 * 60 * 1000) // day 199, 03:00 WIB
    const pruned = new Set(backupsToPrune(all, now, policy))
    const kept = all.filter((b) => !pruned.has(b.id))

    const dayIndex = (b: RetentionCandidate) => Math.round((new Date(b.startedAt).getTime() - start.getTime()) / DAY)
    // Days 110..199 are within 90 days of day 199 03:00; day 109 02:00 is just outside.
    expect(kept.filter((b) => b.kind !== 'monthly').map(dayIndex)).toEqual(Array.from({ length: 90 }, (_, i) => 110 + i))
    expect(kept.filter((b) => b.kind === 'weekly')).toHaveLength(13)
    // 1 January … 1 July 2026: seven monthlies, all younger than 12 months.
    expect(kept.filter((b) => b.kind === 'monthly').map((b) => b.startedAt.toString().slice(0, 10))).toEqual([
      '2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30',
    ])
    expect(pruned.size).toBe(110)
  })

  it('pruning every day of the calendar ends with the same set as pruning once', () => {
    let remaining: RetentionCandidate[] = []
    const all = calendar(200)
    for (let d = 0; d < 200; d++) {
      const now = new Date(start.getTime() + d * DAY + 60 * 60 * 1000)
      remaining.push(...all.filter((b) => new Date(b.startedAt) <= now && new Date(b.startedAt) > new Date(now.getTime() - DAY)))
      const pruned = new Set(backupsToPrune(remaining, now, policy))
      remaining = remaining.filter((b) => !pruned.has(b.id))
    }
    const once = new Set(backupsToPrune(all, new Date(start.getTime() + 199 * DAY + 60 * 60 * 1000), policy))
    expect(remaining.map((b) => b.id)).toEqual(all.filter((b) => !once.has(b.id)).map((b) => b.id))
  })

  it('drops monthlies after 12 months', () => {
    const monthlies: RetentionCandidate[] = Array.from({ length: 15 }, (_, i) => ({ id: i + 1, kind: 'monthly', status: 'verified', startedAt: new Date(Date.UTC(2025, i, 1, 21)).toISOString() }))
    const now = new Date(Date.UTC(2026, 2, 15)) // 15 March 2026
    // Kept: 15 March 2025 onwards → April 2025 … March 2026 (12); pruned: January–March 2025.
    expect(backupsToPrune(monthlies, now, policy)).toEqual([1, 2, 3])
  })

  it('never prunes the newest verified backup of a kind, nor a running one, however old', () => {
    const old = (days: number) => new Date(Date.UTC(2026, 6, 1) - days * DAY).toISOString()
    const backups: RetentionCandidate[] = [
      { id: 1, kind: 'daily', status: 'verified', startedAt: old(200) },
      { id: 2, kind: 'daily', status: 'verified', startedAt: old(150) }, // newest verified daily
      { id: 3, kind: 'daily', status: 'failed', startedAt: old(120) },
      { id: 4, kind: 'daily', status: 'failed', startedAt: old(5) },
      { id: 5, kind: 'weekly', status: 'running', startedAt: old(100) },
      { id: 6, kind: 'manual', status: 'verified', startedAt: old(400) }, // the only manual one
      { id: 7, kind: 'monthly', status: 'verified', startedAt: old(800) }, // the only monthly one
    ]
    expect(backupsToPrune(backups, new Date(Date.UTC(2026, 6, 1)), policy)).toEqual([1, 3])
  })
})
