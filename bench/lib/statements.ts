/**
 * Per-statement timing of what Payload's database adapter sends, for the profile pass of the
 * billing benchmarks: wraps `query` of the pg Client class behind Payload's pool (db-postgres has
 * its own copy of pg, so the bench's `pg` import is not the one to wrap).
 */
import type { Payload } from 'payload'

export type StatementTiming = { sql: string; ms: number; rows: number | null }

type QueryFn = (...args: unknown[]) => unknown

/** Records every query Payload's pool runs until the returned `stop` is called. */
export function recordStatements(payload: Payload): { timings: StatementTiming[]; stop: () => void } {
  const pool = (payload.db as unknown as { pool?: { Client?: { prototype: { query: QueryFn } } } }).pool
  const proto = pool?.Client?.prototype
  if (!proto) throw new Error('Payload database pool has no Client class to wrap')
  const original = proto.query
  const timings: StatementTiming[] = []
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string }
    const text = typeof first === 'string' ? first : (first?.text ?? '')
    const t = performance.now()
    const result = original.apply(this, args)
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      void (result as Promise<{ rowCount?: number | null }>).then(
        (r) => timings.push({ sql: text, ms: performance.now() - t, rows: r?.rowCount ?? null }),
        () => timings.push({ sql: text, ms: performance.now() - t, rows: null }),
      )
    }
    return result
  }
  return { timings, stop: () => void (proto.query = original) }
}

/** One line per statement: the first words of its SQL, whitespace squeezed. */
export const shortSql = (text: string, width = 110) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat
}
