/**
 * Session cookies get `Secure` when PUBLIC_URL is https, and without SMTP every email (a password
 * reset above all) is written to the log in full, link included, as the README says.
 */
import type { Config, Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { logEmailAdapter, smtpEmailAdapter } from '../../src/lib/email'
import { authPlugin, withSecureCookies } from '../../src/plugins/auth'

describe('session cookies', () => {
  it('are Secure when the product is served over https, and only then', () => {
    expect(withSecureCookies(true, 'https://isp.contoh.id')).toEqual({ cookies: { secure: true } })
    expect(withSecureCookies({ tokenExpiration: 60, cookies: { sameSite: 'Lax' } }, 'HTTPS://isp.contoh.id')).toEqual({
      tokenExpiration: 60,
      cookies: { sameSite: 'Lax', secure: true },
    })
    expect(withSecureCookies({ tokenExpiration: 60 }, 'http://localhost:3000')).toEqual({ tokenExpiration: 60 })
    expect(withSecureCookies({ tokenExpiration: 60 }, undefined)).toEqual({ tokenExpiration: 60 })
  })

  it('are set Secure on every auth collection by the auth plugin', () => {
    const previous = process.env.PUBLIC_URL
    process.env.PUBLIC_URL = 'https://isp.contoh.id'
    try {
      const config = authPlugin()({
        collections: [
          { slug: 'staff', auth: true, fields: [] },
          { slug: 'pelanggan', auth: { tokenExpiration: 60 }, fields: [] },
          { slug: 'paket', fields: [] },
        ],
      } as never) as Config
      const auth = Object.fromEntries(config.collections!.map((c) => [c.slug, c.auth]))
      expect(auth.staff).toMatchObject({ cookies: { secure: true } })
      expect(auth.pelanggan).toMatchObject({ tokenExpiration: 60, cookies: { secure: true } })
      expect(auth.paket).toBeUndefined()
    } finally {
      if (previous === undefined) delete process.env.PUBLIC_URL
      else process.env.PUBLIC_URL = previous
    }
  })
})

describe('email without SMTP', () => {
  it('is written to the log in full, the reset link included', async () => {
    expect(smtpEmailAdapter({} as NodeJS.ProcessEnv)).toBe(logEmailAdapter)
    const logged: { obj: unknown; msg: string }[] = []
    const logger = { warn: (obj: unknown, msg: string) => logged.push({ obj, msg }) }
    const adapter = logEmailAdapter({ payload: { logger } as unknown as Payload })
    await adapter.sendEmail({
      to: 'budi@contoh.id',
      subject: 'Atur ulang kata sandi',
      html: '<p>Klik <a href="https://isp.contoh.id/admin/reset/abc123">tautan ini</a> untuk mengatur ulang.</p>',
    })
    expect(logged).toHaveLength(1)
    expect(logged[0]!.msg).toContain('budi@contoh.id')
    expect(logged[0]!.msg).toContain('Atur ulang kata sandi')
    expect(logged[0]!.msg).toContain('Klik tautan ini (https://isp.contoh.id/admin/reset/abc123) untuk mengatur ulang.')
    expect(logged[0]!.obj).toMatchObject({
      email: { to: 'budi@contoh.id', text: expect.stringContaining('https://isp.contoh.id/admin/reset/abc123') },
    })
  })
})
