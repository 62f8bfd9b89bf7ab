import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { executeSql } from '../db/sql'
import { wibDateStamp } from '../lib/wib'

/**
 * The next human number for a prefix: `PREFIX` + WIB `yyyymmdd` + per-day sequence (at least three
 * digits), e.g. `CUS20251010001`.
 *
 * The counter row is incremented inside the caller's transaction: a concurrent create waits on the
 * row lock until this one commits, and a rolled-back create rolls its number back, so numbers are
 * unique and gap-free. The unique index on each number column is the final arbiter.
 */
export async function nextHumanNumber({
  req,
  prefix,
  at = new Date(),
}: {
  req: PayloadRequest
  prefix: string
  at?: Date
}): Promise<string> {
  const day = wibDateStamp(at)
  const { rows } = await executeSql(
    req,
    sql`
    INSERT INTO number_sequences (prefix, day, last_value, updated_at, created_at)
    VALUES (${prefix}, ${day}, 1, now(), now())
    ON CONFLICT (prefix, day) DO UPDATE SET last_value = number_sequences.last_value + 1, updated_at = now()
    RETURNING last_value`,
  )
  const sequence = Number(rows[0]!.last_value)
  return formatHumanNumber(prefix, day, sequence)
}

export function formatHumanNumber(prefix: string, day: string, sequence: number): string {
  return `${prefix}${day}${String(sequence).padStart(3, '0')}`
}
