import { describe, expect, it } from 'vitest'

import { backupsToPrune, type RetentionCandidate } from '../../src/plugins/backups/operations/retention'
import type { BackupKind } from '../../src/plugins/backups/types'

const DAY = 24 * 60 * 60 * 1000
const policy = { days: 90, months: 12 }
const start = new Date('2026-01-01T02:00:00+07:00') // a Thursday, the 1st

/**
 * The schedule in src/plugins/backups/schedules.ts, in WIB: weekly on Sundays, daily the other days, monthly
 * on the 1st. Each daily's uploads build on the backup made just before it (as runBackup does:
 * the newest verified one of any kind), weeklies and monthlies are full. The first day's daily has
 * nothing before it and is full.
 */
function calendar(days: number): RetentionCandidate[] {
  const out: RetentionCandidate[] = []
  let id = 0
  for (let d = 0; d < days; d++) {
    const at = new Date(start.getTime() + d * DAY)
    const wib = new Date(at.getTime() + 7 * 60 * 60 * 1000)
    const kind: BackupKind = wib.getUTCDay() === 0 ? 'weekly' : 'daily'
    out.push({
      id: ++id,
      kind,
      status: 'verified',
      startedAt: at.toISOString(),
      base: kind === 'daily' && out.length ? out.at(-1)!.id : null,
    })
    if (wib.getUTCDate() === 1)
      out.push({
        id: ++id,
        kind: 'monthly',
        status: 'verified',
        startedAt: new Date(at.getTime() + 2 * 60 * 60 * 1000).toISOString(),
        base: null,
      })
  }
  return out
}

describe('backup retention', () => {
  it('on a 200-day calendar keeps the last 90 days of dailies and weeklies, the chain the oldest kept daily needs, and every monthly', () => {
    const all = calendar(200)
    const now = new Date(start.getTime() + 199 * DAY + 60 * 60 * 1000) // day 199, 03:00 WIB
    const pruned = new Set(backupsToPrune(all, now, policy))
    const kept = all.filter((b) => !pruned.has(b.id))

    const dayIndex = (b: RetentionCandidate) => Math.round((new Date(b.startedAt).getTime() - start.getTime()) / DAY)
    // Days 110..199 are within 90 days of day 199 03:00; day 109 02:00 is just outside. Day 110
    // (Tuesday 21 April) is a daily whose uploads build on day 109's daily (Monday), which builds
    // on day 108's weekly (Sunday, full): both stay although they are past 90 days.
    expect(kept.filter((b) => b.kind !== 'monthly').map(dayIndex)).toEqual(
      Array.from({ length: 92 }, (_, i) => 108 + i),
    )
    expect(kept.filter((b) => b.kind === 'weekly')).toHaveLength(14)
    expect(all.find((b) => dayIndex(b) === 107)!.kind).toBe('daily') // the Saturday before: nobody kept needs it
    // Every kept backup's chain is whole: its base is kept too.
    const keptIds = new Set(kept.map((b) => b.id))
    for (const b of kept) if (b.base) expect(keptIds.has(b.base), `base of ${b.id}`).toBe(true)
    // 1 January … 1 July 2026: seven monthlies, all younger than 12 months.
    expect(kept.filter((b) => b.kind === 'monthly').map((b) => b.startedAt.toString().slice(0, 10))).toEqual([
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
    ])
    expect(pruned.size).toBe(108)
  })

  it('pruning every day of the calendar ends with the same set as pruning once', () => {
    let remaining: RetentionCandidate[] = []
    const all = calendar(200)
    for (let d = 0; d < 200; d++) {
      const now = new Date(start.getTime() + d * DAY + 60 * 60 * 1000)
      remaining.push(
        ...all.filter((b) => new Date(b.startedAt) <= now && new Date(b.startedAt) > new Date(now.getTime() - DAY)),
      )
      const pruned = new Set(backupsToPrune(remaining, now, policy))
      remaining = remaining.filter((b) => !pruned.has(b.id))
    }
    const once = new Set(backupsToPrune(all, new Date(start.getTime() + 199 * DAY + 60 * 60 * 1000), policy))
    expect(remaining.map((b) => b.id)).toEqual(all.filter((b) => !once.has(b.id)).map((b) => b.id))
  })

  it('drops monthlies after 12 months', () => {
    const monthlies: RetentionCandidate[] = Array.from({ length: 15 }, (_, i) => ({
      id: i + 1,
      kind: 'monthly',
      status: 'verified',
      startedAt: new Date(Date.UTC(2025, i, 1, 21)).toISOString(),
    }))
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

describe('backup retention and incremental chains', () => {
  const at = (daysAgo: number) => new Date(Date.UTC(2026, 6, 1) - daysAgo * DAY).toISOString()
  const now = new Date(Date.UTC(2026, 6, 1))

  it('keeps the whole chain of a kept daily, and lets it go once no kept backup needs it', () => {
    const backups: RetentionCandidate[] = [
      { id: 1, kind: 'weekly', status: 'verified', startedAt: at(95), base: null },
      { id: 2, kind: 'daily', status: 'verified', startedAt: at(94), base: 1 },
      { id: 3, kind: 'daily', status: 'verified', startedAt: at(93), base: 2 },
      { id: 4, kind: 'daily', status: 'verified', startedAt: at(89), base: 3 }, // kept: needs 3, 2, 1
      { id: 5, kind: 'weekly', status: 'verified', startedAt: at(88), base: null },
      { id: 6, kind: 'daily', status: 'verified', startedAt: at(87), base: 5 },
    ]
    expect(backupsToPrune(backups, now, policy)).toEqual([])
    // Two days later daily 4 is past 90 days itself: the chain goes with it.
    expect(backupsToPrune(backups, new Date(now.getTime() + 2 * DAY), policy)).toEqual([1, 2, 3, 4])
  })

  it('keeps the base of a failed daily waiting for its upload retry, and of the newest verified backup', () => {
    const backups: RetentionCandidate[] = [
      { id: 1, kind: 'weekly', status: 'verified', startedAt: at(120), base: null },
      { id: 2, kind: 'daily', status: 'failed', startedAt: at(10), base: 1 },
      { id: 3, kind: 'weekly', status: 'verified', startedAt: at(130), base: null },
      { id: 4, kind: 'daily', status: 'verified', startedAt: at(125), base: 3 }, // the newest verified daily
      { id: 5, kind: 'weekly', status: 'verified', startedAt: at(140), base: null },
      { id: 6, kind: 'daily', status: 'verified', startedAt: at(139), base: 5 },
    ]
    // 1 is the newest verified weekly (and the failed daily's base), 4 the newest verified daily,
    // 3 stays only because 4 builds on it; 5 and 6 nobody needs.
    expect(backupsToPrune(backups, now, policy)).toEqual([5, 6])
    // A chain whose base row is already gone (pruned before chains were known) does not stop pruning.
    expect(
      backupsToPrune(
        [
          { id: 7, kind: 'daily', status: 'verified', startedAt: at(200), base: 99 },
          { id: 8, kind: 'daily', status: 'verified', startedAt: at(1), base: null },
        ],
        now,
        policy,
      ),
    ).toEqual([7])
  })
})
