import nodemailer from 'nodemailer'
import type { EmailAdapter } from 'payload'

/**
 * Email over SMTP with nodemailer, when SMTP_HOST is set; without it Payload writes emails to the
 * log. (Payload's own nodemailer adapter has no release matching this Payload version, and all
 * Payload packages stay on one version, so this is the same thing in a few lines.)
 *
 * SMTP_HOST, SMTP_PORT (587), SMTP_SECURE ("true" for implicit TLS, usually port 465), SMTP_USER,
 * SMTP_PASSWORD, EMAIL_FROM (sender address), EMAIL_FROM_NAME (sender name).
 */
export function smtpEmailAdapter(env: NodeJS.ProcessEnv = process.env): EmailAdapter | undefined {
  if (!env.SMTP_HOST) return undefined
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
