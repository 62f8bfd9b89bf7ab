import type { PayloadRequest } from 'payload'

import { codeForStatus, DomainError } from './errors'
import { containsNul, idValue, NUL_MESSAGE } from './input'

/**
 * A refusal raised by an endpoint itself, about the HTTP request (no session, malformed body or
 * query): a `DomainError` named by its status. Operations throw `DomainError` with a code instead.
 */
export class EndpointError extends DomainError {
  constructor(status: number, message: string) {
    super(codeForStatus(status), message, { status })
  }
}

/** The request body as a JSON object, or an EndpointError(400) saying what is wrong with it. */
export async function readJsonObject(req: PayloadRequest): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await req.json?.()
  } catch {
    throw new EndpointError(400, 'Isi permintaan harus berupa JSON yang sah.')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new EndpointError(400, 'Isi permintaan harus berupa objek JSON, misalnya {"nama": "…"}.')
  // PostgreSQL cannot store NUL in text: refused here, whichever field it hides in.
  if (containsNul(body)) throw new EndpointError(400, NUL_MESSAGE)
  return body as Record<string, unknown>
}

/** Turns DomainErrors (whatever their status) and Payload's own 4xx errors into clear JSON answers. */
export async function answer(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work()
  } catch (error) {
    const status = (error as { status?: number }).status
    if (error instanceof DomainError || (typeof status === 'number' && status >= 400 && status < 500)) {
      const data = (error as { data?: { errors?: unknown[] } }).data
      return Response.json(
        { errors: [{ message: (error as Error).message, ...(data?.errors ? { data: data.errors } : {}) }] },
        { status: status ?? 400 },
      )
    }
    throw error
  }
}

/** The `:id` of the path: digits naming a row that can exist (`abc`, `1.5`, `99999999999` are 404). */
export const routeId = (req: PayloadRequest): number => {
  const id = idValue(req.routeParams?.id)
  if (id === null) throw new EndpointError(404, 'Data tidak ditemukan.')
  return id
}
