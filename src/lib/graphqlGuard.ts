import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  parse,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql'

import { CLIENT_ADDRESS_HEADER } from '../plugins/auth/operations/clientAddress'
import { containsNul, NUL_MESSAGE } from './input'

/**
 * What one GraphQL request may cost, checked before Payload runs any of it. Payload's own
 * complexity limit counts each aliased query once, so 249 aliases of `KnowledgeBases(limit: 100)`
 * passed it; here every root field (alias or not) counts, and a list counts as many times as it
 * may return rows.
 *
 * - `maxRootFields` (GRAPHQL_MAX_ROOT_FIELDS, 20): fields at the top of one operation, aliases
 *   included (so 20 sign-in guesses at most per request, each still counted by the throttle).
 * - `maxDepth` (GRAPHQL_MAX_DEPTH, 10): nesting of selections (introspection excepted).
 * - `maxListLimit` (100): the largest `limit` a list may ask for; `limit: 0` and
 *   `pagination: false` (everything) are refused.
 * - `maxCost` (GRAPHQL_MAX_COST, 10000) for a signed-in caller and `anonymousMaxCost`
 *   (GRAPHQL_ANONYMOUS_MAX_COST, 2000) for anyone else: each selected field costs the number of
 *   rows it may be selected for (a field under `Packages(limit: 50) { docs { … } }` costs 50).
 * - `anonymousCostPerMinute` (GRAPHQL_ANONYMOUS_COST_PER_MINUTE, 20000): what one client address
 *   without a session may spend per minute, over all its requests.
 */
export type GraphqlLimits = {
  maxRootFields: number
  maxDepth: number
  maxListLimit: number
  maxCost: number
  anonymousMaxCost: number
  anonymousCostPerMinute: number
  maxTokens: number
}

const numberFrom = (value: string | undefined, fallback: number) => {
  const n = Number(value)
  return value && Number.isInteger(n) && n > 0 ? n : fallback
}

export const graphqlLimits = (env: NodeJS.ProcessEnv = process.env): GraphqlLimits => ({
  maxRootFields: numberFrom(env.GRAPHQL_MAX_ROOT_FIELDS, 20),
  maxDepth: numberFrom(env.GRAPHQL_MAX_DEPTH, 10),
  maxListLimit: 100,
  maxCost: numberFrom(env.GRAPHQL_MAX_COST, 10_000),
  anonymousMaxCost: numberFrom(env.GRAPHQL_ANONYMOUS_MAX_COST, 2_000),
  anonymousCostPerMinute: numberFrom(env.GRAPHQL_ANONYMOUS_COST_PER_MINUTE, 20_000),
  maxTokens: 5_000,
})

/** A refusal: HTTP status and the Indonesian message. */
export class GraphqlRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

/** Rows a list field may return, by its `limit` and `pagination` arguments. */
function rowsOf(field: FieldNode, variables: Record<string, unknown>, limits: GraphqlLimits): number {
  const arg = (name: string): unknown => {
    const node = field.arguments?.find((a) => a.name.value === name)?.value
    return node ? valueOf(node, variables) : undefined
  }
  const pagination = arg('pagination')
  if (pagination === false)
    throw new GraphqlRefusal(
      400,
      `"pagination: false" tidak diizinkan; gunakan limit 1–${limits.maxListLimit} dan page.`,
    )
  const limit = arg('limit')
  if (limit === undefined || limit === null) {
    // Payload's lists without a limit return 10 rows a page.
    return field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'docs') ? 10 : 1
  }
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > limits.maxListLimit)
    throw new GraphqlRefusal(400, `limit harus bilangan bulat 1–${limits.maxListLimit}.`)
  return limit
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value]
    case Kind.INT:
      return Number(node.value)
    case Kind.FLOAT:
      return Number(node.value)
    case Kind.BOOLEAN:
      return node.value
    case Kind.NULL:
      return null
    default:
      return 'value' in node ? node.value : undefined
  }
}

/**
 * The cost of the request's operations (see GraphqlLimits), or a GraphqlRefusal (400) saying which
 * limit it goes over. Parsing is bounded by `maxTokens`.
 */
