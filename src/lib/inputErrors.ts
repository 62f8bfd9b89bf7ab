import type { AfterErrorHook } from 'payload'

/**
 * PostgreSQL's refusals of a value a caller sent (SQLSTATE → what to tell them). The endpoints and
 * collections check their input first (src/lib/input.ts); this is the net under them, so a value
 * that slips through is answered 400 with a clear message, never 500. The statement failed, so
 * nothing was written.
 */
const INPUT_ERRORS: Record<string, string> = {
  '22P02': 'Nilai tidak valid untuk kolom ini. / Invalid value.',
  '22003': 'Angka di luar jangkauan yang diperbolehkan. / Number out of range.',
  '22021': 'Teks tidak boleh berisi karakter NUL (\\u0000). / Text must not contain NUL characters.',
  '22P05': 'Teks tidak boleh berisi karakter NUL (\\u0000). / Text must not contain NUL characters.',
  '22007': 'Tanggal tidak valid. / Invalid date.',
  '22008': 'Tanggal di luar jangkauan yang diperbolehkan. / Date out of range.',
  '22001': 'Teks terlalu panjang. / Text too long.',
  '23503': 'Data yang dirujuk tidak ditemukan. / The referenced record does not exist.',
}

/** The SQLSTATE of a PostgreSQL error, also when Drizzle or Payload wrapped it. */
export function sqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    current = (current as { cause?: unknown }).cause ?? (current as { originalError?: unknown }).originalError
  }
  return undefined
}

/** The Indonesian message for a PostgreSQL refusal of the caller's input, if that is what it is. */
export function inputErrorMessage(error: unknown): string | undefined {
  const code = sqlState(error)
  return code ? INPUT_ERRORS[code] : undefined
}

/** Payload's afterError hook: PostgreSQL input refusals become 400 over REST and GraphQL. */
export const databaseInputErrorsAs400: AfterErrorHook = ({ error, graphqlResult }) => {
  const message = inputErrorMessage(error)
  if (!message) return
  if (graphqlResult)
    return {
      graphqlResult: { ...graphqlResult, message, extensions: { ...graphqlResult.extensions, statusCode: 400 } },
    }
  return { status: 400, response: { errors: [{ message }] } }
}
