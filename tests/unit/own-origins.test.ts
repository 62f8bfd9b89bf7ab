import { describe, expect, it } from 'vitest'

import { ownOrigins } from '../../src/lib/origins'

describe('the origins allowed to use a session cookie', () => {
  it('are PUBLIC_URL, the loopback names and the address HOST names, on PORT', () => {
    expect(
      ownOrigins({ PUBLIC_URL: 'https://ops.isp.example/app/', PORT: '8080', HOST: '192.168.1.10' }).sort(),
    ).toEqual(
      [
        'https://ops.isp.example',
        'http://localhost:8080',
        'http://127.0.0.1:8080',
        'http://[::1]:8080',
        'http://192.168.1.10:8080',
      ].sort(),
    )
  })

  it('with HOST on every address, include the loopback ones; port 80 is left out of the origin', () => {
    const origins = ownOrigins({ HOST: '0.0.0.0', PORT: '80' })
    expect(origins).toEqual(expect.arrayContaining(['http://localhost', 'http://127.0.0.1']))
    expect(origins.every((o) => new URL(o).origin === o)).toBe(true)
    expect(origins).not.toContain('https://evil.example')
  })

  it('ignore a PUBLIC_URL that is not a URL', () => {
    expect(ownOrigins({ PUBLIC_URL: 'bukan url', PORT: '3000', HOST: '127.0.0.1' }).sort()).toEqual(
      ['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000'].sort(),
    )
  })
})