export function graphqlCost(query: string, variables: Record<string, unknown>, limits: GraphqlLimits): number {
  let document: DocumentNode
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true })
  } catch (error) {
    throw new GraphqlRefusal(
      400,
      `Query GraphQL tidak valid: ${error instanceof GraphQLError ? error.message : 'tidak dapat dibaca'}`,
    )
  }
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def)

  /** The fields of a selection set with fragments spread in (each fragment once per path). */
  const fieldsOf = (set: SelectionSetNode, seen: Set<string> = new Set()): FieldNode[] =>
    set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection]
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, seen)
      const name = selection.name.value
      const fragment = fragments.get(name)
      if (!fragment || seen.has(name)) return []
      return fieldsOf(fragment.selectionSet, new Set([...seen, name]))
    })

  const costOf = (set: SelectionSetNode, multiplier: number, depth: number): number => {
    if (depth > limits.maxDepth)
      throw new GraphqlRefusal(400, `Query GraphQL terlalu dalam (maks. ${limits.maxDepth} tingkat).`)
    let cost = 0
    for (const field of fieldsOf(set)) {
      if (field.name.value.startsWith('__')) {
        cost += 1
        continue
      }
      cost += multiplier
      if (field.selectionSet)
        cost += costOf(field.selectionSet, multiplier * rowsOf(field, variables, limits), depth + 1)
    }
    return cost
  }

  let total = 0
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue
    const roots = fieldsOf(def.selectionSet).filter((f) => f.name.value !== '__typename')
    if (roots.length > limits.maxRootFields)
      throw new GraphqlRefusal(
        400,
        `Terlalu banyak field dalam satu permintaan GraphQL (${roots.length}, maks. ${limits.maxRootFields}, alias dihitung satu per satu).`,
      )
    total += costOf(def.selectionSet, 1, 1)
  }
  return total
}

/** Cost spent per client address without a session, in the minute since its first request. */
const anonymousSpend = new Map<string, { start: number; spent: number }>()

function chargeAnonymous(address: string, cost: number, limits: GraphqlLimits): void {
  const now = Date.now()
  if (anonymousSpend.size > 10_000)
    for (const [key, entry] of anonymousSpend) if (now - entry.start >= 60_000) anonymousSpend.delete(key)
  let entry = anonymousSpend.get(address)
  if (!entry || now - entry.start >= 60_000) entry = { start: now, spent: 0 }
  if (entry.spent + cost > limits.anonymousCostPerMinute)
    throw new GraphqlRefusal(
      429,
      'Terlalu banyak permintaan GraphQL tanpa masuk. Silakan coba lagi sebentar lagi. / Too many requests.',
      Math.max(1, Math.ceil((entry.start + 60_000 - now) / 1000)),
    )
  anonymousSpend.set(address, { start: entry.start, spent: entry.spent + cost })
}

const refusal = (error: GraphqlRefusal) =>
  Response.json(
    { errors: [{ message: error.message, extensions: { statusCode: error.status } }] },
    {
      status: error.status,
      headers: error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : undefined,
    },
  )

const hasCredentials = (headers: Headers) =>
  Boolean(headers.get('authorization')) || /(^|;\s*)payload-token=/.test(headers.get('cookie') ?? '')

/**
 * Wraps Payload's GraphQL POST handler: the body must be a JSON object with a `query` (malformed
 * JSON, NUL characters or a non-JSON body get 400/415, never 500), and the request must stay within
 * GraphqlLimits. `isSignedIn` tells whether the credentials sent, if any, are valid.
 */
export function guardGraphql(
  handler: (request: Request) => Promise<Response>,
  isSignedIn: (headers: Headers) => Promise<boolean>,
  limits: GraphqlLimits = graphqlLimits(),
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const type = request.headers.get('content-type') ?? ''
      if (!/json/i.test(type))
        throw new GraphqlRefusal(415, 'Permintaan GraphQL harus berupa JSON (Content-Type: application/json).')
      const text = await request.text()
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        throw new GraphqlRefusal(400, 'Body harus JSON yang valid. / Body must be valid JSON.')
      }
      if (!body || typeof body !== 'object' || Array.isArray(body))
        throw new GraphqlRefusal(400, 'Body harus objek JSON dengan "query". / Body must be a JSON object.')
      const { query, variables } = body as { query?: unknown; variables?: unknown }
      if (typeof query !== 'string' || !query.trim()) throw new GraphqlRefusal(400, 'Field "query" wajib berupa teks.')
      if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
        throw new GraphqlRefusal(400, 'Field "variables" harus objek JSON.')
      if (containsNul(body)) throw new GraphqlRefusal(400, NUL_MESSAGE)
      const cost = graphqlCost(query, (variables ?? {}) as Record<string, unknown>, limits)
      if (cost > limits.maxCost)
        throw new GraphqlRefusal(400, `Query GraphQL terlalu berat (biaya ${cost}, maks. ${limits.maxCost}).`)
      // Credentials are checked, not just looked for: a made-up token is an anonymous caller.
      const signedIn = hasCredentials(request.headers) && (await isSignedIn(request.headers))
      if (!signedIn) {
        if (cost > limits.anonymousMaxCost)
          throw new GraphqlRefusal(
            400,
            `Query GraphQL terlalu berat tanpa masuk (biaya ${cost}, maks. ${limits.anonymousMaxCost}).`,
          )
        chargeAnonymous(request.headers.get(CLIENT_ADDRESS_HEADER) || 'unknown', cost, limits)
      }
      return handler(new Request(request.url, { method: request.method, headers: request.headers, body: text }))
    } catch (error) {
      if (error instanceof GraphqlRefusal) return refusal(error)
      throw error
    }
  }
}
