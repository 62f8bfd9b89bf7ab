import { sql } from '@payloadcms/db-postgres'
import type { CollectionSlug, PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'
import { formatDayShortWib, formatPhone, formatRupiahOrDash } from '../../../lib/format'

export const SEARCH_MIN_LENGTH = 2
export const SEARCH_MAX_LENGTH = 100
const PER_KIND = 6

export type SearchHit = { collection: string; id: number; title: string; detail: string }
export type SearchResult = { query: string; hits: SearchHit[] }

/** `0812-3456-7890`, `+62 812…` → `62812…`, so a phone typed any way finds the stored form. */
function phoneDigits(query: string): string | null {
  const digits = query.replace(/[^\d]/g, '')
  if (digits.length < 4 || /[^\d\s+().-]/.test(query)) return null
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits
}

type Candidate = { id: number; score: number }

async function candidates(req: PayloadRequest, query: unknown): Promise<Candidate[]> {
  const { rows } = await executeSql(req, query)
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }))
}

/**
 * Customers (number, name, phone, address), invoices, payments (number, reference) and tickets
 * (number, subject) matching a query: a substring or a near spelling (pg_trgm similarity), best
 * first. Candidates come from PostgreSQL; they are then read with the searcher's own access, so
 * nobody finds a row they may not open.
 */
export async function globalSearch(req: PayloadRequest, rawQuery: string): Promise<SearchResult> {
  const query = rawQuery.trim().replace(/\s+/g, ' ')
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const phone = phoneDigits(query)
  const phoneLike = phone ? `%${phone}%` : null

  const customerText = sql`(coalesce(number, '') || ' ' || name || ' ' || phone || ' ' || coalesce(address, ''))`
  const [customers, invoices, payments, tickets] = await Promise.all([
    candidates(
      req,
      sql`SELECT id, greatest(similarity(${customerText}, ${query}), CASE WHEN ${customerText} ILIKE ${like} THEN 1 ELSE 0 END) AS score
          FROM customers
          WHERE ${customerText} ILIKE ${like} OR ${customerText} % ${query}
            ${phoneLike ? sql`OR phone LIKE ${phoneLike}` : sql``}
          ORDER BY score DESC, id DESC LIMIT ${PER_KIND}`,
    ),
    candidates(
      req,
      sql`SELECT id, CASE WHEN coalesce(number, '') ILIKE ${like} THEN 1 ELSE similarity(coalesce(number, ''), ${query}) END AS score
          FROM invoices WHERE coalesce(number, '') ILIKE ${like} OR coalesce(number, '') % ${query}
          ORDER BY score DESC, id DESC LIMIT ${PER_KIND}`,
    ),
    candidates(
      req,
      sql`SELECT id, CASE WHEN (coalesce(number, '') || ' ' || coalesce(reference, '')) ILIKE ${like} THEN 1 ELSE 0 END AS score
          FROM payments WHERE (coalesce(number, '') || ' ' || coalesce(reference, '')) ILIKE ${like}
          ORDER BY score DESC, id DESC LIMIT ${PER_KIND}`,
    ),
    candidates(
      req,
      sql`SELECT id, greatest(similarity(coalesce(number, '') || ' ' || subject, ${query}),
                 CASE WHEN (coalesce(number, '') || ' ' || subject) ILIKE ${like} THEN 1 ELSE 0 END) AS score
          FROM tickets
          WHERE (coalesce(number, '') || ' ' || subject) ILIKE ${like} OR (coalesce(number, '') || ' ' || subject) % ${query}
          ORDER BY score DESC, id DESC LIMIT ${PER_KIND}`,
    ),
  ])

  const readable = async <T extends { id: number }>(collection: CollectionSlug, found: Candidate[]): Promise<T[]> => {
    if (found.length === 0) return []
    try {
      const result = await req.payload.find({
        collection,
        where: { id: { in: found.map((c) => c.id) } },
        depth: 0,
        limit: found.length,
        pagination: false,
        overrideAccess: false,
        user: req.user,
        req,
      })
      const order = new Map(found.map((c, i) => [c.id, i]))
      return (result.docs as unknown as T[]).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    } catch {
      // No read access to the collection at all: nothing from it.
      return []
    }
  }

  type Row = Record<string, unknown> & { id: number }
  const [c, i, p, t] = await Promise.all([
    readable<Row>('customers', customers),
    readable<Row>('invoices', invoices),
    readable<Row>('payments', payments),
    readable<Row>('tickets', tickets),
  ])
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  const hits: SearchHit[] = [
    ...c.map((row) => ({
      collection: 'customers',
      id: row.id,
      title: `${text(row.number)} · ${text(row.name)}`,
      detail: [formatPhone(text(row.phone)), text(row.address)].filter(Boolean).join(' · '),
    })),
    ...i.map((row) => ({
      collection: 'invoices',
      id: row.id,
      title: text(row.number),
      detail: `${formatRupiahOrDash(row.total as number)} · jatuh tempo ${formatDayShortWib(row.dueDate as string)}`,
    })),
    ...p.map((row) => ({
      collection: 'payments',
      id: row.id,
      title: text(row.number),
      detail: [formatRupiahOrDash(row.amount as number), text(row.reference)].filter(Boolean).join(' · '),
    })),
    ...t.map((row) => ({
      collection: 'tickets',
      id: row.id,
      title: `${text(row.number)} · ${text(row.subject)}`,
      detail: formatDayShortWib(row.createdAt as string),
    })),
  ]
  return { query, hits }
}
