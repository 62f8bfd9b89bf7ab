import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { executeSql } from '../../../db/sql'

export type KnowledgeBaseAnswer = { articleId: number; title: string; answer: string; confidence: number }

let textSearchConfig: Promise<string> | undefined

/** PostgreSQL's Indonesian stemmer and stop words when the server has them, else the plain `simple` configuration. */
function searchConfig(req: PayloadRequest): Promise<string> {
  textSearchConfig ??= executeSql(req, sql`SELECT cfgname FROM pg_ts_config WHERE cfgname = 'indonesian'`).then(
    ({ rows }) => (rows.length ? 'indonesian' : 'simple'),
    () => 'simple',
  )
  return textSearchConfig
}

/** The plain text of a Lexical rich-text value, paragraph by paragraph. */
export function lexicalText(value: unknown): string {
  const blocks: string[] = []
  type LexicalNode = { text?: unknown; type?: string; children?: LexicalNode[] } | null | undefined
  const walk = (node: LexicalNode, into: string[]) => {
    if (!node || typeof node !== 'object') return
    if (typeof node.text === 'string') into.push(node.text)
    if (node.type === 'linebreak') into.push('\n')
    if (Array.isArray(node.children)) {
      if (['paragraph', 'heading', 'listitem', 'quote'].includes(node.type ?? '')) {
        const parts: string[] = []
        node.children.forEach((c) => walk(c, parts))
        blocks.push(`${node.type === 'listitem' ? '• ' : ''}${parts.join('')}`)
      } else node.children.forEach((c) => walk(c, into))
    }
  }
  walk(((value as { root?: unknown })?.root ?? value) as LexicalNode, blocks)
  return blocks.filter((b) => b.trim()).join('\n')
}

/**
 * The published FAQ article that best answers a question, by PostgreSQL full-text search over the
 * title, keywords and answer. Confidence is the share of the question's words (after stemming and
 * dropping stop words) that the article contains; below `minConfidence` there is no answer, and
 * the question goes to customer service.
 */
export async function findKnowledgeBaseAnswer({
  req,
  question,
  minConfidence,
}: {
  req: PayloadRequest
  question: string
  minConfidence: number
}): Promise<KnowledgeBaseAnswer | null> {
  const text = question.slice(0, 1000)
  if (!text.trim()) return null
  const cfg = await searchConfig(req)
  // Drafts never answer customers: only rows whose current version is published.
  const { rows } = await executeSql(
    req,
    sql`WITH q AS (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector(${cfg}::regconfig, ${text}))) AS lexeme),
         docs AS (
           SELECT kb.id, kb.title, kb.body,
                  setweight(to_tsvector(${cfg}::regconfig, coalesce(kb.title, '')), 'A')
                  || setweight(to_tsvector(${cfg}::regconfig, coalesce((SELECT string_agg(t.text, ' ') FROM knowledge_base_texts t WHERE t.parent_id = kb.id AND t.path = 'keywords'), '')), 'A')
                  || setweight(to_tsvector(${cfg}::regconfig, coalesce((SELECT string_agg(v #>> '{}', ' ') FROM jsonb_path_query(kb.body, 'strict $.**.text') v), '')), 'B') AS doc
             FROM knowledge_base kb
            WHERE kb._status = 'published')
       SELECT d.id, d.title, d.body,
              (SELECT count(*) FROM q WHERE q.lexeme = ANY (tsvector_to_array(d.doc)))::float / NULLIF((SELECT count(*) FROM q), 0) AS confidence,
              ts_rank(d.doc, (SELECT to_tsquery(${cfg}::regconfig, string_agg(quote_literal(lexeme), ' | ')) FROM q)) AS rank
         FROM docs d
        ORDER BY confidence DESC NULLS LAST, rank DESC, d.id
        LIMIT 1`,
  )
  const best = rows[0]
  if (!best || best.confidence === null || Number(best.confidence) < minConfidence || Number(best.confidence) === 0)
    return null
  return {
    articleId: best.id as number,
    title: String(best.title),
    answer: lexicalText(best.body),
    confidence: Number(best.confidence),
  }
}
