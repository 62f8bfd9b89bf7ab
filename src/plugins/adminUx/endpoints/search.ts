import type { Endpoint } from 'payload'

import { isStaff } from '../../../access/roles'
import { answer, EndpointError } from '../../../lib/endpointKit'
import { languageOf } from '../../../lib/language'
import { globalSearch, SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from '../operations/globalSearch'

/** `GET /api/admin-search?q=…`: the admin header's search, for signed-in staff. */
export const adminSearchEndpoint: Endpoint = {
  path: '/admin-search',
  method: 'get',
  handler: (req) =>
    answer(async () => {
      const english = languageOf(req) === 'en'
      if (!req.user || !isStaff(req.user))
        throw new EndpointError(401, english ? 'Sign in as staff first.' : 'Masuk sebagai staf terlebih dahulu.')
      const q = typeof req.query?.q === 'string' ? req.query.q.trim() : ''
      if (q.length < SEARCH_MIN_LENGTH || q.length > SEARCH_MAX_LENGTH)
        throw new EndpointError(
          400,
          english
            ? `Type ${SEARCH_MIN_LENGTH}–${SEARCH_MAX_LENGTH} characters to search.`
            : `Ketik ${SEARCH_MIN_LENGTH}–${SEARCH_MAX_LENGTH} karakter untuk mencari.`,
        )
      return Response.json(await globalSearch(req, q))
    }),
}
