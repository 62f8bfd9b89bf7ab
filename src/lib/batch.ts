/**
 * Coalesces concurrent calls into one: the first call runs at once, on its own; calls made while a
 * run is under way wait and go together in the next one (items up to `maxWeight` in all, at least
 * one). One run at a time, so an idle caller waits for nothing and a busy one pays one round trip
 * per batch rather than per call. `run` settles each item, in order; if it throws, every item of
 * the batch fails with that error.
 */
export function batched<I, O>(
  run: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
  { maxWeight, weight = () => 1 }: { maxWeight: number; weight?: (item: I) => number },
): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }
  let waiting: Waiting[] = []
  let running = false

  const take = () => {
    let total = 0
    let n = 0
    while (n < waiting.length && (n === 0 || total + weight(waiting[n]!.item) <= maxWeight))
      total += weight(waiting[n++]!.item)
    const batch = waiting.slice(0, n)
    waiting = waiting.slice(n)
    return batch
  }

  async function drain() {
    running = true
    try {
      while (waiting.length) {
        const batch = take()
        try {
          const outs = await run(batch.map((w) => w.item))
          batch.forEach((w, i) => {
            const out = outs[i]
            if (out?.status === 'fulfilled') w.resolve(out.value)
            else w.reject(out ? out.reason : new Error('batch answered fewer items than it was given'))
          })
        } catch (error) {
          for (const w of batch) w.reject(error)
        }
      }
    } finally {
      running = false
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject })
      if (!running) void drain()
    })
}
