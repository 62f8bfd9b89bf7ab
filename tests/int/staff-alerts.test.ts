import { simpleParser, type ParsedMail } from 'mailparser'
import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort } from '../helpers/net'
import { createStaff } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'

const received: ParsedMail[] = []
let smtp: SMTPServer
let smtpPort: number
let payload: Payload

/** A real SMTP server on 127.0.0.1 that requires the configured login. */
function startSmtp(): SMTPServer {
  return new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, _session, callback) =>
      auth.username === 'alerts' && auth.password === 'rahasia-smtp'
        ? callback(null, { user: auth.username })
        : callback(new Error('Invalid username or password')),
    onData: (stream, _session, callback) => {
      simpleParser(stream).then((mail) => {
        received.push(mail)
        callback()
      }, callback)
    },
  })
}

beforeAll(async () => {
  smtpPort = await freePort()
  smtp = startSmtp()
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve))
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_USER: 'alerts',
    SMTP_PASSWORD: 'rahasia-smtp',
    EMAIL_FROM: 'noc@isp.example',
  })
  payload = await testPayload()
})

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

async function runAlert(alert: { key: string; subject: string; message: string }) {
  const job = await payload.jobs.queue({ task: 'staffAlert', input: alert })
  await payload.jobs.runByID({ id: job.id, overrideAccess: true })
  return payload.findByID({ collection: 'payload-jobs', id: job.id, overrideAccess: true })
}

describe('staff alerts', () => {
  it('emails every admin over SMTP, once per alert key', async () => {
    const admin = await createStaff(payload, 'admin')
    await createStaff(payload, 'finance')
    const key = unique('uji-alert-')
    const job = await runAlert({ key, subject: 'Pencadangan harian gagal', message: 'S3 tidak dapat dihubungi' })
    expect(job.completedAt).toBeTruthy()

    const mails = received.filter((m) => m.text?.includes('S3 tidak dapat dihubungi'))
    expect(mails).toHaveLength(1)
    const to = [mails[0]!.to].flat().flatMap((t) => t?.value.map((v) => v.address))
    expect(to).toContain(admin.email)
    expect(to.every((address) => address && !address.includes('finance'))).toBe(true)
    expect(mails[0]!.subject).toBe('[ISP Ops] Pencadangan harian gagal')
    expect(mails[0]!.from?.value[0]?.address).toBe('noc@isp.example')

    // The same key again (a retry, a repeated failure): nothing new goes out.
    await runAlert({ key, subject: 'Pencadangan harian gagal', message: 'S3 tidak dapat dihubungi' })
    expect(received.filter((m) => m.text?.includes('S3 tidak dapat dihubungi'))).toHaveLength(1)
    const rows = await payload.find({
      collection: 'staff-alerts',
      where: { key: { equals: key } },
      overrideAccess: true,
    })
    expect(rows.docs).toHaveLength(1)
    expect(rows.docs[0]!.sentAt).toBeTruthy()
  })

  it('retries while the SMTP server is down, and sends once it is back', async () => {
    const key = unique('uji-alert-')
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    const failed = await runAlert({ key, subject: 'Uji', message: `gagal-dulu ${key}` })
    expect(failed.completedAt).toBeFalsy()
    expect(failed.hasError).toBeFalsy()
    expect(failed.totalTried).toBe(1)
    smtp = startSmtp()
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve))
    await payload.jobs.runByID({ id: failed.id, overrideAccess: true })
    expect(received.filter((m) => m.text?.includes(`gagal-dulu ${key}`))).toHaveLength(1)
  })
})

describe('staff alerts on WhatsApp', () => {
  it('also go to every admin with a phone number, once per alert and admin', async () => {
    const existing = await payload.find({
      collection: 'message-templates',
      where: { key: { equals: 'staff_alert' } },
      limit: 1,
      overrideAccess: true,
    })
    if (!existing.docs.length)
      await payload.create({
        collection: 'message-templates',
        data: {
          key: 'staff_alert',
          name: 'Peringatan staf',
          body: 'Peringatan ISP Ops: {{judul}}. {{pesan}}',
          language: 'id',
          category: 'UTILITY',
          approvalStatus: 'approved',
        } as never,
        overrideAccess: true,
      })
    const withPhone = await createStaff(payload, 'admin')
    const phone = `62811${String(Date.now() % 100_000_000).padStart(8, '0')}`
    await payload.update({ collection: 'users', id: withPhone.user.id, data: { phone }, overrideAccess: true })
    const withoutPhone = await createStaff(payload, 'admin')
    const key = unique('uji-wa-alert-')
    await runAlert({
      key,
      subject: 'Pencadangan harian gagal',
      message: 'S3 tidak dapat dihubungi.\nSalinan lokal tersimpan.',
    })
    await runAlert({
      key,
      subject: 'Pencadangan harian gagal',
      message: 'S3 tidak dapat dihubungi.\nSalinan lokal tersimpan.',
    })
    const messages = await payload.find({
      collection: 'messages',
      where: { and: [{ trigger: { equals: 'staff_alert' } }, { dedupeKey: { like: `staff-alert:${key}:` } }] },
      depth: 0,
      overrideAccess: true,
    })
    expect(messages.docs.map((m) => [m.staffRecipient, m.to])).toEqual([[withPhone.user.id, phone]])
    expect(messages.docs[0]!.body).toBe(
      'Peringatan ISP Ops: Pencadangan harian gagal. S3 tidak dapat dihubungi. · Salinan lokal tersimpan.',
    )
    expect(messages.docs.some((m) => m.staffRecipient === withoutPhone.user.id)).toBe(false)
  })
})
