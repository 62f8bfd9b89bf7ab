import { inject } from 'vitest'
import type { Payload } from 'payload'

/** At least 32 characters, as production requires. */
export const TEST_PAYLOAD_SECRET = 'test-secret-that-is-long-enough-for-production'

/** The backup key the test server runs with (32 bytes as hex). */
export const TEST_BACKUP_KEY = 'a'.repeat(64)

let instance: Promise<Payload> | undefined

/** Payload's Local API on the run's test database (migrated by the global setup). */
export function testPayload(): Promise<Payload> {
  instance ??= (async () => {
    process.env.DATABASE_URL = inject('databaseUrl')
    process.env.MEDIA_DIR = inject('mediaDir')
    process.env.PAYLOAD_SECRET = TEST_PAYLOAD_SECRET
    const { getPayload } = await import('payload')
    const { default: config } = await import('../../payload.config')
    return getPayload({ config })
  })()
  return instance
}

let counter = 0
/** A value unique within the run, for names, emails and serials that must not collide across files. */
export function unique(prefix = 'T'): string {
  counter += 1
  return `${prefix}${Date.now().toString(36).toUpperCase()}${process.pid}${counter}`
}

/** A valid, run-unique Indonesian mobile number in the stored form (628…). */
export function uniquePhone(): string {
  counter += 1
  return `62812${String((Date.now() + counter * 7919) % 100_000_000).padStart(8, '0')}`
}

/** The field messages of a rejected Local API call (Payload puts them in `data.errors`). */
export async function rejectionMessages(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    const e = error as { message: string; data?: { errors?: { message: string }[] } }
    return [e.message, ...(e.data?.errors?.map((x) => x.message) ?? [])].join(' | ')
  }
  throw new Error('the call was accepted')
}
