/** The coalescing of concurrent calls behind the monitoring push (src/lib/batch.ts). */
import { describe, expect, it } from 'vitest'

import { batched } from '../../src/lib/batch'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('batched', () => {
  it('runs a lone call at once, and calls made meanwhile together in the next run', async () => {
    const runs: number[][] = []
    const double = batched(
      async (items: number[]) => {
        runs.push(items)
        await tick()
        return items.map((i) => ({ status: 'fulfilled' as const, value: i * 2 }))
      },
      { maxWeight: 3 },
    )
    const first = double(1)
    expect(runs).toEqual([[1]])
    const rest = [2, 3, 4, 5, 6].map(double)
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8, 10, 12])
    expect(runs).toEqual([[1], [2, 3, 4], [5, 6]])
  })

  it('fails only the items the run failed, or all of a run that threw, and keeps serving', async () => {
    const run = batched(
      async (items: number[]) => {
        await tick()
        if (items.includes(0)) throw new Error('run failed')
        return items.map((i) =>
          i < 0
            ? { status: 'rejected' as const, reason: new Error(`bad ${i}`) }
            : { status: 'fulfilled' as const, value: i },
        )
      },
      { maxWeight: 10, weight: (i) => (i > 100 ? 10 : 1) },
    )
    const lone = run(0)
    const [ok, bad] = [run(1), run(-1)]
    await expect(lone).rejects.toThrow('run failed')
    await expect(ok).resolves.toBe(1)
    await expect(bad).rejects.toThrow('bad -1')
    // An item heavier than the limit still runs, alone.
    await expect(Promise.all([run(500), run(2)])).resolves.toEqual([500, 2])
  })
})
