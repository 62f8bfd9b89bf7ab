import crypto from 'node:crypto'

import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { isCustomer } from '../../../access/roles'
import { EndpointError } from '../../../lib/endpointKit'
import { countAttempt, type ThrottleRule } from '../../auth/operations/throttle'
import { SPEED_TEST } from '../speedTestRules'

const MINUTE = 60 * 1000

/** How many transfers and saved results a customer gets before waiting (see "Portal" in the README). */
export const SPEED_TEST_RULES = {
  /** Downloads and uploads (a test is one of each): four tests, then a wait. */
  transfers: { free: 8, firstWaitMs: 2 * MINUTE, maxWaitMs: 30 * MINUTE, forgetAfterMs: 30 * MINUTE },
  /** Saved results. */
  results: { free: 6, firstWaitMs: 2 * MINUTE, maxWaitMs: 30 * MINUTE, forgetAfterMs: 30 * MINUTE },
} satisfies Record<string, ThrottleRule>

const NO_STORE = { 'Cache-Control': 'no-store', 'Content-Type': 'application/octet-stream' }

/** The signed-in customer of a speed-test request, or a 401. */
function customerOf(req: PayloadRequest): number {
  if (!req.user || !isCustomer(req.user)) throw new EndpointError(401, 'Silakan masuk dulu sebagai pelanggan.')
  return Number(req.user.id)
}

/** Counts one transfer for the customer: a 429 (in Indonesian) once the free ones are used. */
async function countTransfer(req: PayloadRequest, customerId: number): Promise<void> {
  await countAttempt(req.payload, [{ key: `speed-test:customer:${customerId}`, rule: SPEED_TEST_RULES.transfers }], req)
}

/** A tiny answer for timing round trips (not counted: it costs nothing). */
export function speedTestPing(req: PayloadRequest): Response {
  customerOf(req)
  return new Response(null, { status: 204, headers: NO_STORE })
}

/** `bytes` random bytes (default the page's size, at most the cap), streamed, never cached. */
export async function speedTestDownload(req: PayloadRequest): Promise<Response> {
  const customerId = customerOf(req)
  const asked = req.searchParams?.get('bytes')
  const bytes = asked === null || asked === undefined ? SPEED_TEST.downloadBytes : Number(asked)
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > SPEED_TEST.maxDownloadBytes)
    throw new EndpointError(
      400,
      `Ukuran unduhan harus 1 sampai ${SPEED_TEST.maxDownloadBytes} byte (${SPEED_TEST.maxDownloadBytes / (1024 * 1024)} MB).`,
    )
  await countTransfer(req, customerId)
  const CHUNK = 64 * 1024
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      const size = Math.min(CHUNK, bytes - sent)
      // Random, so no proxy or compression on the way can shrink it.
      controller.enqueue(crypto.randomBytes(size))
      sent += size
    },
  })
  return new Response(body, {
    status: 200,
    headers: { ...NO_STORE, 'Content-Length': String(bytes), 'Content-Encoding': 'identity' },
  })
}

/** Reads (and drops) the uploaded bytes, at most the cap; answers how many arrived. */
/**
 * The most of a too-big upload read and dropped before answering 413: a client that sends its body
 * whole then gets the answer rather than a connection reset under it. Beyond this the answer goes
 * at once and the connection closes (so it carries no more of those bytes).
 */
const UPLOAD_DRAIN_BYTES = 2 * SPEED_TEST.maxUploadBytes

export async function speedTestUpload(req: PayloadRequest): Promise<Response> {
  const customerId = customerOf(req)
  const announced = Number(req.headers.get('content-length') ?? 0)
  const reader = (req.body as ReadableStream<Uint8Array> | null | undefined)?.getReader()
  /** Reads the rest of the body up to UPLOAD_DRAIN_BYTES in all; true when it was read to its end. */
  const drained = async (received: number) => {
    if (!reader) return true
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return true
      received += value.byteLength
      if (received > UPLOAD_DRAIN_BYTES) {
        await reader.cancel().catch(() => undefined)
        return false
      }
    }
  }
  const tooBig = (readWhole: boolean) =>
    Response.json(
      { errors: [{ message: `Unggahan uji maksimal ${SPEED_TEST.maxUploadBytes / (1024 * 1024)} MB.` }] },
      { status: 413, headers: { 'Cache-Control': 'no-store', ...(readWhole ? {} : { Connection: 'close' }) } },
    )
  if (announced > SPEED_TEST.maxUploadBytes) {
    if (announced <= UPLOAD_DRAIN_BYTES) return tooBig(await drained(0))
    await reader?.cancel().catch(() => undefined)
    return tooBig(false)
  }
  await countTransfer(req, customerId)
  let received = 0
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      received += value.byteLength
      if (received > SPEED_TEST.maxUploadBytes) return tooBig(await drained(received))
    }
  }
  return Response.json({ bytes: received }, { headers: { 'Cache-Control': 'no-store' } })
}

/**
 * A result saved by the signed-in customer is always their own, counted against their limit, and
 * carries their package's promised speeds for comparison.
 */
export const prepareSpeedTest: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  // System writes (seeds, tests) say whose result it is themselves.
  if (req.user && isCustomer(req.user)) {
    data.customer = req.user.id
    await countAttempt(
      req.payload,
      [{ key: `speed-test-result:customer:${req.user.id}`, rule: SPEED_TEST_RULES.results }],
      req,
    )
  }
  const customerId = typeof data.customer === 'object' ? data.customer?.id : data.customer
  if (!customerId) throw new EndpointError(400, 'Pelanggan hasil tes belum diisi.')
  const customer = await req.payload.findByID({
    collection: 'customers',
    id: customerId,
    depth: 1,
    select: { package: true },
    populate: { packages: { downloadMbps: true, uploadMbps: true } },
    overrideAccess: true,
    req,
  })
  const pkg = typeof customer.package === 'object' ? customer.package : null
  data.promisedDownloadMbps = pkg?.downloadMbps ?? null
  data.promisedUploadMbps = pkg?.uploadMbps ?? null
  return data
}
