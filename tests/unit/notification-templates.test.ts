import crypto from 'node:crypto'

import { describe, expect, it } from 'vitest'

import {
  bodyParameters,
  MissingVariablesError,
  providerBody,
  renderTemplate,
  templateVariables,
} from '../../src/plugins/notifications/operations/renderTemplate'
import { parseWebhook, verifyWebhookSignature } from '../../src/plugins/notifications/operations/webhook'

describe('message templates', () => {
  const body = 'Halo {{nama}}, tagihan {{ bulan }} sebesar {{jumlah}}. Terima kasih, {{nama}}.'

  it('numbers named variables by first appearance, as WhatsApp approves them', () => {
    expect(templateVariables(body)).toEqual(['nama', 'bulan', 'jumlah'])
    expect(providerBody(body)).toBe('Halo {{1}}, tagihan {{2}} sebesar {{3}}. Terima kasih, {{1}}.')
    expect(bodyParameters(body, { nama: 'Budi', bulan: 'Mei', jumlah: 'Rp150.000' })).toEqual([
      'Budi',
      'Mei',
      'Rp150.000',
    ])
  })

  it('refuses to render with a variable missing or blank', () => {
    expect(() => renderTemplate(body, { nama: 'Budi', bulan: ' ' })).toThrow(MissingVariablesError)
    try {
      renderTemplate(body, { nama: 'Budi', bulan: ' ' })
    } catch (error) {
      expect((error as MissingVariablesError).missing).toEqual(['bulan', 'jumlah'])
    }
    expect(renderTemplate(body, { nama: 'Budi', bulan: 'Mei', jumlah: 0 })).toBe(
      'Halo Budi, tagihan Mei sebesar 0. Terima kasih, Budi.',
    )
  })

  it('keeps newlines out of provider parameters (WhatsApp refuses them)', () => {
    expect(bodyParameters('{{a}}', { a: 'satu\n\tdua' })).toEqual(['satu dua'])
  })
})

describe('webhook signature and parsing', () => {
  const secret = 'rahasia'
  const raw = Buffer.from('{"object":"whatsapp_business_account"}')
  const sign = (b: Buffer, s = secret) => `sha256=${crypto.createHmac('sha256', s).update(b).digest('hex')}`

  it('accepts only the HMAC-SHA256 of the exact raw body with the app secret', () => {
    expect(verifyWebhookSignature(raw, sign(raw), secret)).toBe(true)
    expect(verifyWebhookSignature(raw, sign(raw, 'lain'), secret)).toBe(false)
    expect(verifyWebhookSignature(Buffer.concat([raw, Buffer.from(' ')]), sign(raw), secret)).toBe(false)
    expect(verifyWebhookSignature(raw, sign(raw).slice(0, -2), secret)).toBe(false)
    expect(verifyWebhookSignature(raw, undefined, secret)).toBe(false)
    expect(verifyWebhookSignature(raw, sign(raw), '')).toBe(false)
  })

  it('reads statuses, text, button, interactive and image messages, and skips malformed entries', () => {
    const value = {
      statuses: [
        {
          id: 'wamid.A',
          status: 'failed',
          timestamp: '1700000000',
          recipient_id: '6281234567890',
          errors: [{ code: 131026, title: 'Message undeliverable' }],
        },
        { id: 'wamid.B', status: 'bogus' },
      ],
      contacts: [{ wa_id: '6281234567890', profile: { name: 'Budi' } }],
      messages: [
        { from: '6281234567890', id: 'wamid.T', timestamp: '1700000001', type: 'text', text: { body: 'halo' } },
        {
          from: '6281234567890',
          id: 'wamid.K',
          type: 'button',
          button: { payload: 'REPORT_PROBLEM', text: 'Lapor' },
          context: { id: 'wamid.X' },
        },
        {
          from: '6281234567890',
          id: 'wamid.I',
          type: 'interactive',
          interactive: { type: 'list_reply', list_reply: { id: 'PAY:1', title: 'Bayar' } },
        },
        {
          from: '6281234567890',
          id: 'wamid.G',
          type: 'image',
          image: { id: '555', mime_type: 'image/jpeg', caption: 'bukti' },
        },
        { id: 'wamid.no-from', type: 'text' },
      ],
    }
    const parsed = parseWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          changes: [
            { field: 'messages', value },
            { field: 'account_update', value: {} },
          ],
        },
      ],
    })
    expect(parsed.statuses.map((s) => [s.id, s.status, s.errorCode])).toEqual([['wamid.A', 'failed', 131026]])
    expect(parsed.messages.map((m) => [m.id, m.type, m.text ?? m.buttonPayload ?? m.image?.mediaId])).toEqual([
      ['wamid.T', 'text', 'halo'],
      ['wamid.K', 'button', 'REPORT_PROBLEM'],
      ['wamid.I', 'interactive', 'PAY:1'],
      ['wamid.G', 'image', '555'],
    ])
    expect(parsed.messages[0]!.profileName).toBe('Budi')
    expect(parsed.messages[1]!.contextId).toBe('wamid.X')
    expect(parsed.ignored).toBe(3)
    expect(parseWebhook('nonsense')).toEqual({ statuses: [], messages: [], ignored: 0 })
  })
})
