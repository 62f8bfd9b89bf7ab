import { Worker } from 'node:worker_threads'

import { logger } from '../../../lib/logger'
import type { InvoiceDocumentData, IspProfile } from './types'

/**
 * One thread beside the server's event loop that renders tagihan PDFs (~45 ms of CPU each). A
 * render there neither blocks the other requests nor waits for them, and it can run while the
 * request it belongs to is still being signed in and checked (see invoicePdfAhead.ts).
 *
 * It renders with the very functions the main thread uses, so its bytes are the same. It is an
 * extra, never a dependency: while it starts, after it died, or with a render already waiting,
 * `renderInThread` returns undefined and the caller renders in its own thread as before.
 * PDF_RENDER_THREAD=false leaves it off.
 */
type Waiting = { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }

let worker: Worker | undefined
let ready = false
let nextId = 1
/** The letterhead the thread holds (the shared object loadIspProfile hands out): sent again only when it changes. */
let ispSent: IspProfile | undefined
const waiting = new Map<number, Waiting>()

const enabled = () => process.env.PDF_RENDER_THREAD !== 'false'
// A file beside this one (not written as `new URL('./…', import.meta.url)`, which a bundler would
// take for an asset to bundle: the thread runs only under the server's own loader).
const besideThis = (name: string) => new URL(name, import.meta.url)

/** Starts the thread (idempotent); it is ready about a second later. */
export function startRenderThread(): void {
  if (worker || !enabled()) return
  const thread = new Worker(besideThis('./renderThread.boot.mjs'), {
    workerData: { entry: besideThis('./renderThread.worker.ts').href },
  })
  worker = thread
  thread.unref()
  thread.on('message', (message: { ready?: true; id?: number; pdf?: ArrayBuffer; error?: string }) => {
    if (message.ready) {
      ready = true
      return
    }
    const job = waiting.get(message.id!)
    if (!job) return
    waiting.delete(message.id!)
    if (message.pdf) job.resolve(Buffer.from(message.pdf))
    else job.reject(new Error(`PDF render thread: ${message.error}`))
  })
  const gone = (error: Error) => {
    if (worker !== thread) return
    worker = undefined
    ready = false
    ispSent = undefined
    for (const job of waiting.values()) job.reject(error)
    waiting.clear()
  }
  thread.on('error', (error) => {
    logger.warn({ err: error }, 'PDF render thread failed; PDFs are rendered on the main thread until it is back')
    gone(error)
  })
  thread.on('exit', (code) => gone(new Error(`PDF render thread exited (${code})`)))
}

/** Stops the thread (shutdown, tests). */
export async function stopRenderThread(): Promise<void> {
  const thread = worker
  if (!thread) return
  worker = undefined
  ready = false
  ispSent = undefined
  await thread.terminate()
}

/**
 * The tagihan rendered in the thread, or undefined when the thread cannot take it now (not
 * started, starting, or busy with another render): the caller renders it itself.
 */
export function renderInThread(data: InvoiceDocumentData, isp: IspProfile): Promise<Buffer> | undefined {
  if (!worker || !ready || waiting.size > 0) return undefined
  const id = nextId++
  const thread = worker
  return new Promise<Buffer>((resolve, reject) => {
    waiting.set(id, { resolve, reject })
    thread.postMessage({ id, kind: 'invoice', data, isp: isp === ispSent ? undefined : isp })
    ispSent = isp
  })
}
