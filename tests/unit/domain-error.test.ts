import { APIError } from 'payload'
import { describe, expect, it } from 'vitest'

import { answer, EndpointError } from '../../src/lib/endpointKit'
import { DomainError } from '../../src/lib/errors'

describe('DomainError', () => {
  it('carries a code, the status of that code and a public message (Payload shows it over REST and GraphQL)', () => {
    const error = new DomainError('conflict', 'Tagihan ini sudah lunas.')
    expect(error).toBeInstanceOf(APIError)
    expect(error).toMatchObject({ code: 'conflict', status: 409, isPublic: true, message: 'Tagihan ini sudah lunas.' })
  })

  it('is answered by endpoints as JSON with its status, 5xx included', async () => {
    const response = await answer(async () => {
      throw new DomainError('upstream_failed', 'Gateway pembayaran sedang bermasalah.')
    })
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ errors: [{ message: 'Gateway pembayaran sedang bermasalah.' }] })
  })

  it('an endpoint’s own refusal is a DomainError named by its status', () => {
    expect(new EndpointError(401, 'Silakan masuk terlebih dahulu.')).toMatchObject({
      code: 'unauthenticated',
      status: 401,
    })
    expect(new EndpointError(413, 'Terlalu besar')).toMatchObject({ code: 'invalid', status: 413 })
  })

  it('lets anything else through (a bug or an outage is not a refusal)', async () => {
    await expect(answer(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
  })
})
