import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

/**
 * Email over SMTP with nodemailer, when SMTP_HOST is set; without it each email is written to the
 * log in full (recipient, subject, text and every link, so a password-reset link can be handed
 * over by hand), at warn level since it was not delivered. (Payload's own nodemailer adapter has no release matching this Payload version, and all
 * Payload packages stay on one version, so this is the same thing in a few lines.)
 *
 * SMTP_HOST, SMTP_PORT (587), SMTP_SECURE ("true" for implicit TLS, usually port 465), SMTP_USER,
 * SMTP_PASSWORD, EMAIL_FROM (sender address), EMAIL_FROM_NAME (sender name).
 */
export function smtpEmailAdapter(env: NodeJS.ProcessEnv = process.env): EmailAdapter {
  if (!env.SMTP_HOST) return logEmailAdapter
  const transport = nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: Number(env.SMTP_PORT ?? 587),
    secure: env.SMTP_SECURE === 'true',
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } : undefined,
  })
  const defaultFromAddress = env.EMAIL_FROM ?? 'noreply@localhost'
  const defaultFromName = env.EMAIL_FROM_NAME ?? 'ISP Ops'
  return () => ({
    name: 'smtp',
    defaultFromAddress,
    defaultFromName,
    sendEmail: (message) =>
      transport.sendMail({ from: { name: defaultFromName, address: defaultFromAddress }, ...message }),
  })
}

const addressText = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(addressText).join(', ')
    : value && typeof value === 'object'
      ? String((value as { address?: unknown }).address ?? '')
      : String(value ?? '')

/** The readable text of an HTML email: tags dropped, links kept as `text (url)`. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<(br|\/p|\/div|\/h\d|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Without SMTP: the whole email goes to the log instead (see smtpEmailAdapter). */
export const logEmailAdapter: EmailAdapter = ({ payload }) => ({
  name: 'log',
  defaultFromAddress: 'noreply@localhost',
  defaultFromName: 'ISP Ops',
  sendEmail: async (message) => {
    const text =
      typeof message.text === 'string' && message.text
        ? message.text
        : typeof message.html === 'string'
          ? htmlToText(message.html)
          : ''
    payload.logger.warn(
      { email: { to: addressText(message.to), subject: message.subject, text } },
      `Email not sent (SMTP_HOST is not set), written here in full: to ${addressText(message.to)}, "${String(message.subject ?? '')}"\n${text}`,
    )
  },
})
