import { describe, expect, it } from 'vitest'

import {
  InvalidEnforcementTargetError,
  RouterRequestError,
  requireTargetKey,
} from '../../src/plugins/billing/network/enforcer'
import {
  formatSecretComment,
  normalizeListAddress,
  parseSecretComment,
} from '../../src/plugins/billing/network/isolir-marker'
import { isAlreadyHaveSuchEntry, restUrl } from '../../src/plugins/billing/network/mikrotik'

describe('isolir marker in a PPPoE secret comment', () => {
  it('round-trips the previous profile and keeps the operator comment in front', () => {
    const comment = formatSecretComment('Budi, Jl. Mawar 3', {
      kind: 'suspended',
      previousProfile: '10mbps',
      dropPending: false,
    })
    expect(comment).toBe('Budi, Jl. Mawar 3 [isolir prev=10mbps]')
    expect(parseSecretComment(comment)).toEqual({
      base: 'Budi, Jl. Mawar 3',
      marker: { kind: 'suspended', previousProfile: '10mbps', dropPending: false },
    })
  })

  it('keeps profile names with spaces and brackets intact', () => {
    const marker = { kind: 'suspended', previousProfile: 'Paket [Rumah] 20', dropPending: true } as const
    const comment = formatSecretComment('', marker)
    expect(comment).not.toContain(' 20]')
    expect(parseSecretComment(comment)).toEqual({ base: '', marker })
  })

  it('reads the restoring marker and a comment without any marker', () => {
    expect(parseSecretComment('x [isolir restored drop-pending]')).toEqual({ base: 'x', marker: { kind: 'restoring' } })
    expect(parseSecretComment('Budi [lantai 2]')).toEqual({ base: 'Budi [lantai 2]' })
    expect(parseSecretComment(undefined)).toEqual({ base: '' })
  })

  it('ignores a marker without a usable previous profile', () => {
    expect(parseSecretComment('a [isolir]')).toEqual({ base: 'a' })
    expect(parseSecretComment('a [isolir prev=%E0%A4%A]')).toEqual({ base: 'a' })
  })
})

describe('normalizeListAddress', () => {
  it.each([
    ['10.0.0.5', '10.0.0.5'],
    [' 10.0.0.5/32 ', '10.0.0.5'],
    ['10.0.0.7/24', '10.0.0.0/24'],
    ['172.16.5.200/20', '172.16.0.0/20'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10.0.0.1-10.0.0.9', '10.0.0.1-10.0.0.9'],
    ['10.0.0.300', '10.0.0.300'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeListAddress(input)).toBe(expected)
  })
})

describe('restUrl', () => {
  it('adds /rest once and encodes the query', () => {
    expect(restUrl('https://10.0.0.1/', '/ppp/secret', { name: 'budi 01&x' })).toBe(
      'https://10.0.0.1/rest/ppp/secret?name=budi+01%26x',
    )
    expect(restUrl('https://10.0.0.1/rest', '/ppp/active/*1A')).toBe('https://10.0.0.1/rest/ppp/active/*1A')
  })
})

describe('isAlreadyHaveSuchEntry', () => {
  it('matches the RouterOS duplicate refusal only', () => {
    expect(
      isAlreadyHaveSuchEntry(new RouterRequestError(400, 'Bad Request', 'failure: already have such entry', 'PUT')),
    ).toBe(true)
    expect(
      isAlreadyHaveSuchEntry(new RouterRequestError(400, 'Bad Request', 'invalid value for argument address', 'PUT')),
    ).toBe(false)
    expect(isAlreadyHaveSuchEntry(new Error('failure: already have such entry'))).toBe(false)
  })
})

describe('requireTargetKey', () => {
  it('returns the key the method needs and refuses a target without it', () => {
    expect(requireTargetKey({ customerNumber: 'C1', method: 'pppoe', pppoeUsername: ' budi ' })).toBe('budi')
    expect(() => requireTargetKey({ customerNumber: 'C1', method: 'address-list', pppoeUsername: 'budi' })).toThrow(
      InvalidEnforcementTargetError,
    )
  })
})
